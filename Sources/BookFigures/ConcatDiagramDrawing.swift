import Plot

/// Lays out and draws a `ConcatDiagram`, left to right, row by row.
struct ConcatDiagramDrawing {
    let diagram: ConcatDiagram
    let r: Renderer
    var u: Double { diagram.cell }

    init(diagram: ConcatDiagram, renderer: Renderer) {
        self.diagram = diagram
        r = renderer
    }

    /// What a cell is filled with.
    enum Fill { case input, hidden, both }

    /// A block of rows × columns cells, its fill per cell, and lines that
    /// separate its parts.
    struct Block {
        var rows: Int
        var cols: Int
        var fill: (Int, Int) -> Fill
        var rowDivider: Int? = nil
        var colDivider: Int? = nil
        var width: Double { Double(cols) }
        var height: Double { Double(rows) }
    }

    func draw() {
        let d = diagram.inputs, h = diagram.hiddens, n = diagram.batch
        let size = diagram.size
        var y = ConcatDiagram.pad
        if let title = diagram.title {
            r.label(title, at: Point(size.width / 2, y), .center, .top, style: TextStyle(size: 18, bold: true))
            y += diagram.titleHeight
        }
        // Row 1: one product of two concatenations.
        r.label(diagram.labels.concatenateFirst, at: Point(ConcatDiagram.pad, y), .left, .top, style: ConcatDiagram.captionStyle)
        y += 28 + 34
        let rowOneMid = (y + diagram.rowOneHeight / 2).rounded()
        let xh = Block(rows: n, cols: d + h, fill: { _, j in j < d ? .input : .hidden }, colDivider: d)
        let w = Block(rows: d + h, cols: h, fill: { i, _ in i < d ? .input : .hidden }, rowDivider: d)
        let result = Block(rows: n, cols: h, fill: { _, _ in .both })
        // Row 1 ends with its result right above the result of row 2, so
        // the eye sees the two computations land on the same block.
        let parts: [(Block, String, Fill)] = [
            (Block(rows: n, cols: d, fill: { _, _ in .input }), "$\\bf{X}$", .input),
            (Block(rows: d, cols: h, fill: { _, _ in .input }), "$\\bf{W}_{xh}$", .input),
            (Block(rows: n, cols: h, fill: { _, _ in .hidden }), "$\\bf{H}$", .hidden),
            (Block(rows: h, cols: h, fill: { _, _ in .hidden }), "$\\bf{W}_{hh}$", .hidden),
            (result, "", .both),
        ]
        let rowTwoWidth = parts.map(\.0.width).reduce(0, +) * u + 4 * ConcatDiagram.operatorGap
        let rowTwoStart = ((size.width - rowTwoWidth) / 2).rounded()
        let resultX = rowTwoStart + rowTwoWidth - result.width * u
        var x = resultX - ConcatDiagram.operatorGap - ConcatDiagram.labelReserve - w.width * u - ConcatDiagram.operatorGap - xh.width * u

        let a = place(xh, x: x, mid: rowOneMid)
        r.label("$\\bf{X}$", at: Point(a.minX + Double(d) * u / 2, a.minY - 8), .center, .bottom, style: colored(.input))
        r.label("$\\bf{H}$", at: Point(a.minX + (Double(d) + Double(h) / 2) * u, a.minY - 8), .center, .bottom, style: colored(.hidden))
        shapeLabels(under: a, "cat($\\bf{X}$, $\\bf{H}$; dim 1)", rows: n, cols: d + h)
        x = a.maxX
        x = op("·", after: x, mid: rowOneMid)

        let b = place(w, x: x, mid: rowOneMid)
        r.label("$\\bf{W}_{xh}$", at: Point(b.maxX + 8, b.minY + Double(d) * u / 2), .left, .middle, style: colored(.input))
        r.label("$\\bf{W}_{hh}$", at: Point(b.maxX + 8, b.minY + (Double(d) + Double(h) / 2) * u), .left, .middle, style: colored(.hidden))
        shapeLabels(under: b, "cat($\\bf{W}_{xh}$, $\\bf{W}_{hh}$; dim 0)", rows: d + h, cols: h)
        x = op("=", after: b.maxX + ConcatDiagram.labelReserve, mid: rowOneMid)
        let c = place(result, x: x, mid: rowOneMid)
        shapeLabels(under: c, diagram.labels.result, rows: n, cols: h)

        // Row 2: two products, added.
        y = rowOneMid + max(diagram.rowOneHeight / 2, 0) + 52 + 30
        r.label(diagram.labels.multiplyTwice, at: Point(ConcatDiagram.pad, y), .left, .top, style: ConcatDiagram.captionStyle)
        y += 28 + 34
        let rowTwoMid = (y + diagram.rowTwoHeight / 2).rounded()
        x = rowTwoStart
        for (k, (block, name, fill)) in parts.enumerated() {
            let rect = place(block, x: x, mid: rowTwoMid)
            if !name.isEmpty {
                r.label(name, at: Point(rect.midX, rect.minY - 8), .center, .bottom, style: colored(fill))
            }
            shapeLabels(under: rect, k == 4 ? diagram.labels.result : nil, rows: block.rows, cols: block.cols)
            if k < 4 { x = op(["·", "+", "·", "="][k], after: rect.maxX, mid: rowTwoMid) }
        }
    }

