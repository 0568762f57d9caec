import Plot

/// Why concatenation works, drawn to scale: X·W_xh + H·W_hh equals
/// cat(X, H; dim 1) · cat(W_xh, W_hh; dim 0).
///
/// Every matrix is a block of cells, one cell per entry, so the shapes can
/// be counted. Parts that belong to the input (X, W_xh) are orange, parts
/// that belong to the hidden state (H, W_hh) are blue: the orange columns
/// of [X | H] meet only the orange rows of [W_xh ; W_hh], and the blue
/// only the blue. The result mixes both. Used by lesson 03.
public struct ConcatDiagram: Figure, Sendable {
    /// Number of inputs d (columns of X).
    public var inputs: Int
    /// Number of hidden units h.
    public var hiddens: Int
    /// Batch size n (rows of X and H).
    public var batch: Int
    /// The title above the figure (markup), or nil for none.
    public var title: String?
    /// The captions, in the reader's language.
    public var labels: Labels

    /// The words the diagram writes (markup): a caption per row and the
    /// name under the result.
    public struct Labels: Sendable {
        public var concatenateFirst: String
        public var multiplyTwice: String
        public var result: String

        public init(concatenateFirst: String, multiplyTwice: String, result: String) {
            (self.concatenateFirst, self.multiplyTwice, self.result) = (concatenateFirst, multiplyTwice, result)
        }

        public static let english = Labels(concatenateFirst: "Concatenate, then multiply once:",
                                           multiplyTwice: "Multiply twice, then add:", result: "result")
        /// The terms of the Chinese edition of the book (连结 for concatenate).
        public static let chinese = Labels(concatenateFirst: "先连结，再做一次乘法：",
                                           multiplyTwice: "做两次乘法，再相加：", result: "结果")
    }

    /// - Parameters: `d` inputs (default 1), `h` hiddens (default 4),
    ///   `n` batch size (default 3), as in the book; the captions (default English).
    public init(d: Int = 1, h: Int = 4, n: Int = 3, title: String? = nil, labels: Labels = .english) {
        inputs = d
        hiddens = h
        batch = n
        self.title = title
        self.labels = labels
    }

    // MARK: Look

    static let inputColor = Palette.orange
    static let hiddenColor = Palette.skyBlue
    static let nameStyle = TextStyle(size: 18, color: .black)
    static let shapeStyle = TextStyle(size: 14, color: .grey(0.25))
    static let captionStyle = TextStyle(size: 16, color: .grey(0.15))
    static let operatorStyle = TextStyle(size: 26, color: .black)
    static let pad = 18.0
    static let operatorGap = 54.0
    /// Room right of the stacked weights for their names.
    static let labelReserve = 64.0

    /// The side of one cell: 30 px, smaller for large shapes so that the
    /// figure stays under about 1000 px wide.
    var cell: Double {
        let cells = Double(inputs + 4 * hiddens)
        return min(30, max(8, ((1000 - 2 * Self.pad - 4 * Self.operatorGap - 60) / cells).rounded(.down)))
    }

    var rowOneHeight: Double { Double(max(batch, inputs + hiddens)) * cell }
    var rowTwoHeight: Double { Double(max(batch, inputs, hiddens)) * cell }
    var titleHeight: Double { title == nil ? 0 : 36 }

    /// The canvas size, derived from the parameters.
    public var size: Size {
        let u = cell
        let rowTwo = Double(inputs + 4 * hiddens) * u + 4 * Self.operatorGap
        let rowOne = Double(inputs + 3 * hiddens) * u + 2 * Self.operatorGap + Self.labelReserve
        let width = max(rowOne, rowTwo, 620) + 2 * Self.pad + 40
        // Per row: caption, name labels, the blocks, two lines of shape labels.
        let height = Self.pad * 2 + titleHeight + (28 + 34 + 52) * 2 + rowOneHeight + rowTwoHeight
        return Size(width.rounded(), height.rounded())
    }

    /// Throws when d, h or n is outside 1…16.
    public func draw(on r: Renderer) throws {
        for (name, v) in [("d (inputs)", inputs), ("h (hiddens)", hiddens), ("n (batch)", batch)] where !(1...16).contains(v) {
            throw PlotError.invalidFigure("the concat diagram needs \(name) in 1…16, not \(v)")
        }
        ConcatDiagramDrawing(diagram: self, renderer: r).draw()
    }
}
