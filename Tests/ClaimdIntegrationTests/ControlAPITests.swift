import ClaimAPI
import Foundation
import Testing

@Suite("control API and claimctl contracts", .serialized)
struct ControlAPITests {
    @Test("status reports counts and paths")
    func status() throws {
        let daemon = try DaemonProcess()
        let result = try daemon.claimctl(["status", "--json"])
        #expect(result.status == 0)
        let typed = try daemon.typedStatus()
        #expect(typed.version == claimdVersion && typed.pid == daemon.process.processIdentifier && typed.inbox == daemon.inbox)
        let status = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        for key in ["documents", "claims", "events", "actors", "failed", "queued"] {
            #expect(status[key] as? Int == 0, "\(key)")
        }
        #expect(status["inbox"] as? String == daemon.inbox)
        #expect(status["socket"] as? String == daemon.socket)
        #expect((status["store"] as? String)?.hasSuffix("/claims.sqlite") == true)
        let table = try daemon.claimctl(["status"])
        #expect(table.stdout.contains("Documents: 0"))
    }

    @Test("POST /v1/documents ingests a body with its dct; again is a duplicate; bad bodies are 422")
    func ingestOverTheSocket() throws {
        let daemon = try DaemonProcess()
        let body = [UInt8](try fixture("summit.txt"))
        let created = try daemon.request("POST", "/v1/documents?dct=2024-12-19&name=summit.txt", body: body)
        #expect(created.status == 201, "\(created.text)")
        let report = try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any] ?? [:]
        #expect(report["status"] as? String == "stored")
        #expect(((report["document"] as? [String: Any])?["dct"] as? [String: Any])?["source"] as? String == "argument")
        let again = try daemon.request("POST", "/v1/documents?dct=2024-12-19", body: body)
        #expect(again.status == 200 && again.text.contains("\"duplicate\""))
        let binary = try daemon.request("POST", "/v1/documents", body: [0, 1, 2, 3])
        #expect(binary.status == 422)
        #expect(binary.text.contains("\"error\":\"unprocessable\""))
        #expect(daemon.count("documents") == 1)
    }

    @Test("errors are JSON with the right status codes")
    func errors() throws {
        let daemon = try DaemonProcess()
        let notFound = try daemon.request("GET", "/v1/nothing-here")
        #expect(notFound.status == 404)
        #expect(notFound.text.contains("\"error\":\"not-found\"") && notFound.text.contains("\"message\""))
        let badDate = try daemon.request("GET", "/v1/claims?since=yesterday")
        #expect(badDate.status == 400 && badDate.text.contains("since"))
        let badParameter = try daemon.request("GET", "/v1/timeline?actr=Zelensky")
        #expect(badParameter.status == 400 && badParameter.text.contains("unknown parameter 'actr'"))
        let badDCT = try daemon.request("POST", "/v1/documents?dct=19-12-2024", body: [65])
        #expect(badDCT.status == 400)
    }

    @Test("a malformed request on the socket gets an HTTP error and the daemon keeps serving")
    func malformedHTTP() throws {
        let daemon = try DaemonProcess()
        let fd = try #require(connectUnix(daemon.socket))
        let garbage = "\u{01}\u{02} NOT HTTP AT ALL\r\n\r\n"
        let answer = String(decoding: exchange(fd, Array(garbage.utf8)), as: UTF8.self)
        close(fd)
        #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 4"), "answer: \(answer)")
        #expect(daemon.status() != nil)
    }

    @Test("claimctl exit codes: 69 when unreachable, 2 on usage errors, 1 on server errors")
    func exitCodes() throws {
        let missing = "/tmp/claimd-no-such-\(UUID().uuidString.prefix(6)).sock"
        let unreachable = try run(Binaries.claimctl, ["--socket", missing, "status"])
        #expect(unreachable.status == 69)
        #expect(unreachable.stderr.contains(missing), "names the socket it tried")
        #expect(unreachable.stderr.split(separator: "\n").count == 1, "one line")

        var environment = ProcessInfo.processInfo.environment
        environment["CLAIMD_SOCKET"] = missing
        let fromEnvironment = try run(Binaries.claimctl, ["status"], environment: environment)
        #expect(fromEnvironment.status == 69 && fromEnvironment.stderr.contains(missing))

        let usage = try run(Binaries.claimctl, ["timeline", "--no-such-flag"])
        #expect(usage.status == 2)

        let daemon = try DaemonProcess()
        let badDate = try daemon.claimctl(["timeline", "--since", "not-a-date"])
        #expect(badDate.status == 2, "a date claimctl cannot read is a usage error")
        #expect(badDate.stderr.contains("since"))
        let binary = daemon.state.path + "/binary.bin"
        try Data([0, 1, 2, 3]).write(to: URL(fileURLWithPath: binary))
        let serverError = try daemon.claimctl(["ingest", binary])
        #expect(serverError.status == 1, "the daemon refused the article: \(serverError.stderr)")
        #expect(serverError.stderr.contains("422"))
    }

    @Test("claimctl ingest sends a file over the socket")
    func claimctlIngest() throws {
        let daemon = try DaemonProcess()
        let file = daemon.state.path + "/article.txt"
        try fixture("summit.txt").write(to: URL(fileURLWithPath: file))
        let first = try daemon.claimctl(["ingest", file, "--dct", "2024-12-19"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("stored"))
        let second = try daemon.claimctl(["ingest", file])
        #expect(second.status == 0 && second.stdout.contains("already stored"))
        let actors = try daemon.claimctl(["actors", "--json"])
        #expect(try jsonArray(actors.stdout).contains { $0["name"] as? String == "Volodymyr Zelensky" })
    }
}