    /// The name style in the darker shade of a part's colour.
    func colored(_ fill: Fill) -> TextStyle {
        var style = ConcatDiagram.nameStyle
        switch fill {
        case .input: style.color = ConcatDiagram.inputColor.mixed(with: .black, 0.45)
        case .hidden: style.color = ConcatDiagram.hiddenColor.mixed(with: .black, 0.5)
        case .both: break
        }
        return style
    }

    /// Draws an operator centred in the gap after `x`; returns where the next block starts.
    func op(_ symbol: String, after x: Double, mid: Double) -> Double {
        let gap = ConcatDiagram.operatorGap
        if symbol == "·" {
            // The matrix product: a dot heavy enough to see at a glance.
            r.fill(.circle(center: Point(x + gap / 2, mid), radius: 3.5), color: .black)
        } else {
            r.label(symbol, at: Point(x + gap / 2, mid), .center, .middle, style: ConcatDiagram.operatorStyle)
        }
        return x + gap
    }

    /// The shape "(rows, cols)" under a block, with an optional caption line above it.
    func shapeLabels(under rect: Rect, _ caption: String?, rows: Int, cols: Int) {
        var y = rect.maxY + 8
        if let caption {
            let box = r.label(caption, at: Point(rect.midX, y), .center, .top, style: ConcatDiagram.shapeStyle)
            y = box.maxY + 6
        }
        r.label("(\(rows), \(cols))", at: Point(rect.midX, y), .center, .top, style: ConcatDiagram.shapeStyle)
    }

    /// Draws `block` with its left edge at `x`, centred vertically on `mid`.
    func place(_ block: Block, x: Double, mid: Double) -> Rect {
        let rect = Rect(x: x, y: (mid - block.height * u / 2).rounded(), width: block.width * u, height: block.height * u)
        let input = ConcatDiagram.inputColor, hidden = ConcatDiagram.hiddenColor
        for i in 0..<block.rows {
            for j in 0..<block.cols {
                let c = Rect(x: rect.minX + Double(j) * u, y: rect.minY + Double(i) * u, width: u, height: u)
                switch block.fill(i, j) {
                case .input: r.fill(.rect(c), color: input.mixed(with: .white, 0.45))
                case .hidden: r.fill(.rect(c), color: hidden.mixed(with: .white, 0.45))
                case .both:
                    // Each entry of the result sums an input part and a hidden part.
                    r.fill(.polygon([Point(c.minX, c.minY), Point(c.maxX, c.minY), Point(c.minX, c.maxY)]), color: input.mixed(with: .white, 0.45))
                    r.fill(.polygon([Point(c.maxX, c.minY), Point(c.maxX, c.maxY), Point(c.minX, c.maxY)]), color: hidden.mixed(with: .white, 0.45))
                }
            }
        }
        var grid = Path()
        for j in 1..<max(block.cols, 1) where j != block.colDivider {
            grid.move(to: Point(rect.minX + Double(j) * u, rect.minY))
            grid.line(to: Point(rect.minX + Double(j) * u, rect.maxY))
        }
        for i in 1..<max(block.rows, 1) where i != block.rowDivider {
            grid.move(to: Point(rect.minX, rect.minY + Double(i) * u))
            grid.line(to: Point(rect.maxX, rect.minY + Double(i) * u))
        }
        r.stroke(grid, style: StrokeStyle(width: 1, color: Color.white.withAlpha(0.95)))
        var dividers = Path()
        if let j = block.colDivider {
            dividers.move(to: Point(rect.minX + Double(j) * u, rect.minY))
            dividers.line(to: Point(rect.minX + Double(j) * u, rect.maxY))
        }
        if let i = block.rowDivider {
            dividers.move(to: Point(rect.minX, rect.minY + Double(i) * u))
            dividers.line(to: Point(rect.maxX, rect.minY + Double(i) * u))
        }
        r.stroke(dividers, style: StrokeStyle(width: 2, color: .black))
        r.stroke(.rect(rect), style: StrokeStyle(width: 2, color: .black, join: .miter))
        return rect
    }
}
