/// A perceptually uniform colour scale for heat maps: viridis (dark blue
/// through green to yellow). Its lightness rises steadily, so it reads the
/// same in greyscale and for colour-blind readers. The nine anchors are the
/// published viridis colours at 0, 1/8, …, 1; between them we interpolate
/// linearly.
public enum ColorMap {
    static let viridis: [Color] = [
        Color(hex: 0x440154), Color(hex: 0x472D7B), Color(hex: 0x3B528B), Color(hex: 0x2C728E), Color(hex: 0x21918C),
        Color(hex: 0x28AE80), Color(hex: 0x5EC962), Color(hex: 0xADDC30), Color(hex: 0xFDE725),
    ]

    /// The colour at `t` in 0…1 (clamped).
    public static func viridis(_ t: Double) -> Color {
        let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(viridis.count - 1)
        let k = min(Int(x), viridis.count - 2)
        return viridis[k].mixed(with: viridis[k + 1], x - Double(k))
    }

    /// The hatch of a value that has no colour on the scale: light for
    /// values too small (underflow to 0, negative, −∞), dark for values too
    /// large (∞), cross-hatched for NaN — told apart without colour.
    static func missing(_ kind: BreakKind) -> HatchStyle {
        switch kind {
        case .overflow: HatchStyle(background: .grey(0.35), lines: .grey(0.75))
        case .nan: HatchStyle(background: .grey(0.97), lines: .grey(0.35), crossed: true)
        case .underflowToZero, .subnormal, .negative, .negativeOverflow: HatchStyle(background: .grey(0.88), lines: .grey(0.45))
        }
    }
}
