import Foundation
import Testing

@Suite("control API and claimctl contracts", .serialized)
struct ControlAPITests {
    @Test("status reports counts and paths")
    func status() throws {
        let daemon = try DaemonProcess()
        let result = try daemon.claimctl(["status", "--json"])
        #expect(result.status == 0)
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
        let serverError = try daemon.claimctl(["timeline", "--since", "not-a-date"])
        #expect(serverError.status == 1)
        #expect(serverError.stderr.contains("since"))
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
