/// What can go wrong while building the site; each case's message names the
/// file or the value at fault.
public enum SiteError: Error, CustomStringConvertible, Equatable {
    /// The input (a report, a link, the command line) is not what the site can use.
    case invalidInput(String)
    /// A file could not be read or written.
    case io(String)
    /// KaTeX could not be run, or rejected a formula.
    case math(String)

    public var description: String {
        switch self {
        case .invalidInput(let m), .io(let m), .math(let m): return m
        }
    }
}
