import Foundation

/// An sRGB colour with alpha, each channel in 0…1.
public struct Color: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// A neutral grey; 0 is black, 1 is white.
    public static func grey(_ level: Double) -> Color { Color(red: level, green: level, blue: level) }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// The dark grey used for axes, ticks and prose labels (softer than black).
    public static let ink = Color(hex: 0x222222)

    /// This colour with another alpha.
    public func withAlpha(_ a: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: a) }

    /// Linear blend in sRGB: `t = 0` gives `self`, `t = 1` gives `other`.
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t,
              green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t,
              alpha: alpha + (other.alpha - alpha) * t)
    }

    /// Relative luminance (WCAG), used to pick black or white text on a fill.
    public var luminance: Double {
        func channel(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }
}

/// The Okabe–Ito palette: eight colours that stay distinct for the common
/// forms of colour blindness. Yellow is left out (unreadable on white) and
/// black comes last, so the first seven series all get a hue.
public enum Palette {
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let bluishGreen = Color(hex: 0x009E73)
    public static let reddishPurple = Color(hex: 0xCC79A7)
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let black = Color(hex: 0x000000)

    /// The series colours in the order they are handed out.
    public static let series: [Color] = [blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black]

    /// The colour of series number `i` (wraps around).
    public static func color(_ i: Int) -> Color { series[((i % series.count) + series.count) % series.count] }
}
