import Foundation
import Testing

/// Runs claimctl on a pseudo-terminal (util-linux `script`), as a person at a terminal would.
func claimctlOnTerminal(_ daemon: DaemonProcess, _ arguments: [String], columns: Int = 80, lines: Int = 200,
                        environment: [String: String] = [:]) throws -> CommandResult {
    let quoted = ([Binaries.claimctl, "--socket", daemon.socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let settings = (["COLUMNS=\(columns)", "LINES=\(lines)"] + environment.map { "\($0.key)='\($0.value)'" }).joined(separator: " ")
    // NO_COLOR from the environment of the test run is not the terminal's: only `environment` sets it.
    return try run("/usr/bin/script", ["-qec", "env -u NO_COLOR \(settings) \(quoted.joined(separator: " "))", "/dev/null"])
}

@Suite("claimctl's output formats, exit codes and dates, through the live daemon", .serialized)
struct ClaimctlOutputTests {
    /// A daemon holding two articles: one with long quotes, sources and a stance change.
    static func daemonWithClaims() throws -> DaemonProcess {
        let daemon = try DaemonProcess()
        let first = """
            Source: The Harbour Gazette
            URL: https://gazette.example/ports

            Foreign Minister Ilka Brannock said on 2031-03-04 that her country supported new sanctions against the regime, "because, as she put it, \
            every week of delay, every unanswered shipment and every quiet exemption tells the regime that nothing it does will ever cost it anything at all".
            """
        let second = "Foreign Minister Ilka Brannock said on 2031-03-20 that her country opposed any new sanctions against the regime, "
            + "and that she wanted the old ones lifted, \"with, the ministry added, \"immediate effect\".\n"
        // Dated: a claim is never dated after its article.
        for (name, text, dct) in [("first.txt", first, "2031-03-05"), ("second.txt", second, "2031-03-21")] {
            let reply = try daemon.request("POST", "/v1/documents?name=\(name)&dct=\(dct)", body: Array(text.utf8))
            #expect(reply.status == 201, "\(reply.text)")
        }
        return daemon
    }

    @Test("csv is RFC 4180 with every column, and parses back to the JSON's rows; jsonl is one JSON row per line")
    func csvAndJSONL() throws {
        let daemon = try Self.daemonWithClaims()
        let json = try jsonArray(try daemon.claimctl(["claims", "-o", "json"]).stdout)
        #expect(json.count >= 2)
        let csv = try daemon.claimctl(["claims", "-o", "csv"])
        #expect(csv.status == 0)
        let records = parseCSV(csv.stdout)
        let header = try #require(records.first)
        #expect(header.starts(with: ["date", "timex", "actor", "topic", "stance"]) && header.contains("text") && header.contains("url"))
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.count == json.count)
        for (row, object) in zip(rows, json) {
            #expect(row["text"] == object["text"] as? String, "quotes, commas and the whole quote survive")
            #expect(row["id"] == "\(object["id"] as? Int ?? -1)")
        }
        #expect(rows.contains { $0["source"] == "The Harbour Gazette" && $0["url"] == "https://gazette.example/ports" })
        #expect(rows.contains { $0["stance"] == "oppose (was support)" })

        let jsonl = try daemon.claimctl(["claims", "-o", "jsonl"]).stdout.split(separator: "\n")
        #expect(jsonl.count == json.count)
        let first = try JSONSerialization.jsonObject(with: Data(jsonl[0].utf8)) as? [String: Any]
        #expect(first?["text"] as? String == json[0]["text"] as? String)
        #expect(try daemon.claimctl(["claims", "--json"]).stdout == (try daemon.claimctl(["claims", "-o", "json"])).stdout, "--json is -o json")
    }

    @Test("piped and wide output never cut a value; a table on an 80-column terminal wraps the quote and fits")
    func widths() throws {
        let daemon = try Self.daemonWithClaims()
        let quote = try #require(try jsonArray(try daemon.claimctl(["claims", "--json"]).stdout).compactMap { $0["text"] as? String }
            .max { $0.count < $1.count })
        #expect(quote.count > 100)
        for format in ["table", "wide"] {
            let piped = try daemon.claimctl(["claims", "-o", format])
            #expect(piped.stdout.contains(quote), "-o \(format) piped holds the whole quote")
            #expect(!piped.stdout.contains("…") && !piped.stdout.contains("\u{1B}["), "nothing cut, no colour in a pipe")
        }
        #expect(try daemon.claimctl(["claims", "-o", "wide"]).stdout.contains("https://gazette.example/ports"))

        let terminal = try claimctlOnTerminal(daemon, ["claims", "--no-pager"], environment: ["NO_COLOR": "1"])
        #expect(terminal.status == 0, "\(terminal.stdout)")
        let lines = terminal.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "every line fits: \(lines.map(\.count).max() ?? 0)")
        #expect(!terminal.stdout.contains("\u{1B}["), "NO_COLOR: no escape sequences")
        // The words of the long quote are all there, over several lines.
        let shown = lines.joined(separator: " ")
        #expect(quote.split(separator: " ").allSatisfy { shown.contains($0) })
        #expect(lines.count > 6, "the quote wraps over several lines")

        let coloured = try claimctlOnTerminal(daemon, ["claims", "--no-pager"])
        #expect(coloured.stdout.contains("\u{1B}[31moppose"), "stances coloured on a terminal")
    }

    @Test("a table taller than the terminal goes through $PAGER, unless --no-pager")
    func pager() throws {
        let daemon = try Self.daemonWithClaims()
        let paged = daemon.state.path + "/paged.txt"
        let through = try claimctlOnTerminal(daemon, ["claims"], lines: 8, environment: ["PAGER": "cat > \(paged)", "NO_COLOR": "1"])
        #expect(through.status == 0)
        let captured = (try? String(contentsOfFile: paged, encoding: .utf8)) ?? ""
        #expect(captured.contains("STANCE") && captured.contains("oppose (was support)"), "the pager got the table: \(captured)")
        try? FileManager.default.removeItem(atPath: paged)
        let direct = try claimctlOnTerminal(daemon, ["claims", "--no-pager"], lines: 8, environment: ["PAGER": "cat > \(paged)"])
        #expect(!FileManager.default.fileExists(atPath: paged))
        #expect(direct.stdout.contains("STANCE"))
    }

    @Test("misspelt topics and stances, limit 0 and bad dates exit 2 with a hint; --version and topics work")
    func usage() throws {
        let daemon = try Self.daemonWithClaims()
        let topic = try daemon.claimctl(["claims", "--topic", "sanctons"])
        #expect(topic.status == 2 && topic.stderr.contains("did you mean 'sanctions'"), "\(topic.stderr)")
        let stance = try daemon.claimctl(["timeline", "--stance", "against"])
        #expect(stance.status == 2 && stance.stderr.contains("support, oppose, conditional, neutral"))
        #expect(try daemon.claimctl(["claims", "--limit", "0"]).status == 2)
        #expect(try daemon.claimctl(["claims", "-o", "yaml"]).status == 2)
        #expect(try daemon.claimctl(["claims", "--on", "2031-03", "--since", "2031"]).status == 2)
        let version = try run(Binaries.claimctl, ["--version"])
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.2.0")
        let topics = try daemon.claimctl(["topics"])
        #expect(topics.status == 0 && topics.stdout.contains("sanctions") && topics.stdout.contains("ceasefire"))
    }

    @Test("--since, --until and --on take relative days, resolved against today")
    func relativeDates() throws {
        let daemon = try DaemonProcess()
        let calendar = Calendar.current
        func iso(_ daysAgo: Int) -> String {
            let date = calendar.date(byAdding: .day, value: -daysAgo, to: Date())!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        for (name, daysAgo) in [("recent", 1), ("fortnight", 15), ("old", 400)] {
            let text = "Foreign Minister Ilka Brannock said that her country supported new sanctions against the regime (\(name)).\n"
            let reply = try daemon.request("POST", "/v1/documents?name=\(name).txt&dct=\(iso(daysAgo))", body: Array(text.utf8))
            #expect(reply.status == 201, "\(reply.text)")
        }
        func days(_ arguments: [String]) throws -> [String] {
            let result = try daemon.claimctl(["claims", "--json"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return try jsonArray(result.stdout).compactMap { $0["day"] as? String }
        }
        #expect(try days(["--since", "yesterday"]) == [iso(1)])
        #expect(try days(["--on", "yesterday"]) == [iso(1)])
        #expect(try days(["--since", "-7d"]) == [iso(1)])
        #expect(try days(["--since", "3 weeks ago"]) == [iso(15), iso(1)])
        #expect(try days(["--since", "-1y", "--until", "2 weeks ago"]) == [iso(15)])
        #expect(try days(["--until", "1 year ago"]) == [iso(400)])
        #expect(try days(["--on", String(iso(400).prefix(7))]) == [iso(400)], "a month is every day of it")
    }
}

/// RFC 4180 records (quoted fields, doubled quotes, CRLF or LF line ends).
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = [], record: [String] = [], field = ""
    var quoted = false, wasQuoted = false
    var characters = Array(text).makeIterator()
    var pending: Character?
    while let character = pending ?? characters.next() {
        pending = nil
        if quoted {
            if character == "\"" {
                if let next = characters.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(character) }
            continue
        }
        switch character {
        case "\"" where field.isEmpty && !wasQuoted: quoted = true; wasQuoted = true
        case ",": record.append(field); field = ""; wasQuoted = false
        case "\r\n", "\n":
            record.append(field); records.append(record); record = []; field = ""; wasQuoted = false
        case "\r": break
        default: field.append(character)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}
