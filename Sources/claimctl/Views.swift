import Foundation

/// A plain-text table in the style of systemd's tools: upper-case headers, columns two spaces
/// apart, the last column cut to the terminal's width when printing to one.
struct Table {
    var headers: [String]
    var rows: [[String]]

    func render(empty: String) -> String {
        guard !rows.isEmpty else { return empty + "\n" }
        let cells = rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        var widths = headers.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() where i < widths.count - 1 { widths[i] = min(max(widths[i], cell.count), 40) } }
        let terminal = terminalWidth()
        func line(_ row: [String]) -> String {
            var out = ""
            for (i, cell) in row.enumerated() {
                if i == row.count - 1 {
                    var text = cell
                    if let terminal {
                        let room = max(20, terminal - out.count)
                        if text.count > room { text = String(text.prefix(room - 1)) + "…" }
                    }
                    out += text
                } else {
                    let text = cell.count > widths[i] ? String(cell.prefix(widths[i] - 1)) + "…" : cell
                    out += text.padding(toLength: widths[i], withPad: " ", startingAt: 0) + "  "
                }
            }
            return out
        }
        return ([line(headers)] + cells.map(line)).joined(separator: "\n") + "\n\(rows.count) rows\n"
    }

    private func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
