import Course
import Plot
import Tensor

/// The figures of lesson 05: the gradient norms per activation, the
/// overview for tanh, and the clipping experiment.
extension GradientsLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        var figures = try c.activations.map { try normsChart(r, c, $0, strings) }
        if let overview = try overview(r, c, strings) { figures.append(overview) }
        figures.append(try trainingChart(r, c, strings))
        figures.append(try lossChart(r, c, strings))
        return figures
    }

    /// log ‖∂L/∂H_t‖ against t: one line per ρ (median over runs), the
    /// theory dashed, and the float32 computation of the smallest ρ.
    static func normsChart(_ r: Result, _ c: Config, _ phi: Activation, _ strings: StringTables) throws -> FigureSpec {
        let ts = (0...c.steps).map(Double.init)
        var series: [LineSeries] = []
        let sweeps = r.sweeps.filter { $0.activation == phi }
        for (i, s) in sweeps.enumerated() {
            series.append(LineSeries("$\\rho = \(NumberText.short(s.rho))$", x: ts, y: s.median, colorIndex: i))
        }
        for (i, s) in sweeps.enumerated() {
            let theory = s.bounds[0]
            series.append(LineSeries(i == 0 ? (phi == .identity ? "theory $\\rho^{T-t}$" : "bound $(\\gamma\\rho)^{T-t}$") : "",
                                     x: ts, y: theory, style: .theory, colorIndex: i))
        }
        if phi != .identity, let low = sweeps.first {   // identity never leaves float32's range here
            series.append(LineSeries("float32, $\\rho = \(NumberText.short(low.rho))$", x: ts, y: low.floatNorms, colorIndex: 6))
        }
        let gamma = phi == .sigmoid ? "1/4" : "1"
        let chart = LineChart(
            title: "\(phi.displayName): gradient norm through time (γ = \(gamma))",
            xLabel: "time step $t$", yLabel: "$\\|\\partial L / \\partial \\bf{H}_t\\| \\,/\\, \\|\\partial L / \\partial \\bf{H}_T\\|$",
            xScale: .linear, yScale: .log10, series: series)
        return FigureSpec(
            name: "norms-\(phi.rawValue)",
            caption: try strings.text("figure.norms", ["activation": phi.displayName, "runs": c.runs, "identity": phi == .identity]),
            figure: chart)
    }

    /// The clipping experiment: gradient norm per update, with and without.
    static func trainingChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let cc = c.clipping, plain = r.training.plain, clipped = r.training.clipped
        let k = { (n: Int) in (1...max(n, 1)).map(Double.init) }
        let theta = [Double](repeating: cc.theta, count: clipped.normsAfter.count)
        let chart = LineChart(
            title: "Training with and without clipping ($\\theta = \(NumberText.short(cc.theta))$)",
            xLabel: "update", yLabel: "gradient norm $\\|g\\|$",
            xScale: .linear, yScale: .log10,
            series: [
                LineSeries("without clipping", x: k(plain.normsBefore.count), y: plain.normsBefore, colorIndex: 1),
                LineSeries("with clipping: before", x: k(clipped.normsBefore.count), y: clipped.normsBefore, colorIndex: 0),
                LineSeries("with clipping: applied", x: k(clipped.normsAfter.count), y: clipped.normsAfter, colorIndex: 2),
                LineSeries("$\\theta$", x: k(theta.count), y: theta, style: .theory, colorIndex: 6),
            ])
        return FigureSpec(
            name: "clipping",
            caption: try strings.text("figure.clipping", ["rho": NumberText.short(cc.rho)]),
            figure: chart)
    }

    /// The clipping experiment: the training loss per update, with clipping.
    /// The run without clipping is left out: it is not finite after a few
    /// updates (the gradient-norm chart shows it), and on a shared axis its
    /// 1e100s would flatten the curve this chart is for.
    static func lossChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let cc = c.clipping, clipped = r.training.clipped
        let updates = (1...max(clipped.losses.count, 1)).map(Double.init)
        let zeroAnswer = [Double](repeating: Double(cc.inputs) / 2, count: clipped.losses.count)
        let diverged = r.training.plain.divergedAt.map { $0 + 1 }
        let chart = LineChart(
            title: "Training loss with clipping ($\\theta = \(NumberText.short(cc.theta))$)",
            xLabel: "update", yLabel: "loss (mean over the batch)",
            xScale: .linear, yScale: .log10,
            series: [
                LineSeries("with clipping", x: updates, y: clipped.losses, colorIndex: 0),
                LineSeries("always answering 0", x: updates, y: zeroAnswer, style: .theory, colorIndex: 6),
            ])
        return FigureSpec(
            name: "clipping-loss",
            caption: try strings.text("figure.clipping-loss", ["diverged": diverged != nil, "update": diverged ?? 0]),
            figure: chart)
    }

    /// All of ρ and t at once for tanh: log10 of the median norm as colour.
    static func overview(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec? {
        let sweeps = r.sweeps.filter { $0.activation == .tanh }
        guard sweeps.count >= 2 else { return nil }
        let T = c.steps
        let map = HeatMap(
            title: "tanh: $\\|\\partial L / \\partial \\bf{H}_t\\|$ over $\\rho$ and $t$ (median of \(c.runs) runs)",
            xLabel: "time step $t$", yLabel: "$\\rho$",
            values: sweeps.map(\.median),
            rowLabels: sweeps.map { NumberText.short($0.rho) },
            columnLabels: (0...T).map { String($0) },
            scale: .log10, colorBarLabel: "gradient norm")
        return FigureSpec(
            name: "overview-tanh",
            caption: try strings.text("figure.overview-tanh"),
            figure: map)
    }
}
