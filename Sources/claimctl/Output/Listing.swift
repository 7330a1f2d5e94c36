import ArgumentParser
import ClaimAPI
import ClaimExport
import Foundation

/// `-o FORMAT`: how a listing is printed.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Columns that fit the terminal, the quote wrapped; whole values when piped.
    case table
    /// Every column, values never cut or wrapped.
    case wide
    /// The API's JSON body as it came.
    case json
    /// One JSON object per row.
    case jsonl
    /// Every column as RFC 4180 CSV, with a header line.
    case csv
}

/// Options of every command that prints: the format, and whether a pager may be used.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("table, wide, json, jsonl or csv (default: table).", valueName: "format"))
    var format: OutputFormat?

    @Flag(help: "The same as -o json.")
    var json = false

    @Flag(name: .customLong("no-pager"), help: "Never pipe output through a pager ($PAGER, else less).")
    var noPager = false

    var resolved: OutputFormat { json ? .json : format ?? .table }
}

/// One column of a listing: its header, how a row gives its value, and how `-o table` shows it.
struct ListingColumn<Item>: Sendable {
    var header: String
    /// Shown by `-o table`; `wide` and `csv` show every column.
    var inTable = true
    var cap: Int? = nil
    var wraps = false
    var value: @Sendable (Item) -> String
    var style: @Sendable (Item) -> Style? = { _ in nil }
}

extension OutputOptions {
    /// Prints a page of a listing in the chosen format; returns it decoded.
    @discardableResult
    func print<Item: Decodable & Sendable>(_ body: [UInt8], as type: Item.Type, columns: [ListingColumn<Item>],
                                           empty: String) throws -> Page<Item> {
        let page = try JSONDecoder().decode(Page<Item>.self, from: Data(body))
        switch resolved {
        case .json:
            FileHandle.standardOutput.write(Data(body + (body.last == 0x0A ? [] : [0x0A])))
        case .jsonl:
            let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            for item in object?["items"] as? [Any] ?? [] {
                let line = try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys, .withoutEscapingSlashes])
                FileHandle.standardOutput.write(line + Data([0x0A]))
            }
        case .csv:
            var text = csvRecord(columns.map { $0.header.lowercased() })
            for item in page.items { text += csvRecord(columns.map { $0.value(item) }) }
            FileHandle.standardOutput.write(Data(text.utf8))
        case .table, .wide:
            let shown = resolved == .table ? columns.filter(\.inTable) : columns
            guard !page.items.isEmpty else {
                Swift.print(empty)
                return page
            }
            let table = Table(columns: shown.map { Table.Column(header: $0.header, cap: $0.cap, wraps: $0.wraps) },
                              rows: page.items.map { item in shown.map { Table.Cell($0.value(item), style: $0.style(item)) } })
            var lines = table.lines(width: resolved == .table && Terminal.isTTY ? Terminal.size.columns : nil, colour: Terminal.colour)
            // The count is for a person; a pipe gets the rows alone.
            if Terminal.isTTY { lines += ["", "\(page.items.count) rows"] }
            Pager.show(lines, allowed: !noPager)
        }
        return page
    }

    /// Under a page with older rows, says on stderr how to get them, so pipes get rows only.
    func notePage<Item>(_ page: Page<Item>) {
        guard page.nextCursor != nil, resolved != .json else { return }
        fflush(nil)
        FileHandle.standardError.write(Data("(The \(page.items.count) most recent; --limit N or --since/--until for others.)\n".utf8))
    }
}
