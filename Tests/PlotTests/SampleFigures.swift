import BookFigures
import Foundation
import Plot

/// The figures the tests render: one of each kind, with the awkward data
/// the lessons produce (underflow, overflow, NaN).
enum SampleFigures {
    /// Gradient norms over 100 steps for three scales of W_hh, as Float
    /// would compute them: ρ = 0.3 underflows to 0, ρ = 2.5 overflows to ∞
    /// and then turns NaN, ρ = 1 has a NaN gap; plus the exact ρᵗ curves.
    static var logLineChart: LineChart {
        let t = (1...100).map(Double.init)
        func float(_ v: Double) -> Double {
            let f = Float(v)
            return f.isFinite && abs(f) < Float.leastNonzeroMagnitude ? 0 : Double(f)
        }
        let small = t.map { float(pow(0.3, $0)) }
        var large = t.map { float(pow(2.5, $0)) }
        // After the overflow, ∞ − ∞ in the next steps gives NaN.
        if let first = large.firstIndex(of: .infinity) {
            for i in (first + 2)..<large.count { large[i] = .nan }
        }
        var unit = t.map { 1 + 0.2 * sin($0 / 7) }
        unit[49] = .nan
        unit[50] = .nan
        return LineChart(
            title: "Gradient norm through time",
            xLabel: "time step $t$",
            yLabel: "$\\|\\partial L/\\partial\\bf{H}_t\\|$",
            yScale: .log10,
            series: [
                LineSeries("$\\rho = 0.3$", x: t, y: small, colorIndex: 0),
                LineSeries("$\\rho = 1$", x: t, y: unit, colorIndex: 1),
                LineSeries("$\\rho = 2.5$", x: t, y: large, colorIndex: 2),
                LineSeries("$0.3^{t}$ (theory)", x: t, y: t.map { pow(0.3, $0) }, style: .theory, colorIndex: 0),
                LineSeries("$2.5^{t}$ (theory)", x: t, y: t.map { pow(2.5, $0) }, style: .theory, colorIndex: 2),
            ])
    }

    /// The same chart for the Chinese report: Chinese and mathematics in
    /// one label, Chinese break annotations.
    static var logLineChartChinese: LineChart {
        var chart = logLineChart
        (chart.title, chart.xLabel) = ("梯度范数随时间步的变化", "时间步 $t$")
        chart.yLabel = "梯度范数 $\\|\\partial L/\\partial\\bf{H}_t\\|$"
        chart.series[3].name = "$0.3^{t}$（理论值）"
        chart.series[4].name = "$2.5^{t}$（理论值）"
        chart.missingLabels = .chinese
        return chart
    }

    /// Lesson 04's chart in Chinese.
    static var barChartChinese: BarChart {
        var chart = barChart
        chart.title = "在 $T$ 个时间步上展开的循环神经网络的参数个数"
        (chart.xLabel, chart.yLabel) = ("时间步数 $T$", "参数个数")
        chart.series[0].name = "共享参数（循环神经网络）"
        chart.series[1].name = "每个时间步一份副本"
        return chart
    }

    /// The heat map in Chinese, with its note on missing values.
    static var heatMapChinese: HeatMap {
        var map = heatMap
        map.title = "$T = 100$ 时的梯度范数 $\\rho^{T-t}$"
        map.xLabel = "时间步 $t$"
        map.colorBarLabel = "梯度范数"
        map.missingLabels = .chinese
        return map
    }

    /// A plain linear chart: a loss going down with a theory curve.
    static var linearLineChart: LineChart {
        let t = (0...40).map(Double.init)
        return LineChart(
            title: "Training loss",
            xLabel: "epoch",
            yLabel: "loss",
            series: [
                LineSeries("measured", x: t, y: t.map { 2.3 * exp(-$0 / 12) + 0.1 + 0.05 * sin($0) }),
                LineSeries("$2.3\\,e^{-t/12} + 0.1$", x: t, y: t.map { 2.3 * exp(-$0 / 12) + 0.1 }, style: .theory, colorIndex: 0),
            ])
    }

