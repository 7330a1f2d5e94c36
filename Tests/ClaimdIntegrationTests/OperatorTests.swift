import Foundation
import Testing

@Suite("operator tools: check-config, backup, install layout, man pages, completions", .serialized)
struct OperatorTests {
    @Test("check-config reports every problem of the settings and the lexicon, each with file and line; exit 78")
    func checkConfig() throws {
        let dir = try TemporaryDirectory()
        let topics = dir.path + "/topics.toml"
        try """
            [[topic]]
            id = "carbon-tax"
            proposition = "a tax on carbon emissions should be introduced"
            cues = ["carbon tax"]

            [[topic]]
            id = "carbon-tax"
            proposition = "the same topic again"
            cues = ["levy"]

            [[topic]]
            id = "rail"
            proposition = "rail lines should be reopened"
            cues = "railway"
            """.write(toFile: topics, atomically: true, encoding: .utf8)
        let actors = dir.path + "/actors.toml"
        try "[[actor]]\nname = \"Ilka Brannock\"\nkind = \"minister\"\n".write(toFile: actors, atomically: true, encoding: .utf8)
        let settings = dir.path + "/claimd.toml"
        try """
            [socket]
            max_conections = 10

            [extraction]
            workers = "two"
            topics = "topics.toml"
            actors = "actors.toml"
            """.write(toFile: settings, atomically: true, encoding: .utf8)
        let result = try run(Binaries.claimd, ["check-config", "--config", settings])
        #expect(result.status == 78)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix(settings + ":2: error: socket.max_conections is not a setting") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(settings + ":5: error: extraction.workers must be a whole number") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(topics + ":7: error: topic 'carbon-tax' is defined twice") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(topics + ":14: error: topic 'rail': cues must be a list of strings") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix(actors + ":3: error: actor 'Ilka Brannock': kind 'minister' is not one of") }, "\(lines)")
        #expect(result.stderr.contains("5 errors"))

        // The daemon itself refuses the same file at start, with the first problem.
        let start = try run(Binaries.claimd, ["run", "--config", settings, "--state-dir", dir.path + "/var"])
        #expect(start.status == 78)

        try "[extraction]\nworkers = 2\n".write(toFile: settings, atomically: true, encoding: .utf8)
        let clean = try run(Binaries.claimd, ["check-config", "--config", settings])
        #expect(clean.status == 0 && clean.stdout.isEmpty, "\(clean.stdout)")
        #expect(clean.stderr.contains("0 errors"))
    }

    @Test("claimctl backup copies the running store; a daemon started on the copy holds the same timeline")
    func backup() throws {
        let daemon = try DaemonProcess()
        try dropExportArticles(into: daemon)
        let copy = daemon.state.path + "/copy/claims.sqlite"
        try FileManager.default.createDirectory(atPath: daemon.state.path + "/copy", withIntermediateDirectories: true)
        let result = try daemon.claimctl(["backup", copy])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote a backup of"))
        #expect(!FileManager.default.fileExists(atPath: copy + ".part"))
        let again = try daemon.claimctl(["backup", copy])
        #expect(again.status == 2 && again.stderr.contains("exists"), "never over an existing file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: daemon.stateDir).filter { $0.hasPrefix("backup-") }
        #expect(leftovers.isEmpty, "the daemon keeps no copy: \(leftovers)")

        let restored = try DaemonProcess(state: try TemporaryDirectory(), settings: "[paths]\nstore = \"\(copy)\"\n")
        #expect(restored.count("documents") == daemon.count("documents"))
        #expect(restored.count("claims") == daemon.count("claims") && restored.count("claims") > 0)
        let before = try jsonArray(try daemon.claimctl(["timeline", "--json"]).stdout).count
        let after = try jsonArray(try restored.claimctl(["timeline", "--json"]).stdout).count
        #expect(before == after && before > 0)
    }

    @Test("make install-files DESTDIR=… lays out binaries, models, units, man pages and completions; man renders each page")
    func installLayout() throws {
        let destination = try TemporaryDirectory("claimd-dest")
        let result = try run("/usr/bin/make", ["-C", repositoryRoot, "install-files", "DESTDIR=\(destination.path)",
                                               "BUILD_DIR=\(Binaries.directory.path)"])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let root = destination.path
        for path in ["/usr/local/bin/claimd", "/usr/local/bin/claimctl", "/usr/local/share/claimd/models/tagger.model",
                     "/etc/systemd/system/claimd.service", "/etc/systemd/system/claimd.socket", "/usr/lib/tmpfiles.d/claimd.conf",
                     "/usr/local/share/bash-completion/completions/claimctl", "/usr/local/share/zsh/site-functions/_claimctl",
                     "/usr/local/share/fish/vendor_completions.d/claimctl.fish", "/usr/local/share/bash-completion/completions/claimd",
                     "/usr/local/share/doc/claimd/LICENSE", "/etc/claimd/claimd.toml"] {
            #expect(FileManager.default.fileExists(atPath: root + path), "\(path)")
        }
        for (page, title) in [("man1/claimctl.1", "CLAIMCTL(1)"), ("man8/claimd.8", "CLAIMD(8)"), ("man5/claimd.toml.5", "CLAIMD.TOML(5)")] {
            var environment = ProcessInfo.processInfo.environment
            environment["MANWIDTH"] = "80"
            environment["LC_ALL"] = "C.UTF-8"
            let rendered = try run("/usr/bin/man", ["--warnings=all", "-l", root + "/usr/local/share/man/" + page], environment: environment)
            #expect(rendered.status == 0, "\(page): \(rendered.stderr)")
            #expect(rendered.stdout.hasPrefix(title) && rendered.stdout.contains("NAME") && rendered.stdout.contains("SEE ALSO"), "\(page)")
            #expect(rendered.stderr.isEmpty, "\(page) renders without warnings: \(rendered.stderr)")
        }
        // The bash completion loads, and completes subcommands and export formats.
        let completion = root + "/usr/local/share/bash-completion/completions/claimctl"
        let bash = try run("/bin/bash", ["-c", """
            source \(completion)
            COMP_WORDS=(claimctl exp); COMP_CWORD=1; COMP_LINE="claimctl exp"; COMP_POINT=${#COMP_LINE}
            _claimctl claimctl exp claimctl 2>/dev/null; echo "${COMPREPLY[@]}"
            COMP_WORDS=(claimctl claims list --stance ""); COMP_CWORD=4; COMP_LINE="claimctl claims list --stance "; COMP_POINT=${#COMP_LINE}
            _claimctl claimctl "" --stance 2>/dev/null; echo "${COMPREPLY[@]}"
            """])
        #expect(bash.stdout.contains("export"), "\(bash.stdout) \(bash.stderr)")
        #expect(bash.stdout.contains("conditional"), "\(bash.stdout) \(bash.stderr)")
    }

    @Test("--topic completes from the running daemon's taxonomy")
    func daemonCompletion() throws {
        let daemon = try DaemonProcess()
        // What a completion script runs: the word being completed is the sixth, the cursor after its third letter.
        let result = try run(Binaries.claimctl, ["---completion", "claims", "list", "--", "--topic", "6", "3",
                                                 "claimctl", "claims", "list", "--socket", daemon.socket, "--topic", "cea"])
        #expect(result.stdout.split(separator: "\n").contains("ceasefire"), "\(result.stdout) \(result.stderr)")
    }
}
