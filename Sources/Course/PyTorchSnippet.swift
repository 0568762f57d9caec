/// The "Check it in PyTorch" code of a report, with what it prints.
///
/// A snippet is built line by line; each `print` line carries the text
/// PyTorch prints for it, taken from the lesson's own values of the same
/// run (the same tensors, the same indices), so the report can show the
/// expected output next to the code and a test can hold every printed
/// value to the lesson's.
public struct PyTorchSnippet: Sendable {
    public enum Line: Sendable {
        /// Code that prints nothing.
        case code(String)
        /// `print(expression)`, and what it prints.
        case print(String, output: String)
    }

    public var lines: [Line]

    public init(_ lines: [Line]) { self.lines = lines }

    /// The Python code.
    public var code: String {
        lines.map { line in
            switch line {
            case .code(let text): return text
            case .print(let expression, _): return "print(\(expression))"
            }
        }.joined(separator: "\n")
    }

    /// Every printed expression with its expected output, in order.
    public var prints: [(expression: String, output: String)] {
        lines.compactMap { line in
            if case .print(let expression, let output) = line { return (expression, output) }
            return nil
        }
    }

    /// What running the code prints.
    public var output: String { prints.map(\.output).joined(separator: "\n") }
}
