import Course
import Plot
import Tensor

/// The figures of lesson 05: the gradient norms per activation, the
/// overview for tanh, and the clipping experiment.
extension GradientsLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        var figures = try c.activations.map { try normsChart(r, c, $0, strings) }
        if let overview = try overview(r, c, strings) { figures.append(overview) }
        if let saturation = try saturationChart(r, c, strings) { figures.append(saturation) }
        figures.append(try trainingChart(r, c, strings))
        figures.append(try plainChart(r, c, strings))
        figures.append(try signalChart(r, c, strings))
        figures.append(try lossChart(r, c, strings))
        return figures
    }

    /// log ‖∂L/∂H_t‖ against t: one line per ρ (median over runs), each
    /// ρ's theory dashed in its colour with its own legend entry, and the
    /// float32 computation of one ρ where float32 breaks (the first that
    /// flushes to 0, else the last that overflows).
    static func normsChart(_ r: Result, _ c: Config, _ phi: Activation, _ strings: StringTables) throws -> FigureSpec {
        let ts = (0...c.steps).map(Double.init)
        let sweeps = r.sweeps.filter { $0.activation == phi }
        let broken = sweeps.first { $0.floatFlushStep != nil } ?? sweeps.last { $0.floatOverflowStep != nil }
        func lines(_ text: StringTable) throws -> [LineSeries] {
            var series: [LineSeries] = []
            for (i, s) in sweeps.enumerated() {
                series.append(LineSeries(try text.text("chart.norms.rho", ["rho": NumberText.short(s.rho)]), x: ts, y: s.median, colorIndex: i))
            }
            for (i, s) in sweeps.enumerated() {
                let key = phi == .identity ? "chart.norms.theory" : "chart.norms.bound"
                series.append(LineSeries(try text.text(key, ["rho": NumberText.short(s.rho)]), x: ts, y: s.bounds[0], style: .theory, colorIndex: i))
            }
            if let broken {
                // After an overflow every earlier step is NaN: draw up to the ∞.
                let from = broken.floatFlushStep == nil ? (broken.floatOverflowStep ?? 0) : 0
                series.append(LineSeries(try text.text("chart.norms.float32", ["rho": NumberText.short(broken.rho)]), x: Array(ts[from...]),
                                         y: Array(broken.floatNorms[from...]), colorIndex: 6))
            }
            return series
        }
        let series = try lines(strings[.en])
        // Ten empty decades below the lowest value, so a break marker on the
        // bottom edge has its label beside it rather than among the lines.
        let shown = series.flatMap(\.y).filter { $0.isFinite && $0 > 0 }
        let low = Double.log10(shown.min() ?? 1), high = Double.log10(shown.max() ?? 1)
        let yRange = Double.pow(10, 10 * (low / 10).rounded(.down) - 10)...Double.pow(10, 10 * (high / 10).rounded(.up))
        let gamma = phi == .sigmoid ? "1/4" : "1"
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.norms.title", ["activation": phi.displayName, "identity": phi == .identity, "gamma": gamma]),
                xLabel: try text.text("chart.time-step"), yLabel: try text.text("chart.ratio"),
                xScale: .linear, yScale: .log10, series: try lines(text), yRange: yRange,
                missingLabels: try .course(language))
        }
        return FigureSpec(
            name: "norms-\(phi.rawValue)",
            caption: try strings.text("figure.norms", ["activation": phi.displayName, "runs": c.runs, "identity": phi == .identity,
                                                       "float": broken != nil, "float_rho": broken.map { NumberText.short($0.rho) } ?? ""]),
            figure: chart)
    }

    /// tanh's saturation against ρ: the fraction of saturated states, the
    /// mean and RMS slope, the predicted factor ρ·RMS(φ′), the measured
    /// factor per step, and the line at 1 that separates decay from growth.
    static func saturationChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec? {
        let tanh = r.sweeps.filter { $0.activation == .tanh }.sorted { $0.rho < $1.rho }
        let pooled = tanh.compactMap(\.pooledSaturation)
        guard tanh.count >= 2, pooled.count == tanh.count else { return nil }
        let rhos = tanh.map(\.rho)
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.saturation.title"),
                xLabel: "$\\rho$", yLabel: try text.text("chart.saturation.y"),
                xScale: .linear, yScale: .linear,
                series: [
                    LineSeries(try text.text("chart.saturation.fraction", ["threshold": NumberText.short(saturationThreshold)]), x: rhos, y: pooled.map(\.fraction), colorIndex: 4),
                    LineSeries(try text.text("chart.saturation.mean"), x: rhos, y: pooled.map(\.meanSlope), colorIndex: 2),
                    LineSeries(try text.text("chart.saturation.rms"), x: rhos, y: pooled.map(\.rmsSlope), colorIndex: 3),
                    LineSeries(try text.text("chart.saturation.predicted"), x: rhos, y: tanh.compactMap(\.predictedStepFactor), colorIndex: 0),
                    LineSeries(try text.text("chart.saturation.measured"), x: rhos, y: tanh.map(\.stepFactor), colorIndex: 1),
                    LineSeries(try text.text("chart.saturation.one"), x: [rhos.first!, rhos.last!], y: [1, 1], style: .theory, colorIndex: 6),
                ])
        }
        return FigureSpec(name: "saturation-tanh", caption: try strings.text("figure.saturation-tanh", ["runs": c.runs, "T": c.steps]),
                          figure: chart)
    }

    /// The clipped run's gradient norm per update, before and after
    /// clipping, with θ: on its own axis, so the unclipped run (next chart)
    /// cannot flatten it.
    static func trainingChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let cc = c.clipping, clipped = r.training.clipped
        let k = { (n: Int) in (1...max(n, 1)).map(Double.init) }
        let theta = [Double](repeating: cc.theta, count: clipped.normsAfter.count)
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.clipping.title", ["theta": NumberText.short(cc.theta)]),
                xLabel: try text.text("chart.update"), yLabel: try text.text("chart.clipping.y"),
                xScale: .linear, yScale: .log10,
                series: [
                    LineSeries(try text.text("chart.clipping.before"), x: k(clipped.normsBefore.count), y: clipped.normsBefore, colorIndex: 0),
                    LineSeries(try text.text("chart.clipping.after"), x: k(clipped.normsAfter.count), y: clipped.normsAfter, colorIndex: 2),
                    LineSeries("$\\theta$", x: k(theta.count), y: theta, style: .theory, colorIndex: 6),
                ],
                missingLabels: try .course(language))
        }
        return FigureSpec(
            name: "clipping",
            caption: try strings.text("figure.clipping", ["rho": NumberText.short(cc.rho), "T": cc.steps]),
            figure: chart)
    }

    /// The run without clipping: the gradient norm per update, each taken
    /// at full length, with the clipped run's θ for scale. On its own axis:
    /// drawn with the step-1 gradients (next chart), whose range reaches
    /// down to 1e-100, it lay on top of the clipped run's curve near 1.
    static func plainChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let cc = c.clipping, plain = r.training.plain
        let k = { (n: Int) in (1...max(n, 1)).map(Double.init) }
        let theta = [Double](repeating: cc.theta, count: plain.normsBefore.count)
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.plain.title"),
                xLabel: try text.text("chart.update"), yLabel: try text.text("chart.clipping.y"),
                xScale: .linear, yScale: .log10,
                series: [
                    LineSeries(try text.text("chart.plain.g"), x: k(plain.normsBefore.count), y: plain.normsBefore, colorIndex: 1),
                    LineSeries(try text.text("chart.plain.theta"), x: k(theta.count), y: theta, style: .theory, colorIndex: 6),
                ],
                missingLabels: try .course(language))
        }
        return FigureSpec(name: "clipping-plain", caption: try strings.text("figure.clipping-plain"), figure: chart)
    }

    /// For both runs the gradient that reaches step 1, ‖∂L/∂H_1‖, as its largest value in
    /// each block of `lateWindow` updates (single updates are often an
    /// exact 0 once the states saturate, and would fill the chart with
    /// break markers).
    static func signalChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let plain = r.training.plain, clipped = r.training.clipped, w = ClippingExperiment.lateWindow
        func blocks(_ xs: [Double]) -> (x: [Double], y: [Double]) {
            let starts = Array(stride(from: 0, to: xs.count, by: w))
            return (starts.map { Double(min($0 + w, xs.count)) },
                    starts.map { xs[$0..<min($0 + w, xs.count)].max()! })
        }
        let p1 = blocks(plain.stepOne), c1 = blocks(clipped.stepOne)
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.signal.title"),
                xLabel: try text.text("chart.update"), yLabel: try text.text("chart.signal.y"),
                xScale: .linear, yScale: .log10,
                series: [
                    LineSeries(try text.text("chart.signal.plain-h1"), x: p1.x, y: p1.y, colorIndex: 3),
                    LineSeries(try text.text("chart.signal.clipped-h1"), x: c1.x, y: c1.y, colorIndex: 0),
                ],
                missingLabels: try .course(language))
        }
        return FigureSpec(name: "clipping-signal", caption: try strings.text("figure.clipping-signal", ["window": w]), figure: chart)
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
        func chart(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return LineChart(
                title: try text.text("chart.loss.title", ["theta": NumberText.short(cc.theta)]),
                xLabel: try text.text("chart.update"), yLabel: try text.text("chart.loss.y"),
                xScale: .linear, yScale: .log10,
                series: [
                    LineSeries(try text.text("chart.loss.clipped"), x: updates, y: clipped.losses, colorIndex: 0),
                    LineSeries(try text.text("chart.loss.zero"), x: updates, y: zeroAnswer, style: .theory, colorIndex: 6),
                ],
                missingLabels: try .course(language))
        }
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
        func map(_ language: Language) throws -> any Figure {
            let text = strings[language]
            return HeatMap(
                title: try text.text("chart.overview.title", ["runs": c.runs]),
                xLabel: try text.text("chart.time-step"), yLabel: "$\\rho$",
                values: sweeps.map(\.median),
                rowLabels: sweeps.map { NumberText.short($0.rho) },
                columnLabels: (0...T).map { String($0) },
                scale: .log10, colorBarLabel: try text.text("chart.ratio"),
                missingLabels: try .course(language))
        }
        return FigureSpec(
            name: "overview-tanh",
            caption: try strings.text("figure.overview-tanh"),
            figure: map)
    }
}