@Suite("cursor pagination through the live daemon", .serialized)
struct PaginationTests {
    /// Five short articles on five days, each with a dated claim and an event of one actor.
    static func articles() -> [(name: String, day: String, text: String)] {
        (1...5).map { index in
            let day = "2031-03-0\(index)"
            return ("note-\(index).txt", day, """
                Date: \(day)

                Chancellor Torvald Ekberg said on \(day) that a ceasefire must come first, number \(index).
                Chancellor Torvald Ekberg met President Anselm Duret in Port Alder on \(day).
                """)
        }
    }

    @Test("following nextCursor pages through every timeline, claim and event row once, newest page first")
    func cursors() throws {
        let daemon = try DaemonProcess()
        for article in Self.articles() {
            let stored = try daemon.request("POST", "/v1/documents?name=\(article.name)", body: Array(article.text.utf8))
            #expect(stored.status == 201, "\(stored.text)")
        }
        for path in ["/v1/timeline?actor=Ekberg", "/v1/claims?actor=Ekberg", "/v1/events?actor=Ekberg", "/v1/claims", "/v1/events",
                     "/v1/timeline"] {
            let whole = try page(daemon, path + (path.contains("?") ? "&" : "?") + "limit=1000")
            #expect(whole.cursor == nil, "\(path): everything on one page")
            #expect(whole.rows.count >= 5, "\(path): \(whole.rows.count) rows")
            var collected: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let next = try page(daemon, path + (path.contains("?") ? "&" : "?") + "limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(next.rows.count <= 2)
                collected = next.rows + collected
                cursor = next.cursor
                pages += 1
            } while cursor != nil && pages < 50
            #expect(collected == whole.rows, "\(path): pages of two, put together, are the whole listing in order")
        }
        let refused = try daemon.request("GET", "/v1/claims?cursor=bm9wZQ")
        #expect(refused.status == 400 && refused.text.contains("cursor"))
    }

    @Test("actors and failures page too")
    func shortLists() throws {
        let daemon = try DaemonProcess()
        for article in Self.articles() {
            _ = try daemon.request("POST", "/v1/documents?name=\(article.name)", body: Array(article.text.utf8))
        }
        let whole = try page(daemon, "/v1/actors")
        #expect(whole.rows.count >= 2)
        let first = try page(daemon, "/v1/actors?limit=1")
        let second = try page(daemon, "/v1/actors?limit=1&cursor=\(try #require(first.cursor))")
        #expect(first.rows + second.rows == Array(whole.rows.prefix(2)))
    }

    /// The rows of a page (each re-serialised with sorted keys, to compare) and its cursor.
    private func page(_ daemon: DaemonProcess, _ path: String) throws -> (rows: [String], cursor: String?) {
        let reply = try daemon.request("GET", path)
        #expect(reply.status == 200, "\(path): \(reply.text)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any], "\(path)")
        let items = object["items"] as? [Any] ?? []
        let rows = try items.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }
        return (rows, object["nextCursor"] as? String)
    }
}

