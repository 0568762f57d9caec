import CCairo
import Plot

/// Bytes a Cairo stream surface hands back, kept in memory until the whole
/// document is complete.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// Cairo's write callback: appends to the `ByteSink` passed as closure data.
private func appendToSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    if let data, length > 0 {
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    }
    return CAIRO_STATUS_SUCCESS
}

/// Throws `RenderError.cairo`, naming `operation` and Cairo's reason,
/// unless `status` is success.
func check(_ status: cairo_status_t, while operation: String) throws {
    guard status == CAIRO_STATUS_SUCCESS else {
        throw RenderError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
    }
}

/// One Cairo surface — an image for PNG, or an SVG or PDF stream into
/// memory — destroyed when the object goes away.
final class CairoSurface {
    let handle: OpaquePointer
    let format: ImageFormat
    /// Device units per logical pixel (2 for PNG, 1 for vector output).
    let scale: Double
    /// Receives the SVG or PDF stream; outlives the surface's last write
    /// because the surface owns it.
    private let sink = ByteSink()

    /// The fixed creation and modification date written into PDF files.
    static let pdfDate = "2000-01-01T00:00:00Z"

    /// Creates the surface `format` needs for a figure of `size` logical pixels.
    init(format: ImageFormat, size: Size) throws {
        try ImageFormat.validate(size)
        self.format = format
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .png:
            scale = ImageFormat.pngScale
            let w = Int32((size.width * scale).rounded(.up)), h = Int32((size.height * scale).rounded(.up))
            handle = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)
        case .svg:
            scale = 1
            handle = cairo_svg_surface_create_for_stream(appendToSink, closure, size.width, size.height)
        case .pdf:
            scale = 1
            handle = cairo_pdf_surface_create_for_stream(appendToSink, closure, size.width, size.height)
        }
        try check("creating the \(format.rawValue) surface (\(size))")
        switch format {
        case .png:
            break
        case .svg:
            cairo_svg_surface_restrict_to_version(handle, CAIRO_SVG_VERSION_1_1)
            cairo_svg_surface_set_document_unit(handle, CAIRO_SVG_UNIT_PX)
        case .pdf:
            cairo_pdf_surface_set_metadata(handle, CAIRO_PDF_METADATA_CREATE_DATE, Self.pdfDate)
            cairo_pdf_surface_set_metadata(handle, CAIRO_PDF_METADATA_MOD_DATE, Self.pdfDate)
            cairo_pdf_surface_set_metadata(handle, CAIRO_PDF_METADATA_CREATOR, "RNNLessons Plot")
        }
        try check("configuring the \(format.rawValue) surface")
    }

    deinit {
        cairo_surface_destroy(handle)
    }

    /// Throws if the surface is in an error state.
    func check(_ operation: String) throws {
        try PlotCairo.check(cairo_surface_status(handle), while: operation)
    }

    /// Completes the document and returns its bytes: the PNG file, or the
    /// SVG/PDF stream. Call once, after all drawing.
    func finishedBytes() throws -> [UInt8] {
        switch format {
        case .png:
            cairo_surface_flush(handle)
            try check("flushing the image before encoding it as PNG")
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            try PlotCairo.check(cairo_surface_write_to_png_stream(handle, appendToSink, closure),
                                while: "encoding the image as PNG")
            cairo_surface_finish(handle)
            try check("finishing the PNG surface")
        case .svg, .pdf:
            cairo_surface_finish(handle)
            try check("finishing the \(format.rawValue) document")
        }
        return sink.bytes
    }
}

/// One Cairo drawing context on a surface, destroyed with the object. It
/// keeps its surface alive for as long as it can draw on it.
final class CairoContext {
    let handle: OpaquePointer
    let surface: CairoSurface

    init(surface: CairoSurface) throws {
        self.surface = surface
        handle = cairo_create(surface.handle)
        try check("creating a drawing context")
    }

    deinit {
        cairo_destroy(handle)
    }

    /// Throws if the context is in an error state (Cairo's errors are sticky,
    /// so one check after drawing catches a failure anywhere in it).
    func check(_ operation: String) throws {
        try PlotCairo.check(cairo_status(handle), while: operation)
    }
}
