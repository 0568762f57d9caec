#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The print options PyTorch starts with (`torch.set_printoptions(profile="default")`).
/// Only the defaults are used by the course; the type exists so that each
/// number has a name.
struct TorchPrintOptions: Sendable {
    /// Digits after the decimal point (fixed) or after the leading digit (scientific).
    var precision = 4
    /// A tensor with more elements than this is summarised with `...`.
    var threshold = 1000
    /// How many leading and trailing items of each dimension a summary keeps.
    var edgeitems = 3
    /// The column at which a row of numbers wraps.
    var linewidth = 80

    static let `default` = TorchPrintOptions()
}

/// How every element of one tensor is written: one notation and one width
/// for all of them, chosen from the values the print will show.
///
/// The choice follows PyTorch's `_Formatter`, looking only at the nonzero
/// finite values v (zeros, NaN and infinities never influence it):
/// - all v integral → *integer* notation (`3.`, `-0.`), unless
///   max|v| / min|v| > 1000 or max|v| > 1e8, which switches to scientific;
/// - otherwise *fixed* notation with `precision` decimals (`0.5000`), unless
///   max|v| / min|v| > 1000, max|v| > 1e8 or min|v| < 1e-4, which switches
///   to scientific (`1.0000e-05`).
///
/// The width is the longest of the nonzero finite values once written (plus
/// one for the trailing dot in integer notation), and at least 1; every
/// element is right-aligned to it.
///
/// Numerical caveat: digits must be those of Python's `format`, which rounds
/// the exact binary value correctly (ties to even). C's `snprintf` does the
/// same on glibc, Darwin and the Windows UCRT, so it is used here; a `Float`
/// element is widened exactly to `Double` first, as Python's `tolist()` does.
struct TorchFormatter: Sendable {
    enum Notation: Sendable {
        case integer, fixed, scientific
    }

    let notation: Notation
    /// The width every formatted element is padded to (PyTorch's `max_width`).
    let width: Int
    let precision: Int

    /// A formatter for the values that will be shown (for a summarised
    /// tensor, only the edge items).
    init(shown values: [Double], precision: Int) {
        self.precision = precision
        let significant = values.filter { $0.isFinite && $0 != 0 }
        guard let largest = significant.lazy.map(\.magnitude).max(),
              let smallest = significant.lazy.map(\.magnitude).min()
        else {
            // Nothing to measure: integer notation, width 1 (as PyTorch).
            notation = .integer
            width = 1
            return
        }
        let integral = significant.allSatisfy { $0 == $0.rounded(.up) }
        let spread = largest / smallest > 1000 || largest > 1e8
        if integral {
            notation = spread ? .scientific : .integer
        } else {
            notation = spread || smallest < 1e-4 ? .scientific : .fixed
        }
        let probe = TorchFormatter(notation: notation, width: 1, precision: precision)
        width = significant.reduce(1) { max($0, probe.unpadded($1).utf8.count) }
    }

    init(notation: Notation, width: Int, precision: Int) {
        self.notation = notation
        self.width = width
        self.precision = precision
    }

    /// The element right-aligned to ``width``.
    func format(_ value: Double) -> String {
        let text = unpadded(value)
        let padding = width - text.utf8.count
        return padding > 0 ? String(repeating: " ", count: padding) + text : text
    }

    /// The element in this notation, without padding. NaN prints as `nan`
    /// whatever its sign bit, infinities as `inf` and `-inf`, with no dot.
    func unpadded(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        switch notation {
        case .integer: return cFormat(value, "%.0f") + "."
        case .fixed: return cFormat(value, "%.\(precision)f")
        case .scientific: return cFormat(value, "%.\(precision)e")
        }
    }
}

/// `value` written by the C library with a single-conversion format such as
/// `%.4f`: correctly rounded, exponent with at least two digits (`e-05`).
func cFormat(_ value: Double, _ format: String) -> String {
    var capacity = 32
    while true {
        var buffer = [CChar](repeating: 0, count: capacity)
        let length = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { out in
                vsnprintf(out.baseAddress, capacity, format, arguments)
            }
        }
        precondition(length >= 0, "snprintf failed for format \(format)")
        if Int(length) < capacity {
            let bytes = buffer[..<Int(length)].map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        capacity = Int(length) + 1
    }
}
