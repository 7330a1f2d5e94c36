import Foundation
import Testing

@Suite("claimd extract and claimd timex")
struct ExtractCommandTests {
    @Test("extract prints the FORMAT.md object with the document date and its source")
    func extractJSON() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/summit.txt"
        try fixture("summit.txt").write(to: URL(fileURLWithPath: file))
        let result = try run(Binaries.claimd, ["extract", "--dct", "2024-12-19", "--format", "jsonl", file])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any] ?? [:]
        let document = object["document"] as? [String: Any] ?? [:]
        #expect((document["dct"] as? [String: Any])?["value"] as? String == "2024-12-19")
        #expect((document["dct"] as? [String: Any])?["source"] as? String == "argument")
        #expect((document["sha256"] as? String)?.count == 64)
        for key in ["timexes", "events", "claims", "quotes"] { #expect(object[key] is [Any], "\(key)") }
        let thursday = (object["timexes"] as? [[String: Any]] ?? []).first { $0["text"] as? String == "Thursday" }
        #expect(thursday?["value"] as? String == "2024-12-19")
    }

    @Test("without --dct the file's modification time dates the document")
    func mtimeFallback() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/summit.txt"
        try fixture("summit.txt").write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: day("2023-03-07")], ofItemAtPath: file)
        let result = try run(Binaries.claimd, ["extract", file])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let dct = (object["document"] as? [String: Any])?["dct"] as? [String: Any]
        #expect(dct?["value"] as? String == "2023-03-07")
        #expect(dct?["source"] as? String == "mtime")
    }

    @Test("a header line dates the document before the modification time does")
    func headerDate() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/dated.txt"
        try Data("Date: 2025-02-27\n\nThe minister said on Monday that talks would resume.\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try run(Binaries.claimd, ["extract", file])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let dct = (object["document"] as? [String: Any])?["dct"] as? [String: Any]
        #expect(dct?["value"] as? String == "2025-02-27")
        #expect(dct?["source"] as? String == "header")
    }

    @Test("unreadable files fail with exit status 65 or 66 and a message")
    func extractFailures() throws {
        let dir = try TemporaryDirectory()
        let binary = dir.path + "/x.bin"
        try Data([0, 1, 2]).write(to: URL(fileURLWithPath: binary))
        let bad = try run(Binaries.claimd, ["extract", binary])
        #expect(bad.status == 65 && bad.stderr.contains("NUL"))
        let missing = try run(Binaries.claimd, ["extract", dir.path + "/none.txt"])
        #expect(missing.status == 66)
        let usage = try run(Binaries.claimd, ["extract", "--dct", "tomorrow", binary])
        #expect(usage.status != 0 && usage.stderr.contains("--dct"))
    }

    @Test("timex prints resolved expressions of a phrase")
    func timexCommand() throws {
        let result = try run(Binaries.claimd, ["timex", "--dct", "2024-12-19", "He said on Monday that talks would resume next month."])
        #expect(result.status == 0)
        let timexes = try jsonArray(result.stdout)
        #expect(timexes.contains { $0["text"] as? String == "Monday" && $0["value"] as? String == "2024-12-16" })
        #expect(timexes.contains { $0["text"] as? String == "next month" && $0["value"] as? String == "2025-01" })
    }
}
