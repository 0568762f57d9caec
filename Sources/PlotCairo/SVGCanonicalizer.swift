/// Makes Cairo's SVG output independent of the process's history.
///
/// Cairo names the elements it defines (`glyph3-1`, `surface12`, `clip5`,
/// …) from counters that live as long as the process, so the second figure
/// rendered in a process gets other names than the first, and the bytes
/// differ although the picture is the same. This rewrites every declared id,
/// in order of declaration, to `<letters>_<n>` with `n` counting from 1 per
/// prefix (`glyph_1`, `surface_1`, `clip_1`, …), and rewrites every
/// reference to it (`href="#…"`, `url(#…)`). Cairo never writes an
/// underscore in its ids, so the new names cannot collide with old ones.
enum SVGCanonicalizer {
    static func canonicalize(_ bytes: [UInt8]) -> [UInt8] {
        let declared = declaredIDs(in: bytes)
        guard !declared.isEmpty else { return bytes }
        var renamed: [ArraySlice<UInt8>: [UInt8]] = [:]
        var perPrefix: [ArraySlice<UInt8>: Int] = [:]
        for id in declared where renamed[id] == nil {
            let prefix = id.prefix { isLetter($0) }
            let n = (perPrefix[prefix] ?? 0) + 1
            perPrefix[prefix] = n
            renamed[id] = Array(prefix) + Array("_\(n)".utf8)
        }
        return rewrite(bytes, renamed)
    }

    private static let idOpen = Array(" id=\"".utf8)
    private static let quote = UInt8(ascii: "\"")
    private static let hash = UInt8(ascii: "#")
    private static let paren = UInt8(ascii: ")")

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// Whether `bytes` holds `pattern` at `i`.
    private static func matches(_ bytes: [UInt8], _ pattern: [UInt8], at i: Int) -> Bool {
        guard i + pattern.count <= bytes.count else { return false }
        for k in 0..<pattern.count where bytes[i + k] != pattern[k] { return false }
        return true
    }

    /// The index of the first `terminator` at or after `i`, if any.
    private static func end(of bytes: [UInt8], from i: Int, at terminators: [UInt8]) -> Int? {
        var j = i
        while j < bytes.count {
            if terminators.contains(bytes[j]) { return j }
            if bytes[j] == UInt8(ascii: "<") || bytes[j] == UInt8(ascii: ">") { return nil }
            j += 1
        }
        return nil
    }

    /// Every `id="…"` value, in document order.
    private static func declaredIDs(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var ids: [ArraySlice<UInt8>] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == idOpen[0], matches(bytes, idOpen, at: i) {
                let start = i + idOpen.count
                if let stop = end(of: bytes, from: start, at: [quote]) {
                    ids.append(bytes[start..<stop])
                    i = stop
                    continue
                }
            }
            i += 1
        }
        return ids
    }

    /// Copies `bytes`, replacing declared ids and `#id` references.
    private static func rewrite(_ bytes: [UInt8], _ renamed: [ArraySlice<UInt8>: [UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            var start: Int?
            if bytes[i] == idOpen[0], matches(bytes, idOpen, at: i) {
                start = i + idOpen.count
            } else if bytes[i] == hash {
                start = i + 1
            }
            if let start, let stop = end(of: bytes, from: start, at: [quote, paren]),
               let name = renamed[bytes[start..<stop]] {
                out.append(contentsOf: bytes[i..<start])
                out.append(contentsOf: name)
                i = stop
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
