import CCairo

/// A PNG decoded by Cairo into premultiplied ARGB words, for comparing a
/// freshly generated figure with the committed one.
///
/// The figures are drawn on an opaque white background, so premultiplied
/// and straight colour agree on every pixel that matters; comparing the
/// premultiplied words is the same test as the golden-image tests'.
struct PNGPixels {
    let width: Int
    let height: Int
    /// Row-major 0xAARRGGBB words.
    let pixels: [UInt32]

    init(file path: String) throws {
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw CourseFailure("cannot decode \(path) as PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        cairo_surface_flush(surface)
        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24,
              let data = cairo_image_surface_get_data(surface) else {
            throw CourseFailure("cannot decode \(path): unsupported pixel format")
        }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var out = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                out[y * width + x] = format == CAIRO_FORMAT_RGB24 ? row[x] | 0xFF00_0000 : row[x]
            }
        }
        pixels = out
    }

    /// The fraction of pixels in which some channel (A, R, G or B) differs
    /// by more than `threshold` levels of 255; 1 when the sizes differ.
    func fractionDiffering(from other: PNGPixels, threshold: Int) -> Double {
        guard width == other.width, height == other.height, !pixels.isEmpty else { return 1 }
        var differing = 0
        for (a, b) in zip(pixels, other.pixels) where a != b {
            for shift in stride(from: 0, to: 32, by: 8) {
                let ca = Int((a >> UInt32(shift)) & 0xFF), cb = Int((b >> UInt32(shift)) & 0xFF)
                if abs(ca - cb) > threshold {
                    differing += 1
                    break
                }
            }
        }
        return Double(differing) / Double(pixels.count)
    }
}
