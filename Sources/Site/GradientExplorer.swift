import Foundation

/// Lesson 05's interactive figure: a slider over ρ and a choice of
/// activation that switch between the precomputed ``GradientCurves``.
///
/// The page carries the curves as JSON (log₁₀ of each ratio, 3 decimals:
/// 0.12 % relative, finer than a pixel on any screen) and
/// `assets/gradient-explorer.js` draws the chosen one into an SVG. Without
/// JavaScript the block stays hidden and the static figures remain; in
/// print it is hidden too.
enum GradientExplorer {
    /// The lesson folder whose page gets the figure (any "NN-gradients").
    static func belongs(to pageID: String) -> Bool { pageID.hasSuffix("-gradients") }

    static func html(_ curves: GradientCurves, strings s: SiteStrings) throws -> String {
        let c = curves.config
        let defaultRho = c.rhos.contains(1.5) ? 1.5 : c.rhos[c.rhos.count / 2]
        var data = "{\"steps\":\(c.steps),\"rhos\":[\(c.rhos.map(number).joined(separator: ","))],\"curves\":{"
        data += try c.activations.map { phi in
            let mine = curves.curves.filter { $0.activation == phi }
            let logs = mine.map { curve in "[" + curve.ratios.map { log10Text($0) }.joined(separator: ",") + "]" }
            let bases = mine.map { log10Text($0.boundBase, decimals: 6) }
            let name = try jsonString(phi.displayName)
            return "\"\(phi.rawValue)\":{\"name\":\(name),\"log10BoundBase\":[\(bases.joined(separator: ","))],\"log10\":[\(logs.joined(separator: ","))]}"
        }.joined(separator: ",")
        data += "}}"

        let caption = try s.text("explorer.caption", [
            "seed": "\(curves.seed)", "steps": "\(c.steps)", "hiddens": "\(c.hiddens)", "batch": "\(c.batch)",
            "inputs": "\(c.inputs)", "rhoMin": number(c.rhoMin), "rhoMax": number(c.rhoMax), "rhoStep": number(c.rhoStep),
        ])
        let options = c.activations.map { phi in
            "<option value=\"\(phi.rawValue)\"\(phi == .tanh ? " selected" : "")>\(escape(phi.displayName))</option>"
        }.joined()
        return """
        <figure class="explorer" id="gradient-explorer" hidden>
        <h3>\(escape(try s.text("explorer.title")))</h3>
        <div class="explorer-controls">
        <label>\(escape(try s.text("explorer.rho"))) <input type="range" id="explorer-rho" min="\(number(c.rhoMin))" max="\(number(c.rhoMax))" step="\(number(c.rhoStep))" value="\(number(defaultRho))"> <output id="explorer-rho-value">\(number(defaultRho))</output></label>
        <label>\(escape(try s.text("explorer.activation"))) <select id="explorer-activation">\(options)</select></label>
        </div>
        <svg id="explorer-plot" viewBox="0 0 640 360" role="img" aria-label="\(escape(try s.text("explorer.measured")))"></svg>
        <p class="explorer-readout" id="explorer-readout" data-template="\(escape(try s.text("explorer.readout")))"></p>
        <figcaption>\(escape(caption))</figcaption>
        <script type="application/json" id="explorer-data" data-measured="\(escape(try s.text("explorer.measured")))" data-bound="\(escape(try s.text("explorer.bound")))" data-axis="\(escape(try s.text("explorer.axis")))">\(data)</script>
        </figure>

        """
    }

    /// A short decimal for ρ and the like (0.5, 1, 2.5).
    static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%g", x)
    }

    /// log₁₀ of a positive finite number to `decimals` places; `null` where
    /// there is nothing to draw on a log scale (0, ∞, NaN). The bound's base
    /// gets 6 places: it is raised to the power T, which multiplies its
    /// rounding error by T.
    static func log10Text(_ x: Double, decimals: Int = 3) -> String {
        guard x > 0, x.isFinite else { return "null" }
        let s = String(format: "%.\(decimals)f", Foundation.log10(x))
        return s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(s.dropFirst()) : s
    }

    static func jsonString(_ s: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes]), as: UTF8.self)
            .dropFirst().dropLast().description
    }
}
