import Plot

/// The recurrent network unrolled over a few time steps, in the book's
/// visual language: at each step the input X_t and the previous hidden
/// state H_{t−1} are concatenated into a fully connected layer with
/// activation φ, whose result H_t is copied to the output layer and to the
/// next step. Used by lesson 02 (and the index of the course).
public struct UnrolledRNNDiagram: Figure, Sendable {
    /// How many time steps are drawn (1…8).
    public var steps: Int
    /// The subscript of each step, e.g. `["t-1", "t", "t+1"]` (math markup; `-` becomes a minus sign).
    public var stepLabels: [String]
    /// The title above the figure (markup), or nil for none.
    public var title: String?
    /// The words of the rows and the key, in the reader's language.
    public var labels: Labels

    /// The words the diagram writes: its three rows and the three entries
    /// of the key at the bottom (markup; `\n` breaks a line).
    public struct Labels: Sendable {
        public var outputLayer: String
        public var hiddenState: String
        public var input: String
        public var layer: String
        public var copy: String
        public var concatenate: String

        public init(outputLayer: String, hiddenState: String, input: String, layer: String, copy: String, concatenate: String) {
            (self.outputLayer, self.hiddenState, self.input) = (outputLayer, hiddenState, input)
            (self.layer, self.copy, self.concatenate) = (layer, copy, concatenate)
        }

        public static let english = Labels(outputLayer: "Output layer", hiddenState: "Hidden state", input: "Input",
                                           layer: "FC layer with\nactivation function", copy: "Copy", concatenate: "Concatenate")
        /// The terms of the Chinese edition of the book (the course glossary).
        public static let chinese = Labels(outputLayer: "输出层", hiddenState: "隐藏状态", input: "输入",
                                           layer: "带激活函数的\n全连接层", copy: "复制", concatenate: "连结")
    }

    /// - Parameters:
    ///   - steps: number of time steps drawn (default 3).
    ///   - stepLabels: one subscript per step; nil gives …, t−1, t, t+1.
    ///   - title: an optional title above the diagram.
    ///   - labels: the words of the rows and the key (default English).
    public init(steps: Int = 3, stepLabels: [String]? = nil, title: String? = nil, labels: Labels = .english) {
        self.steps = steps
        self.stepLabels = stepLabels ?? UnrolledRNNDiagram.defaultLabels(steps)
        self.title = title
        self.labels = labels
    }

    /// t+1 for the last step and counting back from it: t, t−1, t−2, …
    static func defaultLabels(_ steps: Int) -> [String] {
        guard steps > 1 else { return ["t"] }
        return (0..<max(steps, 0)).map { k in
            let offset = k - (steps - 2)
            return offset == 0 ? "t" : offset > 0 ? "t+\(offset)" : "t-\(-offset)"
        }
    }

    // MARK: Geometry (logical pixels)

    static let pad = 16.0
    static let stepWidth = 226.0
    static let frameSize = Size(156, 110)
    static let layerSize = Size(58, 34)
    static let outputSize = Size(58, 34)
    static let rowStyle = TextStyle(size: 18)
    static let symbolStyle = TextStyle(size: 20, color: .black)
    static let legendHeight = 64.0
    static let labelColumn = 176.0

    var titleHeight: Double { title == nil ? 0 : 34 }
    var diagramWidth: Double { Self.labelColumn + Double(max(steps, 1)) * Self.stepWidth + 70 }

    /// The canvas size, derived from the parameters.
    public var size: Size {
        Size(max(diagramWidth, 760), Self.pad + titleHeight + 300 + Self.legendHeight)
    }

