import BookFigures
import Course
import Foundation
import Network
import Plot

/// Lesson 02's figures: the unrolled network, and how long it remembers X_1.
enum HiddenStateFigures {
    static func specs(_ r: HiddenStateLesson.Result, _ c: HiddenStateLesson.Config) -> [FigureSpec] {
        let diagram = UnrolledRNNDiagram(steps: 3)
        let chart = memoryChart(r, c)
        return [
            FigureSpec(
                name: "unrolled",
                caption: Bilingual(
                    en: "Three neighbouring steps: X_t and H_{t−1} enter one fully connected layer with activation φ; its result H_t goes up to the output layer and on to the next step.",
                    zh: "相邻的三个时间步：X_t 与 H_{t−1} 一起进入一个激活函数为 φ 的全连接层；得到的 H_t 向上送往输出层，同时传给下一步。"),
                figure: diagram),
            FigureSpec(
                name: "memory",
                caption: Bilingual(
                    en: "‖ΔH_t‖ after adding 1 to X_1 only (log scale). With state the change reaches every step, and fades at least like (γ·‖W_hh‖₂)^(t−1) when that is below 1; without state it is exactly 0 from step 2 on, which a log axis cannot show.",
                    zh: "只给 X_1 加 1 之后的 ‖ΔH_t‖（对数坐标）。有状态时改动传到每一步；当 γ·‖W_hh‖₂ 小于 1 时，它至少像 (γ·‖W_hh‖₂)^(t−1) 那样衰减。没有状态时，从第 2 步起改动恰好为 0，对数坐标无法画出。"),
                figure: chart),
        ]
    }

    /// ‖ΔH_t‖ against t on a log axis: the drawn W_hh, the two rescaled ones,
    /// the contraction bound for the smaller scale, and the layer without state.
    static func memoryChart(_ r: HiddenStateLesson.Result, _ c: HiddenStateLesson.Config) -> LineChart {
        let m = r.memory
        let gamma = c.activation.derivativeBound
        var series = [LineSeries("drawn $\\bf{W}_{hh}$, $\\|\\bf{W}_{hh}\\|_2 = \(short(m.drawnSpectralNorm))$", y: m.rnnExact)]
        for s in m.scaled {
            series.append(LineSeries("rescaled, $\\|\\bf{W}_{hh}\\|_2 = \(short(s.target))$", y: s.curve))
        }
        if let half = m.scaled.first, let first = half.curve.first {
            let factor = gamma * half.target
            let bound = (0..<c.steps).map { t in first * pow(factor, Double(t)) }
            series.append(LineSeries("bound $(\\gamma \\cdot \(short(half.target)))^{t-1} \\|\\Delta\\bf{H}_1\\|$, $\\gamma = \(short(gamma))$",
                                     y: bound, style: .theory, colorIndex: 1))
        }
        // Without state the change is exactly 0 from step 2 on. A log axis
        // cannot show 0, and its break marker would read "underflow", which
        // this is not; so the series is its one showable point and the
        // legend says the rest.
        series.append(LineSeries("no state: exactly 0 from $t = 2$ on", x: [1], y: Array(m.mlpExact.prefix(1))))
        return LineChart(title: "How long the network remembers $\\bf{X}_1$",
                         xLabel: "time step $t$", yLabel: "$\\|\\Delta\\bf{H}_t\\|$",
                         yScale: .log10, series: series)
    }

    private static func short(_ x: Double) -> String { NumberText.short(x) }
}
