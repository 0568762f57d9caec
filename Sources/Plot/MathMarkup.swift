/// The parser of the label markup (a small, TeX-like subset).
///
/// Text outside `$…$` is prose, set in the sans-serif face. Text inside
/// `$…$` is mathematics, set in the serif face the way the book sets it:
///
/// | markup | result |
/// |---|---|
/// | `$x$`, `$t$` | italic letters; digits and signs upright |
/// | `$-$` | a real minus sign (U+2212), not a hyphen |
/// | `$\bf{H}_{t-1}$`, `$\bf{W}_{xh}$` | bold upright matrix with an italic subscript |
/// | `$10^{-20}$`, `$x^2$` | superscripts (and `_` subscripts), smaller and shifted; `x_i^2` sets both, subscript first |
/// | `$\phi$`, `$\rho$`, `$\theta$`, `$\Delta$` | Greek: lower case italic, capitals upright |
/// | `$\rm{cat}$`, `$\it{…}$`, `$\text{ prose }$` | upright serif, italic serif, sans |
/// | `\infty \partial \nabla \cdot \times \approx \le \ge \ne \to \pm \| \ell \sum \ldots \in` | ∞ ∂ ∇ · × ≈ ≤ ≥ ≠ → ± ‖ ℓ ∑ … ∈ |
/// | `\,` `\ ` `\$` `\{` `\}` `\_` `\^` `\\` | thin space, space, literal characters |
///
/// Spacing in math works as in TeX: typed spaces are ignored, and
/// relations (`=`, `\approx`, `\to`) and binary operators (`+`, `-`,
/// `\times`) are spaced by their role (a leading minus stays unary; scripts
/// stay tight), so `$\rho=0.5$` and `$\rho = 0.5$` look the same. Use `\,`
/// or `\ ` for extra space, `\text{…}` for words. In prose, spaces are kept
/// as typed. An unknown command is shown literally, so a typo is visible in
/// the figure rather than silently dropped.
enum MathMarkup {
    /// How characters are set inside math: `automatic` is italic letters
    /// and upright everything else.
    enum Face { case automatic, bold, roman, italic, sans }

    /// A run of characters that share a font and a baseline shift.
    struct Run: Equatable {
        var text: String
        var font: Font
        /// Baseline shift in logical pixels, positive downwards.
        var shift: Double
    }

    /// A piece of a line: a run, or the sub- and superscript attached to what precedes.
    indirect enum Piece: Equatable {
        case run(Run)
        /// A small gap (italic correction, thin space) in logical pixels.
        case gap(Double)
        case scripts(sub: [Piece], sup: [Piece])
    }

    /// Script size relative to the text it is attached to.
    static let scriptScale = 0.72
    /// Subscript drop and superscript rise, as fractions of the parent size.
    static let subscriptDrop = 0.24
    static let superscriptRise = 0.42