    /// Throws unless 1…8 steps are asked for with one label each.
    public func draw(on r: Renderer) throws {
        guard (1...8).contains(steps) else {
            throw PlotError.invalidFigure("an unrolled RNN diagram needs 1…8 steps, not \(steps)")
        }
        guard stepLabels.count == steps else {
            throw PlotError.invalidFigure("an unrolled RNN diagram with \(steps) steps needs \(steps) step labels, got \(stepLabels.count)")
        }
        let top = Self.pad + titleHeight
        if let title {
            r.label(title, at: Point(size.width / 2, Self.pad), .center, .top, style: TextStyle(size: 18, bold: true))
        }
        // Rows: output boxes, frames around the hidden-state line, inputs.
        let outputY = top + 24
        let frameTop = outputY + 64
        let hiddenY = frameTop + Self.frameSize.height / 2
        let frameBottom = frameTop + Self.frameSize.height
        let inputBottom = frameBottom + 36
        let inputLabelTop = inputBottom + 10
        let x0 = ((size.width - diagramWidth) / 2).rounded() + Self.labelColumn

        r.label(labels.outputLayer, at: Point(Self.pad, outputY), .left, .middle, style: Self.rowStyle)
        let hiddenLabel = r.label(labels.hiddenState, at: Point(Self.pad, hiddenY), .left, .middle, style: Self.rowStyle)
        let inputRow = r.layout("$\\bf{X}_{t}$", Self.symbolStyle).box(at: Point(0, inputLabelTop), .left, .top)
        r.label(labels.input, at: Point(Self.pad, inputRow.minY + r.layout("H", Self.symbolStyle).capHeight / 2), .left, .middle, style: Self.rowStyle)

        var lineStart = Point(min((hiddenLabel.maxX + 14).rounded(), x0 - 40), hiddenY)
        for k in 0..<steps {
            let frameX = x0 + Double(k) * Self.stepWidth
            let frame = Rect(x: frameX, y: frameTop, width: Self.frameSize.width, height: Self.frameSize.height)
            Diagram.box(frame, radius: BookGlyph.frameRadius, on: r)

            let layer = Rect(x: frameX + 62, y: hiddenY - Self.layerSize.height / 2,
                             width: Self.layerSize.width, height: Self.layerSize.height)
            let inputX = frameX + 26
            // Input rising into the hidden-state line just before the layer.
            BookGlyph.concatenate(from: lineStart, to: Point(layer.minX, hiddenY), riserX: inputX, bottom: inputBottom, on: r)
            BookGlyph.layer(layer, label: "$\\phi$", on: r)

            // Copy: on to the next step, and up to the output layer.
            let branchX = layer.maxX + 18
            let output = Rect(x: branchX - Self.outputSize.width / 2, y: outputY - Self.outputSize.height / 2,
                              width: Self.outputSize.width, height: Self.outputSize.height)
            let next = k == steps - 1 ? Point(frame.maxX + 60, hiddenY) : nil
            if let next {
                BookGlyph.copy(from: Point(layer.maxX, hiddenY), to: next, branchX: branchX, top: output.maxY, on: r)
            } else {
                r.stroke(.segment(Point(layer.maxX, hiddenY), Point(frame.maxX, hiddenY)), style: Diagram.line)
                let branch = Path.elbow(from: Point(layer.maxX, hiddenY), corner: Point(branchX, hiddenY),
                                        to: Point(branchX, output.maxY), radius: BookGlyph.elbowRadius)
                Diagram.connector(branch, on: r)
            }
            Diagram.box(output, fill: BookGlyph.layerFill, stroke: StrokeStyle(width: 2, color: .black), on: r)
            lineStart = Point(frame.maxX, hiddenY)

            let sub = stepLabels[k]
            r.label("$\\bf{H}_{\(sub)}$", at: Point(frame.maxX + 10, hiddenY - 10), .left, .bottom, style: Self.symbolStyle)
            r.label("$\\bf{X}_{\(sub)}$", at: Point(inputX, inputLabelTop), .center, .top, style: Self.symbolStyle)
        }
        drawLegend(top: size.height - Self.legendHeight, on: r)
    }

    /// The key at the bottom: what the blue box, the copy glyph and the
    /// concatenate glyph mean.
    private func drawLegend(top: Double, on r: Renderer) {
        let y = (top + Self.legendHeight / 2 - 4).rounded()
        let third = size.width / 3
        let style = TextStyle(size: 17)
        // FC layer with activation function.
        let boxX = (third * 0.5 - 110).rounded()
        let box = Rect(x: boxX, y: y - Self.layerSize.height / 2, width: Self.layerSize.width, height: Self.layerSize.height)
        BookGlyph.layer(box, label: "$\\phi$", on: r)
        r.label(labels.layer, at: Point(box.maxX + 14, y), .left, .middle, style: style)
        // Copy.
        let copyX = (third * 1.5 - 70).rounded()
        BookGlyph.copy(from: Point(copyX, y + 12), to: Point(copyX + 80, y + 12), branchX: copyX + 34, top: y - 22, on: r)
        r.label(labels.copy, at: Point(copyX + 94, y), .left, .middle, style: style)
        // Concatenate.
        let catX = (third * 2.5 - 90).rounded()
        BookGlyph.concatenate(from: Point(catX, y - 12), to: Point(catX + 80, y - 12), riserX: catX + 30, bottom: y + 22, on: r)
        r.label(labels.concatenate, at: Point(catX + 94, y), .left, .middle, style: style)
    }
}
