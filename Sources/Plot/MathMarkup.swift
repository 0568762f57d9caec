/// The parser of the label markup (a small, TeX-like subset).
///
/// Text outside `$…$` is prose, set in DejaVu Sans. Text inside `$…$` is
/// mathematics, set in DejaVu Serif the way the book sets it:
///
/// | markup | result |
/// |---|---|
/// | `$x$`, `$t$` | italic letters; digits and signs upright |
/// | `$-$` | a real minus sign (U+2212), not a hyphen |
/// | `$\bf{H}_{t-1}$`, `$\bf{W}_{xh}$` | bold upright matrix with an italic subscript |
/// | `$10^{-20}$`, `$x^2$` | superscripts (and `_` subscripts), smaller and shifted; `x_i^2` stacks both |
/// | `$\phi$`, `$\rho$`, `$\theta$`, `$\Delta$` | Greek: lower case italic, capitals upright |
/// | `$\rm{cat}$`, `$\it{…}$`, `$\text{ prose }$` | upright serif, italic serif, sans |
/// | `\infty \partial \nabla \cdot \times \approx \le \ge \ne \to \pm \| \ell \sum \ldots \in` | ∞ ∂ ∇ · × ≈ ≤ ≥ ≠ → ± ‖ ℓ ∑ … ∈ |
/// | `\,` `\ ` `\$` `\{` `\}` `\_` `\^` `\\` | thin space, space, literal characters |
///
/// Spaces are kept as typed. An unknown command is shown literally, so a
/// typo is visible in the figure rather than silently dropped.
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
            while i < chars.count {
                let c = chars[i]
                if c == "}" && untilBrace { i += 1; return out }
                i += 1
                switch c {
                case "$":
                    ctx.math.toggle()
                case "\\":
                    out += command(ctx)
                case "{" where ctx.math:
                    out += sequence(ctx, untilBrace: true)
                case "_" where ctx.math, "^" where ctx.math:
                    out.append(scripts(first: c, ctx))
                default:
                    emit(c, ctx, into: &out)
                }
            }
            return out
        }

        /// Reads `_x^y` (either order, either alone) after the base.
        mutating func scripts(first: Character, _ ctx: Context) -> Piece {
            var sub: [Piece] = [], sup: [Piece] = []
            var marker: Character? = first
            while let m = marker {
                var small = ctx
                small.size = ctx.size * MathMarkup.scriptScale
                small.shift = ctx.shift + (m == "_" ? subscriptDrop : -superscriptRise) * ctx.size
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
            guard i < chars.count else { return [] }
            let c = chars[i]
            i += 1
            if c == "{" { return sequence(ctx, untilBrace: true) }
            if c == "\\" { return command(ctx) }
            var out: [Piece] = []
            emit(c, ctx, into: &out)
            return out
        }

        /// Handles what follows a backslash.
        mutating func command(_ ctx: Context) -> [Piece] {
            guard i < chars.count else { return [.run(run("\\", ctx, italic: false))] }
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
                return argument(inner)
            }
            var out: [Piece] = []
            if let g = greek[name] {
                let italic = ctx.math && ctx.face != .sans && (ctx.face == .italic || (ctx.face == .automatic && g.isLowercase))
                out.append(.run(run(String(g), ctx, italic: italic)))
            } else if let s = symbols[name] {
                out.append(.run(run(String(s), ctx, italic: false)))
            } else {
                out.append(.run(run("\\" + name, ctx, italic: false)))
            }
            return out
        }

        /// Appends one ordinary character, merging it into the previous run
        /// when the font and shift agree.
        func emit(_ c: Character, _ ctx: Context, into out: inout [Piece]) {
            var text = String(c)
            var italic = false
            if ctx.math {
                if c == "-" { text = "\u{2212}" }
                italic = ctx.face == .italic || (ctx.face == .automatic && c.isLetter)
            }
            let new = run(text, ctx, italic: italic)
            if case .run(var last)? = out.last, last.font == new.font, last.shift == new.shift {
                last.text += new.text
                out[out.count - 1] = .run(last)
            } else {
                out.append(.run(new))
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
