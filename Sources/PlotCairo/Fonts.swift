import CPango
import Foundation
import Plot

/// The fonts every figure is set in, and nothing else.
///
/// The renderer hands Pango a private fontconfig configuration that holds
/// exactly these files — no system folders, no configuration files, no
/// aliases, one rule of our own — so a machine with other fonts installed, or without the usual
/// defaults, draws the same glyphs. `make deps` installs the three Debian
/// packages they come from:
///
/// - DejaVu Sans and DejaVu Serif (fonts-dejavu-core, and fonts-dejavu-extra
///   for the italics): prose in sans, mathematics in serif as the book sets
///   it; they cover Latin, Greek and the mathematical symbols the labels use.
/// - WenQuanYi Micro Hei (fonts-wqy-microhei): the Chinese labels. A sans
///   face that sits well beside DejaVu Sans, 5 MB installed (Noto Sans CJK
///   would be 91 MB for glyphs the figures never use).
enum Fonts {
    /// Where Debian installs the fonts.
    static let folder = "/usr/share/fonts/truetype"

    /// The pinned files, relative to `folder`.
    static let files = [
        "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf",
        "dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf",
        "dejavu/DejaVuSerif-Italic.ttf", "dejavu/DejaVuSerif-BoldItalic.ttf",
        "dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf",
        "wqy/wqy-microhei.ttc",
    ]

    /// The font everything falls back to for characters DejaVu lacks.
    static let fallbackFamily = "WenQuanYi Micro Hei"

    /// The family list Pango is asked for: the face, then the fallback.
    static func families(_ family: Font.Family) -> String {
        let first = switch family {
        case .sans: "DejaVu Sans"
        case .serif: "DejaVu Serif"
        case .mono: "DejaVu Sans Mono"
        }
        return "\(first),\(fallbackFamily)"
    }

    /// The private configuration, built once per process; or why it cannot be.
    static let configuration: Result<PrivateFontConfig, RenderError> = Result { try PrivateFontConfig(files: files) }
        .mapError { $0 as? RenderError ?? .fonts(String(describing: $0)) }
}

/// A fontconfig configuration that knows only the given font files. It is
/// never changed after it is built, so one serves every thread.
final class PrivateFontConfig: @unchecked Sendable {
    let handle: OpaquePointer

    /// Its one rule: a face without a bold weight (WenQuanYi Micro Hei) is
    /// emboldened when bold is asked for, so Chinese titles are bold like
    /// English ones.
    static let rules = """
        <?xml version="1.0"?>
        <fontconfig>
          <match target="font">
            <test name="weight" compare="less_eq"><const>medium</const></test>
            <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>
            <edit name="embolden" mode="assign"><bool>true</bool></edit>
            <edit name="weight" mode="assign"><const>bold</const></edit>
          </match>
        </fontconfig>
        """

    init(files: [String]) throws {
        guard let config = FcConfigCreate() else { throw RenderError.fonts("fontconfig could not create a configuration") }
        handle = config
        guard FcConfigParseAndLoadFromMemory(config, Self.rules, 1) != 0 else {
            throw RenderError.fonts("fontconfig rejects the rule for synthetic bold")
        }
        for file in files {
            let path = "\(Fonts.folder)/\(file)"
            guard FileManager.default.fileExists(atPath: path) else {
                throw RenderError.fonts("the font file \(path) is missing; run `make deps`, which installs "
                    + "fonts-dejavu-core, fonts-dejavu-extra and fonts-wqy-microhei")
            }
            guard FcConfigAppFontAddFile(config, path) != 0 else {
                throw RenderError.fonts("fontconfig cannot read the font file \(path)")
            }
        }
    }

    deinit {
        FcConfigDestroy(handle)
    }
}
