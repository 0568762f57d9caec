import Testing
@testable import Site

/// The interactive figure's curves obey the theory lesson 05 states, with
/// the lesson's own tolerances.
@Suite struct GradientCurvesTests {
    /// The site's sizes on a coarser ρ grid (0.5, 1, …, 3), to keep the
    /// debug-build test short; the theory holds at every ρ.
    static let coarse: GradientCurves.Config = {
        var c = GradientCurves.Config()
        c.rhoStep = 0.5
        return c
    }()
    static let curves = GradientCurves(config: coarse, seed: 0)

    @Test func theGridIsHalfToThreeInTenths() {
        let rhos = GradientCurves.Config().rhos
        #expect(rhos.count == 26 && rhos.first == 0.5 && rhos.last == 3.0 && rhos.contains(1.5) && rhos.contains(1.0))
        #expect(rhos[13] == 1.8)        // 0.5 + 13·0.1, without drift
        #expect(Self.curves.config.rhos == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect(Self.curves.curves.count == 6 * 3)
    }

    /// Identity φ and W_hh = ρQ: ‖∂L/∂H_t‖ = ρ^(T−t) exactly, up to Double
    /// rounding over T steps, T·(h^{3/2} + 2h)·u as in lesson 05's claim
    /// (Q orthogonal to h·u, each product norm-preserving to h^{3/2}·u).
    @Test func identityFollowsRhoToThePower() {
        let c = Self.curves.config
        let u = Double.ulpOfOne / 2
        let h = Double(c.hiddens)
        let tolerance = Double(c.steps) * (h * h.squareRoot() + 2 * h) * u
        for curve in Self.curves.curves where curve.activation == .identity {
            for (t, r) in curve.ratios.enumerated() {
                let theory = Double.pow(curve.rho, Double(c.steps - t))
                #expect(abs(r / theory - 1) <= tolerance, "ρ = \(curve.rho), t = \(t): \(r) vs \(theory)")
            }
        }
    }

    /// tanh and sigmoid never exceed (γ‖W_hh‖₂)^(T−t), allowing Double
    /// rounding of T products: 1 + 2T(h + 2)·u, lesson 05's tolerance.
    @Test func saturatingActivationsStayUnderTheBound() {
        let c = Self.curves.config
        let slack = 1 + 2 * Double(c.steps) * Double(c.hiddens + 2) * Double.ulpOfOne / 2
        for curve in Self.curves.curves where curve.activation != .identity {
            for (t, r) in curve.ratios.enumerated() {
                #expect(r <= Double.pow(curve.boundBase, Double(c.steps - t)) * slack, "\(curve.activation) ρ = \(curve.rho), t = \(t)")
            }
        }
    }

    @Test func theSeedMatters() {
        var small = GradientCurves.Config()
        (small.steps, small.rhoMin, small.rhoMax) = (20, 1.5, 1.5)
        let other = GradientCurves(config: small, seed: 1)
        let same = GradientCurves(config: small, seed: 0)
        let tanh15 = { (g: GradientCurves) in g.curves.first { $0.activation == .tanh && $0.rho == 1.5 }!.ratios[0] }
        #expect(tanh15(other) != tanh15(same))
        #expect(tanh15(same) == tanh15(GradientCurves(config: small, seed: 0)))
    }

    @Test func embeddedNumbers() {
        #expect(GradientExplorer.log10Text(1) == "0.000")
        #expect(GradientExplorer.log10Text(0.99999999) == "0.000")     // no "-0.000"
        #expect(GradientExplorer.log10Text(1e-48) == "-48.000")
        #expect(GradientExplorer.log10Text(0) == "null")
        #expect(GradientExplorer.log10Text(.infinity) == "null")
        #expect(GradientExplorer.log10Text(1.5, decimals: 6) == "0.176091")
        #expect(GradientExplorer.number(0.1) == "0.1" && GradientExplorer.number(3) == "3")
    }
}
