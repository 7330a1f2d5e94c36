/// A table in the style of systemd's tools: upper-case headers, columns two spaces apart.
///
/// Fitted to a terminal's width, a column may be capped (its values cut with `…`) and the one
/// column that wraps (a claim's quote) takes the width left and runs over as many lines as it
/// needs. Unfitted (a pipe, or `-o wide`), every value is printed whole on one line.
struct Table {
    struct Column {
        var header: String
        /// The most a fitted table gives this column (nil: as wide as its values).
        var cap: Int?
        /// Wraps onto further lines instead of being cut.
        var wraps = false
    }

    struct Cell {
        var text: String
        var style: Style?

        init(_ text: String, style: Style? = nil) {
            self.text = text.replacingOccurrences(of: "\n", with: " ")
            self.style = style
        }
    }

    var columns: [Column]
    var rows: [[Cell]]

    /// The table's lines: fitted to `width` columns when given; styled when `colour`.
    func lines(width: Int?, colour: Bool) -> [String] {
        var widths = columns.indices.map { index in
            rows.reduce(columns[index].header.count) { max($0, $1[index].text.count) }
        }
        if let width {
            for index in columns.indices where !columns[index].wraps {
                if let cap = columns[index].cap { widths[index] = min(widths[index], max(cap, columns[index].header.count)) }
            }
            // The wrapping column (or the last one) takes what is left, ideally 24 columns or more,
            // narrowing the widest capped columns (down to 10) to make room on a small terminal.
            let flexible = columns.firstIndex(where: \.wraps) ?? columns.count - 1
            func used() -> Int { widths.indices.filter { $0 != flexible }.reduce(0) { $0 + widths[$1] + 2 } }
            let wanted = min(widths[flexible], 24)
            while width - used() < wanted,
                  let widest = widths.indices.filter({ $0 != flexible && columns[$0].cap != nil && widths[$0] > 10 })
                      .max(by: { widths[$0] < widths[$1] }) {
                widths[widest] -= 1
            }
            // Fitting beats the wish for 24: only a terminal too narrow for the other columns overflows.
            widths[flexible] = min(widths[flexible], max(12, width - used()))
        }
        var output = [line(columns.map { Cell($0.header, style: .bold) }, widths: widths, fitted: width != nil, colour: colour)]
        for row in rows { output += wrappedLines(row, widths: widths, fitted: width != nil, colour: colour) }
        return output
    }

    /// One row, over several lines when a wrapping column's value is longer than its width.
    private func wrappedLines(_ row: [Cell], widths: [Int], fitted: Bool, colour: Bool) -> [String] {
        guard fitted, let wrapping = columns.firstIndex(where: \.wraps), row[wrapping].text.count > widths[wrapping] else {
            return [line(row, widths: widths, fitted: fitted, colour: colour)]
        }
        let pieces = wrap(row[wrapping].text, width: widths[wrapping])
        return pieces.enumerated().map { number, piece in
            var cells = number == 0 ? row : row.map { _ in Cell("") }
            cells[wrapping] = Cell(piece, style: row[wrapping].style)
            return line(cells, widths: widths, fitted: fitted, colour: colour)
        }
    }

    private func line(_ cells: [Cell], widths: [Int], fitted: Bool, colour: Bool) -> String {
        var out = ""
        for (index, cell) in cells.enumerated() {
            var text = cell.text
            if fitted, text.count > widths[index] { text = String(text.prefix(max(widths[index] - 1, 0))) + "…" }
            let isLast = index == cells.count - 1
            let padding = isLast ? "" : String(repeating: " ", count: max(widths[index] - text.count, 0)) + "  "
            out += (colour ? cell.style.map { $0.apply(text) } ?? text : text) + padding
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}

/// Breaks `text` into lines of at most `width` characters, at spaces where it can.
func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
        var word = Substring(word)
        while word.count > width {
            if !current.isEmpty { lines.append(current); current = "" }
            lines.append(String(word.prefix(width)))
            word = word.dropFirst(width)
        }
        if current.isEmpty { current = String(word) }
        else if current.count + 1 + word.count <= width { current += " " + word }
        else { lines.append(current); current = String(word) }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}
