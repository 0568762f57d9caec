/// The floating-point dtypes the course prints, named as PyTorch names them.
public enum TorchDType: String, Sendable {
    case float32, float64
}

/// `repr(tensor)` exactly as PyTorch writes it with the default print options
/// (precision 4, linewidth 80, threshold 1000, edgeitems 3), so that a
/// student can compare a lesson's terminal output with a notebook line by line.
///
/// The layout rules, from PyTorch's `torch/_tensor_str.py`:
/// - the text is `tensor(` + body + suffixes + `)`; the body of a tensor of
///   rank r at indent k is `[` + its slices joined by `,`, r − 1 newlines and
///   k + 1 spaces + `]`, each slice printed at indent k + 1 (so rows of a
///   matrix line up under each other and 3-D slices are separated by a blank line);
/// - a 1-D row puts ⌊(80 − k) / (width + 2)⌋ elements (at least one) on each
///   line, separated by `, `, continuation lines indented by k + 1 spaces;
/// - a tensor with more than 1000 elements is summarised: every dimension
///   longer than 6 keeps its first and last 3 items with `...` between them,
///   and the element formatter only looks at the items shown;
/// - float64 (not the default dtype) adds `dtype=torch.float64`, on a new
///   line if the last line would pass 80 columns; an empty tensor prints
///   `[]`, with its size unless it is 1-D.
///
/// Introduced in lesson 01 (`mlp`); every lesson prints its matrices this way.
public enum TorchPrint {
    /// The PyTorch repr of a tensor.
    ///
    /// - Parameters:
    ///   - values: the elements in row-major order; `Float` elements widened
    ///     exactly to `Double` (as Python does).
    ///   - shape: any rank; `[]` is a 0-d tensor with one element.
    ///   - dtype: `.float64` adds the dtype suffix, as PyTorch does.
    public static func repr(values: [Double], shape: [Int], dtype: TorchDType = .float32) -> String {
        repr(values: values, shape: shape, dtype: dtype, options: .default)
    }

    static func repr(values: [Double], shape: [Int], dtype: TorchDType, options: TorchPrintOptions) -> String {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(tupleText(shape))")
        let count = shape.reduce(1, *)
        precondition(values.count == count,
                     "shape \(tupleText(shape)) needs \(count) elements, got \(values.count)")

        let prefix = "tensor("
        let indent = prefix.utf8.count
        var suffixes: [String] = []
        let body: String
        if count == 0 {
            if shape.count != 1 { suffixes.append("size=\(tupleText(shape))") }
            body = "[]"
        } else {
            let layout = TorchLayout(values: values, shape: shape, options: options)
            body = layout.body()
        }
        if dtype != .float32 { suffixes.append("dtype=torch.\(dtype.rawValue)") }
        return appendSuffixes(prefix + body, suffixes, indent: indent, linewidth: options.linewidth)
    }

    /// PyTorch's `_add_suffixes`: each suffix follows `, ` on the last line,
    /// or starts a new line at `indent` when the line would grow past the
    /// linewidth. The length of the last line is measured as PyTorch measures
    /// it (two more than its true length), so the wrap point is identical.
    static func appendSuffixes(_ text: String, _ suffixes: [String], indent: Int, linewidth: Int) -> String {
        var result = text
        let utf8 = Array(text.utf8)
        let lastNewline = utf8.lastIndex(of: UInt8(ascii: "\n")) ?? -1
        var lastLineLength = utf8.count - lastNewline + 1
        for suffix in suffixes {
            let length = suffix.utf8.count
            if lastLineLength + length + 2 > linewidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + length
            } else {
                result += ", " + suffix
                lastLineLength += length + 2
            }
        }
        return result + ")"
    }

    /// A shape written as a Python tuple: `(0, 3)`, `(0,)`, `()`.
    static func tupleText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// The nested-bracket body of a non-empty tensor: which items are shown,
/// and how they are laid out.
struct TorchLayout {
    let values: [Double]
    let shape: [Int]
    /// Row-major strides: `strides[d]` elements between neighbours along d.
    let strides: [Int]
    let summarize: Bool
    let options: TorchPrintOptions

    init(values: [Double], shape: [Int], options: TorchPrintOptions) {
        self.values = values
        self.shape = shape
        var strides = [Int](repeating: 1, count: shape.count)
        for d in shape.indices.reversed().dropFirst() { strides[d] = strides[d + 1] * shape[d + 1] }
        self.strides = strides
        self.summarize = values.count > options.threshold
        self.options = options
    }

    /// The indices shown along a dimension of length n; `nil` marks the `...`.
    func shownIndices(_ n: Int) -> [Int?] {
        let edge = options.edgeitems
        guard summarize && n > 2 * edge else { return Array(0..<n) }
        return Array(0..<edge) + [nil] + Array((n - edge)..<n)
    }

    /// The values that will be printed (all of them unless summarised), the
    /// only ones the element formatter looks at.
    func shownValues(offset: Int = 0, dim: Int = 0) -> [Double] {
        guard dim < shape.count else { return [values[offset]] }
        return shownIndices(shape[dim]).compactMap { $0 }.flatMap { i in
            shownValues(offset: offset + i * strides[dim], dim: dim + 1)
        }
    }

    /// The body text, starting at the column after `tensor(`.
    func body() -> String {
        let formatter = TorchFormatter(shown: shownValues(), precision: options.precision)
        return text(offset: 0, dim: 0, indent: "tensor(".utf8.count, formatter)
    }

    private func text(offset: Int, dim: Int, indent: Int, _ formatter: TorchFormatter) -> String {
        let rank = shape.count - dim
        if rank == 0 { return formatter.format(values[offset]) }
        let shown = shownIndices(shape[dim])
        let continuation = String(repeating: " ", count: indent + 1)
        if rank == 1 {
            let items = shown.map { i in
                i.map { formatter.format(values[offset + $0 * strides[dim]]) } ?? " ..."
            }
            let perLine = max(1, (options.linewidth - indent) / (formatter.width + 2))
            let lines = stride(from: 0, to: items.count, by: perLine).map { start in
                items[start..<min(start + perLine, items.count)].joined(separator: ", ")
            }
            return "[" + lines.joined(separator: ",\n" + continuation) + "]"
        }
        let slices = shown.map { i in
            i.map { text(offset: offset + $0 * strides[dim], dim: dim + 1, indent: indent + 1, formatter) } ?? "..."
        }
        let separator = "," + String(repeating: "\n", count: rank - 1) + continuation
        return "[" + slices.joined(separator: separator) + "]"
    }
}