    /// Parameter counts with and without sharing, on a log axis (lesson 04's
    /// point: the shared count stays flat while per-step copies grow with T).
    static var barChart: BarChart {
        let (d, h, q) = (1.0, 4.0, 1.0)
        let shared = d * h + h * h + h + h * q + q
        let steps = [1.0, 5, 10, 50, 100]
        return BarChart(
            title: "Parameters of an RNN unrolled over $T$ steps",
            xLabel: "number of time steps $T$",
            yLabel: "number of parameters",
            categories: steps.map { "$T = \(Int($0))$" },
            series: [
                BarSeries("shared (an RNN)", values: steps.map { _ in shared }),
                BarSeries("a copy per step", values: steps.map { $0 * shared }),
            ],
            yScale: .log10)
    }

    /// Class probabilities after a softmax: one series, linear axis.
    static var probabilityChart: BarChart {
        BarChart(
            title: "softmax($\\bf{O}$) for one example",
            yLabel: "probability",
            categories: ["class 0", "class 1", "class 2", "class 3"],
            series: [BarSeries("p", values: [0.0871, 0.5123, 0.2301, 0.1705])])
    }

    /// Gradient norms ρ^(T−t) over ρ (rows) × t (columns), as Float would
    /// store them: small ρ underflow to 0 early, large ρ overflow to ∞, and
    /// one NaN cell.
    static var heatMap: HeatMap {
        let rhos = [0.25, 0.5, 0.9, 1.0, 1.1, 2.0, 4.0]
        let steps = 1...100
        var values = rhos.map { rho in
            steps.map { t -> Double in
                let f = Float(pow(rho, Double(100 - t)))
                return Double(f)
            }
        }
        values[3][40] = .nan
        return HeatMap(
            title: "Gradient norm $\\rho^{T-t}$ at $T = 100$",
            xLabel: "time step $t$",
            yLabel: "$\\rho$",
            values: values,
            rowLabels: rhos.map { "$\(formatRho($0))$" },
            columnLabels: steps.map { "\($0)" },
            colorBarLabel: "gradient norm")
    }

    private static func formatRho(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }

    /// Six overlapping waves: no corner is free, so the legend goes outside.
    static var crowdedLineChart: LineChart {
        let x = (0...120).map { Double($0) / 10 }
        return LineChart(
            title: "Hidden units over time",
            xLabel: "time $t$",
            yLabel: "$\\bf{H}_{t,j}$",
            series: (0..<6).map { j in
                LineSeries("unit $j = \(j)$", x: x, y: x.map { 0.9 * sin($0 + Double(j)) })
            })
    }

    /// Every sample with a file name.
    static var all: [(name: String, figure: any Figure)] {
        [
            ("log-line-chart", logLineChart),
            ("linear-line-chart", linearLineChart),
            ("crowded-line-chart", crowdedLineChart),
            ("bar-chart", barChart),
            ("probability-chart", probabilityChart),
            ("heat-map", heatMap),
            ("unrolled-rnn", UnrolledRNNDiagram()),
            ("concat", ConcatDiagram()),
            ("concat-large", ConcatDiagram(d: 3, h: 5, n: 2, title: "Concatenation with $d = 3$, $h = 5$, $n = 2$")),
            ("unrolled-rnn-4", UnrolledRNNDiagram(steps: 4, title: "An RNN unrolled over four time steps")),
            ("log-line-chart-zh", logLineChartChinese),
            ("bar-chart-zh", barChartChinese),
            ("heat-map-zh", heatMapChinese),
            ("unrolled-rnn-zh", UnrolledRNNDiagram(labels: .chinese)),
            ("concat-zh", ConcatDiagram(labels: .chinese)),
        ]
    }
}
