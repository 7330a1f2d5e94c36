import Foundation

/// What claimctl's standard output is: a terminal (tables fit it, colour, a pager) or not
/// (a pipe or a file: every value whole, no escapes).
enum Terminal {
    static let isTTY = isatty(STDOUT_FILENO) == 1

    /// Columns and rows of the terminal: the window size, else `$COLUMNS` / `$LINES`, else 80×24.
    static let size: (columns: Int, rows: Int) = {
        var window = winsize()
        let environment = ProcessInfo.processInfo.environment
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0
        let columns = known && window.ws_col > 0 ? Int(window.ws_col) : Int(environment["COLUMNS"] ?? "") ?? 80
        let rows = known && window.ws_row > 0 ? Int(window.ws_row) : Int(environment["LINES"] ?? "") ?? 24
        return (max(columns, 40), max(rows, 5))
    }()

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org).
    static let colour = isTTY && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
}

/// The few ANSI styles claimctl uses: stances, and a table's header.
enum Style: String, Sendable {
    case bold = "1", green = "32", red = "31", yellow = "33", dim = "2", magenta = "35"

    func apply(_ text: String) -> String { "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" }
}
