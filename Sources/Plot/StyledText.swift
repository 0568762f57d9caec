/// Text as a renderer lays it out: lines of runs, each run in one font with
/// its baseline shifted or not, and gaps between them. The label markup
/// (`MathMarkup`) produces it; a backend shapes it, falls back to other
/// fonts for characters a face lacks, and measures and draws it as one block.
public struct StyledText: Hashable, Sendable {
    public enum Piece: Hashable, Sendable {
        /// Characters in one font, their baseline moved `shift` logical
        /// pixels down (negative: up, as for a superscript).
        case run(String, Font, shift: Double)
        /// Horizontal space of this many logical pixels (math spacing,
        /// italic correction).
        case gap(Double)
    }

    /// The lines, top to bottom; lines after the first are centred under it.
    public var lines: [[Piece]]

    public init(lines: [[Piece]]) {
        self.lines = lines
    }

    /// One line of plain text in one font.
    public init(_ text: String, font: Font) {
        lines = [[.run(text, font, shift: 0)]]
    }
}
