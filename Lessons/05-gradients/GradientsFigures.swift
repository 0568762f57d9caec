import Course
import Network
import Plot
import Tensor

/// The figures of lesson 05.
enum GradientsFigures {
    static func all(_ r: GradientsReport.Inputs) -> [FigureSpec] {
        var figures = r.config.activations.map { normsChart(r, $0) }
        if let overview = overview(r) { figures.append(overview) }
        figures.append(trainingChart(r))
        figures.append(lossChart(r))
        return figures
    }

    /// log ‖∂L/∂H_t‖ against t: one line per ρ (median over runs), the
    /// theory dashed, and the float32 computation of the smallest ρ.
    static func normsChart(_ r: GradientsReport.Inputs, _ phi: Activation) -> FigureSpec {
        let c = r.config
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
            caption: Bilingual(
                en: "\(phi.displayName): ‖∂L/∂H_t‖ against t, median of \(c.runs) runs per ρ; dashed: \(phi == .identity ? "the exact theory ρ^(T−t)" : "the bound (γρ)^(T−t)")",
                zh: "\(phi.displayName)：‖∂L/∂H_t‖ 随 t 的变化，每个 ρ 取 \(c.runs) 次初始化的中位数；虚线：\(phi == .identity ? "精确理论值 ρ^(T−t)" : "上界 (γρ)^(T−t)")"),
            figure: chart)
    }

    /// The clipping experiment: gradient norm per update, with and without.
    static func trainingChart(_ r: GradientsReport.Inputs) -> FigureSpec {
        let plain = r.training.plain, clipped = r.training.clipped
        let k = { (n: Int) in (1...max(n, 1)).map(Double.init) }
        let theta = [Double](repeating: r.clipping.theta, count: clipped.normsAfter.count)
        let chart = LineChart(
            title: "Training with and without clipping ($\\theta = \(NumberText.short(r.clipping.theta))$)",
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
            caption: Bilingual(en: "Gradient norm per SGD update on the recall task, W_hh = \(NumberText.short(r.clipping.rho))·Q at the start",
                               zh: "记忆任务上每次 SGD 更新的梯度范数，初始 W_hh = \(NumberText.short(r.clipping.rho))·Q"),
            figure: chart)
    }

    /// The clipping experiment: the training loss per update, with clipping.
    /// The run without clipping is left out: it is not finite after a few
    /// updates (the gradient-norm chart shows it), and on a shared axis its
    /// 1e100s would flatten the curve this chart is for.
    static func lossChart(_ r: GradientsReport.Inputs) -> FigureSpec {
        let clipped = r.training.clipped
        let updates = (1...max(clipped.losses.count, 1)).map(Double.init)
        let zeroAnswer = [Double](repeating: Double(r.clipping.inputs) / 2, count: clipped.losses.count)
        let diverged = r.training.plain.divergedAt.map { $0 + 1 }
        let chart = LineChart(
            title: "Training loss with clipping ($\\theta = \(NumberText.short(r.clipping.theta))$)",
            xLabel: "update", yLabel: "loss (mean over the batch)",
            xScale: .linear, yScale: .log10,
            series: [
                LineSeries("with clipping", x: updates, y: clipped.losses, colorIndex: 0),
                LineSeries("always answering 0", x: updates, y: zeroAnswer, style: .theory, colorIndex: 6),
            ])
        let note = diverged.map { Bilingual(en: "; without clipping the loss is not finite from update \($0) on",
                                            zh: "；不裁剪时，从第 \($0) 次更新起损失已不是有限数") }
            ?? Bilingual(en: "", zh: "")
        return FigureSpec(
            name: "clipping-loss",
            caption: Bilingual(en: "Loss per SGD update on the recall task with clipping; dashed: the loss of always answering 0" + note.en,
                               zh: "裁剪后记忆任务上每次 SGD 更新的损失；虚线：总是输出 0 时的损失" + note.zh),
            figure: chart)
    }

    /// All of ρ and t at once for tanh: log10 of the median norm as colour.
    static func overview(_ r: GradientsReport.Inputs) -> FigureSpec? {
        let sweeps = r.sweeps.filter { $0.activation == .tanh }
        guard sweeps.count >= 2 else { return nil }
        let T = r.config.steps
        let map = HeatMap(
            title: "tanh: $\\|\\partial L / \\partial \\bf{H}_t\\|$ over $\\rho$ and $t$ (median of \(r.config.runs) runs)",
            xLabel: "time step $t$", yLabel: "$\\rho$",
            values: sweeps.map(\.median),
            rowLabels: sweeps.map { NumberText.short($0.rho) },
            columnLabels: (0...T).map { String($0) },
            scale: .log10, colorBarLabel: "gradient norm")
        return FigureSpec(
            name: "overview-tanh",
            caption: Bilingual(en: "tanh: the median ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖ for every ρ (rows) and t (columns), on a log colour scale",
                               zh: "tanh：每个 ρ（行）与 t（列）上 ‖∂L/∂H_t‖ / ‖∂L/∂H_T‖ 的中位数，颜色按对数刻度"),
            figure: map)
    }
}
