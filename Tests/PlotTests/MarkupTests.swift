@testable import Plot
import Testing

/// The label markup: which characters get which face, size and shift.
@Suite struct MarkupTests {
    /// The runs of a parsed label, flattened, as (text, family, italic, bold, size, shift).
    static func runs(_ source: String, size: Double = 20) -> [MathMarkup.Run] {
        func flatten(_ pieces: [MathMarkup.Piece]) -> [MathMarkup.Run] {
            pieces.flatMap { piece -> [MathMarkup.Run] in
                switch piece {
                case .run(let r): [r]
                case .gap: []
                case .scripts(let sub, let sup): flatten(sub) + flatten(sup)
                }
            }
        }
        return flatten(MathMarkup.parse(source, size: size))
    }

    @Test func boldMatrixWithSubscript() {
        let r = Self.runs("$\\bf{H}_{t-1}$")
        #expect(r.map(\.text) == ["H", "t", "\u{2212}1"])
        #expect(r[0].font == Font(.serif, size: 20, bold: true))
        #expect(r[1].font == Font(.serif, size: 20 * MathMarkup.scriptScale, italic: true))
        #expect(r[2].font == Font(.serif, size: 20 * MathMarkup.scriptScale))
        #expect(r[1].shift > 0 && r[1].shift == r[2].shift)
    }

    @Test func superscriptIsRaisedAndUsesARealMinus() {
        let r = Self.runs("$10^{-20}$")
        #expect(r.map(\.text) == ["10", "\u{2212}20"])
        #expect(r[1].shift < 0)
        #expect(r[1].font.size < r[0].font.size)
    }

    @Test func greekLettersAndProse() {
        let r = Self.runs("weights $\\phi(\\rho\\theta)$ and \\Delta")
        #expect(r.map(\.text) == ["weights ", "ϕ", "(", "ρθ", ")", " and Δ"])
        #expect(r[0].font.family == .sans)
        #expect(r[1].font.italic && r[1].font.family == .serif)
        #expect(!r[2].font.italic)
        #expect(r[5].font.family == .sans && !r[5].font.italic)
    }

    @Test func mathSpacingComesFromRolesNotFromTypedSpaces() {
        let tight = MathMarkup.parse("$\\rho=0.5$", size: 20)
        #expect(tight == MathMarkup.parse("$\\rho = 0.5$", size: 20))
        #expect(tight.filter { if case .gap = $0 { true } else { false } }.count == 2)
        // A leading minus is unary; a minus between operands is binary.
        #expect(!MathMarkup.parse("$-1$", size: 20).contains { if case .gap = $0 { true } else { false } })
        #expect(MathMarkup.parse("$a-b$", size: 20).filter { if case .gap = $0 { true } else { false } }.count == 2)
        // Scripts stay tight; \partial L sets ∂L; \text keeps its spaces.
        #expect(Self.runs("$10^{-20}$").map(\.text) == ["10", "\u{2212}20"])
        #expect(Self.runs("$\\partial L$").map(\.text) == ["∂", "L"])
        #expect(Self.runs("$\\text{dim 1}$").map(\.text) == ["dim 1"])
    }

    @Test func hyphenStaysInProseAndUnknownCommandsShow() {
        #expect(Self.runs("time-step").map(\.text) == ["time-step"])
        #expect(Self.runs("$\\foo$").map(\.text) == ["\\foo"])
    }

    @Test func subscriptAndSuperscriptAttachToOneBase() {
        let pieces = MathMarkup.parse("$x_i^2$", size: 20)
        #expect(pieces.count == 2)
        guard case .scripts(let sub, let sup) = pieces[1] else { Issue.record("no scripts"); return }
        #expect(!sub.isEmpty && !sup.isEmpty)
    }
}

/// Tick choice and labels.
@Suite struct AxisTests {
    @Test func logAxisLabelsDecades() {
        let axis = Axis(scale: .log10, values: [3e-3, 50])
        #expect(axis.lower == 1e-3 && axis.upper == 100)
        let labels = axis.ticks.compactMap(\.label)
        #expect(labels == ["$10^{-3}$", "$10^{-2}$", "$10^{-1}$", "$10^{0}$", "$10^{1}$", "$10^{2}$"])
        #expect(axis.ticks.filter { $0.label == nil }.count == 5 * 8)
    }

    @Test func longLogAxisLabelsEveryFewDecades() {
        let axis = Axis(scale: .log10, values: [1e-45, 1e38, 0, .nan, .infinity])
        let labels = axis.ticks.compactMap(\.label)
        #expect(labels.count <= 9)
        #expect(labels.contains("$10^{0}$"))
        #expect(axis.lower <= 1e-45 && axis.upper >= 1e38)
    }

    @Test func linearTicksAreRoundNumbers() {
        let axis = Axis(scale: .linear, values: [-0.37, 2.1])
        #expect(axis.ticks.compactMap(\.label) == ["\u{2212}0.5", "0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
    }

    @Test func logAxisRejectsWhatItCannotShow() {
        for v in [0, -1, .nan, .infinity, Double.leastNonzeroMagnitude] {
            #expect(Axis.transform(v, .log10) == nil)
        }
        #expect(Axis.transform(1e-300, .log10) != nil)
    }
}
