import Foundation
import Tensor

/// The text the network learns: a character source whose best possible
/// perplexity is known exactly.
///
/// Over an alphabet of V symbols (shown as a, b, c, …), the first k
/// characters are drawn uniformly; after that, character t copies the one
/// k steps back with probability p, and otherwise is drawn uniformly (which
/// may give the same character again):
///
///     P(x_t = c | x_1 … x_(t−1)) = p·[c = x_(t−k)] + (1 − p)/V.
///
/// The next character depends on the past only through x_(t−k), so the
/// entropy rate is the entropy of that one distribution,
///
///     H = −a·ln a − (V − 1)·b·ln b,   a = p + (1 − p)/V,   b = (1 − p)/V,
///
/// in nats per character. No model can beat perplexity exp(H) on average;
/// the uniform guess has perplexity V. Any k consecutive characters are
/// independent and uniform (they lie on k different copy chains), so a
/// model that sees only the last k − 1 characters can do no better than V.
struct CopySource: Equatable {
    var symbols: Int            // V
    var lag: Int                // k
    var copyProbability: Double // p, as given

    /// The probability of copying that the generator really uses: a draw
    /// u ∈ {0, 2⁻²⁴, …, 1 − 2⁻²⁴} copies when u < Float(p), which happens
    /// with probability ⌈Float(p)·2²⁴⌉ / 2²⁴ — within 2⁻²⁴ of p.
    var effectiveCopyProbability: Double {
        let scale = Double(1 << 24)
        return (Double(Float(copyProbability)) * scale).rounded(.up) / scale
    }

    /// (a, b): the probability of the character k steps back, and of each other one.
    var conditional: (repeat: Double, other: Double) {
        let p = effectiveCopyProbability, v = Double(symbols)
        return (p + (1 - p) / v, (1 - p) / v)
    }

    /// The entropy rate H in nats: −a ln a − (V − 1) b ln b (0·ln 0 = 0).
    var entropyRate: Double {
        let (a, b) = conditional
        func term(_ q: Double) -> Double { q > 0 ? -q * log(q) : 0 }
        return term(a) + Double(symbols - 1) * term(b)
    }

    /// exp(H): the lowest perplexity any model can have, on average.
    var perplexityFloor: Double { exp(entropyRate) }

    // BEGIN-QUOTE source
    /// `count` characters, 0 ..< V. Two calls of `torch.rand(count)` in
    /// order: one decides copy or fresh, one picks the fresh character.
    func generate(count: Int, using g: inout TorchGenerator) -> [Int] {
        let copy = (0..<count).map { _ in g.uniformFloat() < Float(copyProbability) }  // torch.rand(N) < p
        let fresh = (0..<count).map { _ in Int(g.uniformFloat() * Float(symbols)) }    // (torch.rand(N) * V).long()
        var text = fresh
        for t in lag..<max(count, lag) where copy[t] {
            text[t] = text[t - lag]                 // x_t = x_(t−k)
        }
        return text
    }
    // END-QUOTE source

    /// −ln P(x_t | history) under the source itself, for predicting
    /// `text[t]` when the predictor's history reaches back to index
    /// `start` (the state was reset there): the true conditional when
    /// t − k ≥ start, else the uniform ln V. Summed over a stream, this is
    /// what the best possible model would score on that very text.
    func trueSurprise(_ text: [Int], at t: Int, historyStart start: Int) -> Double {
        guard t - lag >= start else { return log(Double(symbols)) }
        let (a, b) = conditional
        return -log(text[t] == text[t - lag] ? a : b)
    }

    /// The letter of symbol `c`: 0 → a, 1 → b, …
    static func letter(_ c: Int) -> Character {
        Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(c)))
    }

    static func string(_ text: [Int]) -> String { String(text.map(letter)) }
}