    static let greek: [String: Character] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
        "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    static let symbols: [String: Character] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "cdot": "·", "times": "×", "approx": "≈",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "to": "→",
        "rightarrow": "→", "leftarrow": "←", "pm": "±", "|": "‖", "ell": "ℓ", "sum": "∑",
        "ldots": "…", "in": "∈", "sqrt": "√", "prime": "′", "odot": "⊙", "circ": "∘",
        ",": "\u{2009}", " ": " ", "$": "$", "{": "{", "}": "}", "_": "_", "^": "^", "\\": "\\", "%": "%",
    ]

    static let faceCommands: [String: Face] = [
        "bf": .bold, "mathbf": .bold, "rm": .roman, "mathrm": .roman,
        "it": .italic, "mathit": .italic, "text": .sans, "mathsf": .sans, "sf": .sans,
    ]

    /// One line of markup as styled text for a renderer: the parsed pieces
    /// in reading order, with TeX's small spaces made explicit — an italic
    /// correction (0.06 em) where upright text follows italic, and a little
    /// room before scripts (more after an italic letter, whose top leans
    /// right). A subscript and a superscript on the same base are set one
    /// after the other, subscript first.
    static func styled(_ source: String, size: Double, proseBold: Bool = false) -> [StyledText.Piece] {
        var out: [StyledText.Piece] = []
        var previousItalic = false
        func flatten(_ pieces: [Piece]) {
            for piece in pieces {
                switch piece {
                case .run(let run):
                    if previousItalic && !run.font.italic && run.text.first.map({ !$0.isWhitespace }) == true {
                        out.append(.gap(run.font.size * 0.06))
                    }
                    out.append(.run(run.text, run.font, shift: run.shift))
                    previousItalic = run.font.italic
                case .gap(let g):
                    out.append(.gap(g))
                case .scripts(let sub, let sup):
                    out.append(.gap(previousItalic && !sup.isEmpty ? 1.5 : 0.5))
                    previousItalic = false
                    flatten(sub)
                    flatten(sup)
                    previousItalic = false
                }
            }
        }
        flatten(parse(source, size: size, proseBold: proseBold))
        return out
    }

    /// Parses one line of markup for text of `size` logical pixels.
    /// `proseBold` sets the prose parts in bold (titles).
    static func parse(_ source: String, size: Double, proseBold: Bool = false) -> [Piece] {
        var parser = Parser(chars: Array(source), proseBold: proseBold)
        return parser.sequence(Context(math: false, face: .automatic, size: size, shift: 0), untilBrace: false)
    }

    struct Context {
        var math: Bool
        var face: Face
        var size: Double
        var shift: Double
        /// 0 on the main line, 1 in a script, 2 in a script's script.
        var scriptLevel = 0
    }

    /// How an atom is spaced in math (TeX's classes, simplified).
    enum Role { case operand, binary, relation, punctuation, open, space }

    static let relations: Set<Character> = ["=", "<", ">", "≈", "≤", "≥", "≠", "→", "←", "∈"]
    static let binaries: Set<Character> = ["+", "\u{2212}", "×", "·", "±", "∘", "⊙"]

    /// The role of a character in math.
    static func role(of c: Character) -> Role {
        if relations.contains(c) { return .relation }
        if binaries.contains(c) { return .binary }
        if c == "," || c == ";" { return .punctuation }
        if c == "(" || c == "[" { return .open }
        if c == " " || c == "\u{2009}" { return .space }
        return .operand
    }

    struct Parser {
        let chars: [Character]
        let proseBold: Bool
        var i = 0

        init(chars: [Character], proseBold: Bool) {
            self.chars = chars
            self.proseBold = proseBold
        }

        /// Parses until the end, or until a closing brace when `untilBrace`.
        mutating func sequence(_ start: Context, untilBrace: Bool) -> [Piece] {
            var ctx = start
            var out: [Piece] = []
            var operand = false   // whether an operand precedes (binary or unary minus)
            while i < chars.count {
                let c = chars[i]
                if c == "}" && untilBrace { i += 1; return out }
                i += 1
                switch c {
                case "$":
                    ctx.math.toggle()
                    operand = false
                case " " where ctx.math && ctx.face != .sans:
                    continue   // math spacing comes from the roles, not from typed spaces
                case "\\":
                    let (pieces, role) = command(ctx)
                    place(pieces, role, ctx, into: &out, operand: &operand)
                case "{" where ctx.math:
                    out += sequence(ctx, untilBrace: true)
                    operand = true
                case "_" where ctx.math, "^" where ctx.math:
                    out.append(scripts(first: c, ctx))
                    operand = true
                default:
                    let (piece, role) = character(c, ctx)
                    place([piece], role, ctx, into: &out, operand: &operand)
                }
            }
            return out
        }

        /// Appends `pieces` with the space their role asks for on the main
        /// line of math: relations (=, ≈, →) get a wider space on both
        /// sides, binary operators (+, −, ×) a medium one when something
        /// precedes them (so a leading minus stays unary), commas a thin
        /// one after. Scripts and prose get none.
        func place(_ pieces: [Piece], _ role: Role, _ ctx: Context, into out: inout [Piece], operand: inout Bool) {
            let spaced = ctx.math && ctx.scriptLevel == 0 && ctx.face != .sans
            let em = ctx.size
            switch role {
            case .relation where spaced:
                if !out.isEmpty { out.append(.gap(0.28 * em)) }
                pieces.forEach { append($0, to: &out) }
                out.append(.gap(0.28 * em))
                operand = false
            case .binary where spaced && operand:
                out.append(.gap(0.22 * em))
                pieces.forEach { append($0, to: &out) }
                out.append(.gap(0.22 * em))
                operand = false
            case .punctuation where spaced:
                pieces.forEach { append($0, to: &out) }
                out.append(.gap(0.17 * em))
                operand = false
            case .space:
                pieces.forEach { append($0, to: &out) }
            case .operand:
                pieces.forEach { append($0, to: &out) }
                operand = true
            default:
                pieces.forEach { append($0, to: &out) }
                operand = false
            }
        }

        /// Reads `_x^y` (either order, either alone) after the base.
        mutating func scripts(first: Character, _ ctx: Context) -> Piece {
            var sub: [Piece] = [], sup: [Piece] = []
            var marker: Character? = first
            while let m = marker {
                var small = ctx
                small.size = ctx.size * MathMarkup.scriptScale
                small.shift = ctx.shift + (m == "_" ? subscriptDrop : -superscriptRise) * ctx.size
                small.scriptLevel += 1
                if m == "_" { sub += argument(small) } else { sup += argument(small) }
                marker = nil
                if i < chars.count, chars[i] == "_" || chars[i] == "^", chars[i] != m {
                    marker = chars[i]
                    i += 1
                }
            }
            return .scripts(sub: sub, sup: sup)
        }

        /// One argument: a `{group}`, a `\command` or a single character.
        mutating func argument(_ ctx: Context) -> [Piece] {
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count else { return [] }
            let c = chars[i]
            i += 1
            if c == "{" { return sequence(ctx, untilBrace: true) }
            if c == "\\" { return command(ctx).pieces }
            return [character(c, ctx).piece]
        }

        /// Handles what follows a backslash.
        mutating func command(_ ctx: Context) -> (pieces: [Piece], role: Role) {
            guard i < chars.count else { return ([.run(run("\\", ctx, italic: false))], .operand) }
            var name = ""
            if chars[i].isLetter {
                while i < chars.count, chars[i].isLetter { name.append(chars[i]); i += 1 }
            } else {
                name = String(chars[i])
                i += 1
            }
            if let face = faceCommands[name] {
                var inner = ctx
                inner.face = face
                inner.math = true
                return (argument(inner), .operand)
            }
            if let g = greek[name] {
                let italic = ctx.math && ctx.face != .sans && (ctx.face == .italic || (ctx.face == .automatic && g.isLowercase))
                return ([.run(run(String(g), ctx, italic: italic))], .operand)
            } else if let s = symbols[name] {
                return ([.run(run(String(s), ctx, italic: false))], MathMarkup.role(of: s))
            } else {
                return ([.run(run("\\" + name, ctx, italic: false))], .operand)
            }
        }

        /// One ordinary character and its role: in math a hyphen becomes a
        /// minus sign and letters are italic.
        func character(_ c: Character, _ ctx: Context) -> (piece: Piece, role: Role) {
            guard ctx.math else { return (.run(run(String(c), ctx, italic: false)), .operand) }
            let glyph: Character = c == "-" ? "\u{2212}" : c
            let italic = ctx.face == .italic || (ctx.face == .automatic && c.isLetter)
            return (.run(run(String(glyph), ctx, italic: italic)), MathMarkup.role(of: glyph))
        }

        /// Appends a piece, merging a run into the previous one when font
        /// and shift agree (fewer, longer runs keep the kerning).
        func append(_ piece: Piece, to out: inout [Piece]) {
            if case .run(let new) = piece, case .run(var last)? = out.last, last.font == new.font, last.shift == new.shift {
                last.text += new.text
                out[out.count - 1] = .run(last)
            } else {
                out.append(piece)
            }
        }

        /// A run of `text` in the font `ctx` calls for.
        func run(_ text: String, _ ctx: Context, italic: Bool) -> Run {
            let font: Font
            if !ctx.math {
                font = Font(.sans, size: ctx.size, bold: proseBold)
            } else {
                switch ctx.face {
                case .sans: font = Font(.sans, size: ctx.size)
                case .bold: font = Font(.serif, size: ctx.size, italic: false, bold: true)
                case .roman: font = Font(.serif, size: ctx.size)
                case .italic, .automatic: font = Font(.serif, size: ctx.size, italic: italic)
                }
            }
            return Run(text: text, font: font, shift: ctx.shift)
        }
    }
}
