import Testing
@testable import Site

/// Math is found where a reader of the reports sees math, and nowhere else.
@Suite struct MathSpansTests {
    func spans(_ markdown: String) throws -> [MathSpans.Span] { try MathSpans(extractingFrom: markdown).spans }

    @Test func inlineAndDisplayMathAreTakenOut() throws {
        let m = try MathSpans(extractingFrom: "With $a_t * b_t$ and\n\n$$\n\\frac{x}{y} \\\\ z\n$$\n")
        #expect(m.spans == [.init(tex: "a_t * b_t", display: false), .init(tex: "\\frac{x}{y} \\\\ z", display: true)])
        #expect(m.markdown == "With \(MathSpans.placeholder(0)) and\n\n\(MathSpans.placeholder(1))\n")
    }

    @Test func codeIsNotMath() throws {
        #expect(try spans("`let a = $0 + $1` and $x$").map(\.tex) == ["x"])
        #expect(try spans("``a ` $b$ ``").isEmpty)
        #expect(try spans("```swift\nxs.map { $0 * $1 }\n```\n$y$\n").map(\.tex) == ["y"])
        #expect(try spans("~~~~\n$a$\n~~~\n$b$\n~~~~\n").isEmpty)       // a shorter fence does not close
    }

    @Test func dollarsThatAreNotMath() throws {
        #expect(try spans("it costs $5 or $6").isEmpty)     // the closing $ is followed by a digit
        #expect(try spans("a $ b $ c").isEmpty)             // the opening $ is followed by a space
        #expect(try spans("\\$x$ is text").isEmpty)         // an escaped dollar
        #expect(try spans("$x\n\ny$").isEmpty)              // math does not cross a paragraph
    }

    @Test func spaceBeforeTheClosingDollarIsAllowed() throws {
        // Lesson 02 writes "$\phi = $ tanh".
        #expect(try spans("and $\\phi = $ tanh.").map(\.tex) == ["\\phi = "])
    }

    @Test func inlineMathMaySpanALineBreak() throws {
        #expect(try spans("see $a +\nb$ here").map(\.tex) == ["a +\nb"])
    }

    @Test func substituteRestoresEveryPlaceholder() throws {
        let html = "<p>\(MathSpans.placeholder(1)) and \(MathSpans.placeholder(0))</p>"
        #expect(try MathSpans.substitute(html, rendered: ["A", "B"]) == "<p>B and A</p>")
        #expect(throws: SiteError.self) { try MathSpans.substitute("\u{E000}7\u{E001}", rendered: ["A"]) }
    }

    @Test func placeholderCharactersInTheInputAreRejected() {
        #expect(throws: SiteError.self) { try MathSpans(extractingFrom: "a \u{E000} b") }
    }
}