@Suite("the OpenAPI document against the live daemon", .serialized)
struct LiveOpenAPITests {
    @Test("the daemon serves the repository's document, and every documented operation answers with a documented status")
    func liveRoutes() throws {
        let daemon = try DaemonProcess()
        let served = try daemon.request("GET", "/v1/openapi.json")
        #expect(served.status == 200)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/ClaimAPI/openapi.json")
        #expect(served.body == Array(try Data(contentsOf: file)))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(served.body)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        // One of each kind of row, so that listings are not empty.
        _ = try daemon.request("POST", "/v1/documents?name=a.txt&dct=2031-03-02",
                               body: Array("Chancellor Torvald Ekberg said a ceasefire must come first. Ekberg met President Anselm Duret on Monday.".utf8))
        for (path, operations) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, operation) in operations {
                let operation = try #require(operation as? [String: Any])
                let documented = Set((operation["responses"] as? [String: Any] ?? [:]).keys.compactMap(Int.init))
                let required = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["required"] as? Bool == true }
                let query = required.map { "\($0["name"] as! String)=ceasefire" }.joined(separator: "&")
                let target = path + (query.isEmpty ? "" : "?" + query)
                // The live feed never ends by itself: its status line is all there is to check.
                if path == "/v1/watch" {
                    #expect(documented.contains(try Self.statusOfFeed(daemon, target)), "GET \(target)")
                    continue
                }
                let reply = try daemon.request(method.uppercased(), target, body: method == "post" ? Array("Ilka Brannock spoke.".utf8) : nil)
                #expect(documented.contains(reply.status), "\(method.uppercased()) \(target) answered \(reply.status), documented \(documented.sorted())")
                let undocumented = try daemon.request(method.uppercased(), path + "?noSuchParameter=1",
                                                      body: method == "post" ? [65] : nil)
                #expect(undocumented.status == 400, "\(method.uppercased()) \(path) refuses an undocumented parameter")
            }
        }
    }
}

extension LiveOpenAPITests {
    /// The status of a streamed response, read from its first bytes; the connection is then closed.
    static func statusOfFeed(_ daemon: DaemonProcess, _ target: String) throws -> Int {
        guard let fd = connectUnix(daemon.socket) else { throw HarnessError.io("cannot connect") }
        defer { close(fd) }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == request.count else { throw HarnessError.io("write") }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        let head = String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
        return Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

@Suite("where stored articles came from", .serialized)
struct ArticleOriginTests {
    @Test("url, title and outlet come from HTML meta in the inbox, and from POST /v1/documents, which wins over the text")
    func origins() throws {
        let daemon = try DaemonProcess()
        let page = """
            <html><head><title>Harbour deal</title><meta property="og:site_name" content="The Norland Post">
            <link rel="canonical" href="https://post.example/harbour"></head>
            <body><p>Chancellor Torvald Ekberg said on 2031-03-04 that a ceasefire must come first.</p></body></html>
            """
        try daemon.drop("harbour.html", contents: Data(page.utf8))
        #expect(eventually { daemon.count("documents") == 1 })
        let text = "Source: Valley Courier\nURL: https://courier.example/x\n\nChancellor Torvald Ekberg said on 2031-03-05 that a ceasefire must come first.\n"
        let posted = try daemon.request("POST", "/v1/documents?name=note.txt&url=https%3A%2F%2Fwire.example%2Fy&title=Ekberg%20on%20truce",
                                        body: Array(text.utf8))
        #expect(posted.status == 201, "\(posted.text)")
        let refused = try daemon.request("POST", "/v1/documents?name=bad.txt&url=file%3A%2F%2F%2Fetc%2Fpasswd", body: Array("Text.".utf8))
        #expect(refused.status == 400 && refused.text.contains("url"))

        let claims = try jsonArray(try daemon.claimctl(["claims", "--actor", "Ekberg", "--json"]).stdout)
        let documents = claims.compactMap { $0["document"] as? [String: Any] }
        let html = try #require(documents.first { ($0["path"] as? String)?.hasSuffix("harbour.html") == true }, "\(documents)")
        #expect(html["url"] as? String == "https://post.example/harbour")
        #expect(html["source"] as? String == "The Norland Post")
        #expect(html["title"] as? String == "Harbour deal")
        let note = try #require(documents.first { ($0["path"] as? String) == "api:note.txt" }, "\(documents)")
        #expect(note["url"] as? String == "https://wire.example/y", "the client's URL wins over the header's")
        #expect(note["source"] as? String == "Valley Courier", "the header's outlet where the client gave none")
        #expect(note["title"] as? String == "Ekberg on truce")
    }
}
