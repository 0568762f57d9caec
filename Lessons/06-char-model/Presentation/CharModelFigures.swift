import Course
import Foundation
import Plot

/// The figures of lesson 06. Every word on them comes from the string
/// tables (`figure.*`), so they can be drawn in any language; for now they
/// are drawn in English (Chinese labels need the Pango text of the Plot
/// library) and captioned in every language.
extension CharModelLesson {
    static func figures(_ r: Result, _ c: Config, strings: StringTables) throws -> [FigureSpec] {
        [try perplexityChart(r, c, strings), try sensitivityChart(r, c, strings)]
    }

    /// Perplexity per epoch, training and validation, for both τ, against
    /// the floor exp(H) and the uniform guess V.
    static func perplexityChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let epochs = r.short.valPerplexity.indices.map(Double.init)
        let args: [String: Any] = ["short": c.shortTau, "long": c.longTau, "k": c.lag, "V": c.symbols,
                                   "expH": String(format: "%.3f", exp(r.entropyRate))]
        let flat = { (y: Double) in [Double](repeating: y, count: epochs.count) }
        func chart(_ language: Language) throws -> any Figure {
            let words = strings[language]
            return LineChart(
                title: try words.text("figure.perplexity.title", args),
                xLabel: try words.text("figure.perplexity.x"), yLabel: try words.text("figure.perplexity.y"),
                xScale: .linear, yScale: .linear,
                series: [
                    LineSeries(try words.text("figure.perplexity.short-val", args), x: epochs, y: r.short.valPerplexity, colorIndex: 1),
                    LineSeries(try words.text("figure.perplexity.short-train", args), x: epochs, y: r.short.trainPerplexity, colorIndex: 3),
                    LineSeries(try words.text("figure.perplexity.long-val", args), x: epochs, y: r.long.valPerplexity, colorIndex: 0),
                    LineSeries(try words.text("figure.perplexity.long-train", args), x: epochs, y: r.long.trainPerplexity, colorIndex: 2),
                    LineSeries(try words.text("figure.perplexity.uniform", args), x: epochs, y: flat(Double(c.symbols)), style: .theory, colorIndex: 6),
                    LineSeries(try words.text("figure.perplexity.floor", args), x: epochs, y: flat(exp(r.entropyRate)), style: .theory, colorIndex: 5),
                ])
        }
        return FigureSpec(name: "perplexity", caption: try strings.text("figure.perplexity", args), figure: chart)
    }

    /// ‖∂H_t/∂X_(t−j)‖ against the lag j, for both networks.
    static func sensitivityChart(_ r: Result, _ c: Config, _ strings: StringTables) throws -> FigureSpec {
        let lags = r.long.sensitivity.indices.map(Double.init)
        let args: [String: Any] = ["short": c.shortTau, "long": c.longTau, "k": c.lag, "k1": c.lag - 1,
                                   "positions": sensitivityPositions]
        func chart(_ language: Language) throws -> any Figure {
            let words = strings[language]
            return LineChart(
                title: try words.text("figure.sensitivity.title", args),
                xLabel: try words.text("figure.sensitivity.x"), yLabel: try words.text("figure.sensitivity.y"),
                xScale: .linear, yScale: .linear,
                series: [
                    LineSeries(try words.text("figure.sensitivity.short", args), x: lags, y: r.short.sensitivity, colorIndex: 1),
                    LineSeries(try words.text("figure.sensitivity.long", args), x: lags, y: r.long.sensitivity, colorIndex: 0),
                ])
        }
        return FigureSpec(name: "sensitivity", caption: try strings.text("figure.sensitivity", args), figure: chart)
    }
}
