import CCairo

/// Why a PNG could not be decoded.
struct DecodeError: Error, CustomStringConvertible {
    var source: String
    var reason: String
    var description: String { "cannot decode \(source) as PNG: \(reason)" }
}

/// A decoded PNG: its pixels as 8-bit RGBA, for comparing a rendering with
/// a stored golden image in the tests.
struct RasterImage: Equatable {
    let width: Int
    let height: Int
    /// Row-major RGBA bytes, not premultiplied.
    let rgba: [UInt8]

    /// Decodes the PNG file at `path` with Cairo.
    init(pngFile path: String) throws {
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        try self.init(surface: surface, source: path)
    }

    /// Decodes PNG bytes held in memory.
    init(pngBytes bytes: [UInt8]) throws {
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Reader(bytes)
        let closure = Unmanaged.passUnretained(reader).toOpaque()
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
                let n = Int(length)
                guard reader.offset + n <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
                for k in 0..<n { data[k] = reader.bytes[reader.offset + k] }
                reader.offset += n
                return CAIRO_STATUS_SUCCESS
            }, closure)
        }
        defer { cairo_surface_destroy(surface) }
        try self.init(surface: surface, source: "PNG bytes")
    }

    private init(surface: OpaquePointer?, source: String) throws {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DecodeError(source: source, reason: String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24,
              let data = cairo_image_surface_get_data(surface) else {
            throw DecodeError(source: source, reason: "unsupported pixel format")
        }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let p = row[x]   // native-endian 0xAARRGGBB, premultiplied
                let a = format == CAIRO_FORMAT_RGB24 ? 255 : Int(p >> 24)
                func channel(_ shift: UInt32) -> UInt8 {
                    let c = Int((p >> shift) & 0xFF)
                    return a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a))
                }
                let k = (y * width + x) * 4
                out[k] = channel(16)
                out[k + 1] = channel(8)
                out[k + 2] = channel(0)
                out[k + 3] = UInt8(a)
            }
        }
        rgba = out
    }

    /// The fraction of pixels in which some channel differs by more than
    /// `threshold` (0…255); 1 when the sizes differ.
    func fractionDiffering(from other: RasterImage, threshold: Int) -> Double {
        guard width == other.width, height == other.height, width * height > 0 else { return 1 }
        var differing = 0
        for i in stride(from: 0, to: rgba.count, by: 4) {
            for c in 0..<4 where abs(Int(rgba[i + c]) - Int(other.rgba[i + c])) > threshold {
                differing += 1
                break
            }
        }
        return Double(differing) / Double(width * height)
    }
}
