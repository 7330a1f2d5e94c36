import Foundation
import Testing

/// A real systemd as PID 1 of a private PID + mount namespace, to test the units with systemctl.
///
/// /run and /tmp are fresh tmpfs and /etc, /var and /usr are overlays whose changes vanish with
/// the namespace; without this isolation systemd's boot-time tmpfiles would wipe the host's /tmp.
final class SystemdNamespace: @unchecked Sendable {
    static var canRun: Bool {
        isRoot() && ["/lib/systemd/systemd", "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/setsid"]
            .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Files the namespace must see: under /var/tmp, which its /var overlay shows (its /tmp does not).
    let staging: String
    private let unshare: SpawnedProcess
    let systemdPID: pid_t

    init() throws {
        staging = "/var/tmp/claimd-ns-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let boot = """
            #!/bin/sh
            set -e
            mount -t tmpfs tmpfs /run
            mount -t tmpfs tmpfs /tmp
            for d in etc var usr; do
              mkdir -p /run/overlay/$d/upper /run/overlay/$d/work
              mount -t overlay overlay -o lowerdir=/$d,upperdir=/run/overlay/$d/upper,workdir=/run/overlay/$d/work /$d
            done
            export container=unshare
            exec /lib/systemd/systemd --system
            """
        try boot.write(toFile: staging + "/boot.sh", atomically: true, encoding: .utf8)
        unshare = try spawn(["/usr/bin/setsid", "/usr/bin/unshare", "--fork", "--pid", "--mount", "--mount-proc",
                             "--propagation", "private", "/bin/sh", staging + "/boot.sh"])
        var child: pid_t = 0
        let unsharePID = unshare.pid
        _ = eventually(within: 10) {
            let children = (try? String(contentsOfFile: "/proc/\(unsharePID)/task/\(unsharePID)/children", encoding: .utf8)) ?? ""
            child = pid_t(children.split(separator: " ").first ?? "") ?? 0
            return child > 0
        }
        guard child > 0 else { throw HarnessError.io("systemd did not start in the namespace") }
        systemdPID = child
        // systemctl needs the manager's private bus socket, which appears a moment after exec.
        _ = try eventually(within: 30) { try self.run("test -S /run/systemd/private").status == 0 }
        let running = try self.run("timeout 60 systemctl is-system-running --wait")
        guard ["running", "degraded"].contains(running.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HarnessError.io("systemd in the namespace is not running: \(running.stdout) \(running.stderr)")
        }
    }

    /// Runs a shell command inside the namespace.
    @discardableResult
    func run(_ command: String) throws -> CommandResult {
        try ClaimdIntegrationTests.run("/usr/bin/nsenter", ["-t", "\(systemdPID)", "-m", "-p", "/bin/sh", "-c", command])
    }

    /// Copies a file where the namespace can read it; returns its path there.
    func stage(_ path: String) throws -> String {
        let target = staging + "/" + (path as NSString).lastPathComponent
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: path, toPath: target)
        return target
    }

    deinit {
        _ = try? run("systemctl poweroff")
        _ = eventually(within: 20) { kill(unshare.pid, 0) != 0 || processState(unshare.pid) == "Z" }
        if kill(unshare.pid, 0) == 0 && processState(unshare.pid) != "Z" { kill(unshare.pid, SIGKILL) }
        unshare.stop()
        try? FileManager.default.removeItem(atPath: staging)
    }
}

/// The one-letter state of a process (R, S, Z…), from /proc.
func processState(_ pid: pid_t) -> String {
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return "" }
    return String(stat[stat.index(close, offsetBy: 2)...].prefix(1))
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

@Suite("systemd units under a real systemd (private namespace)", .serialized,
       .enabled(if: SystemdNamespace.canRun, "needs root, systemd, unshare and nsenter: systemd unit tests SKIPPED"))
struct SystemdUnitTests {
    /// Installs the binaries, units, sysusers entry and settings as `make install` lays them out.
    private func install(in system: SystemdNamespace, settings: String? = nil, dropIn: String? = nil) throws -> CommandResult {
        let claimd = try system.stage(Binaries.claimd)
        let claimctl = try system.stage(Binaries.claimctl)
        let tagger = try system.stage(Binaries.directory.path + "/claimd_ClaimSyntax.resources/Models/tagger.model")
        let parser = try system.stage(Binaries.directory.path + "/claimd_ClaimSyntax.resources/Models/parser.model")
        let service = try system.stage(repositoryRoot + "/systemd/claimd.service")
        let socketUnit = try system.stage(repositoryRoot + "/systemd/claimd.socket")
        let sysusers = try system.stage(repositoryRoot + "/systemd/claimd.sysusers")
        let tmpfiles = try system.stage(repositoryRoot + "/systemd/claimd.tmpfiles")
        var settingsFile = try system.stage(repositoryRoot + "/Config/claimd.toml")
        if let settings {
            settingsFile = system.staging + "/test-settings.toml"
            try settings.write(toFile: settingsFile, atomically: true, encoding: .utf8)
        }
        var dropInCommands = ""
        if let dropIn {
            let path = system.staging + "/test-drop-in.conf"
            try dropIn.write(toFile: path, atomically: true, encoding: .utf8)
            dropInCommands = "install -Dm644 \(path) /etc/systemd/system/claimd.service.d/test.conf"
        }
        return try system.run("""
            set -e
            install -m755 \(claimd) \(claimctl) /usr/local/bin/
            install -Dm644 -t /usr/local/share/claimd/models \(tagger) \(parser)
            install -Dm644 \(service) /etc/systemd/system/claimd.service
            install -Dm644 \(socketUnit) /etc/systemd/system/claimd.socket
            install -Dm644 \(sysusers) /usr/lib/sysusers.d/claimd.conf
            install -Dm644 \(tmpfiles) /usr/lib/tmpfiles.d/claimd.conf
            install -Dm644 \(settingsFile) /etc/claimd/claimd.toml
            \(dropInCommands)
            systemd-sysusers
            systemctl daemon-reload
            systemctl start claimd.socket
            """)
    }

    @Test("make-install layout: the socket starts the Type=notify service, which ingests, reloads and stops")
    func unitsUnderSystemd() throws {
        let system = try SystemdNamespace()
        let article = try system.stage(repositoryRoot + "/Tests/ClaimdIntegrationTests/Fixtures/summit.txt")
        let install = try install(in: system)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(try system.run("systemctl is-active claimd.service").stdout.hasPrefix("inactive"), "not started before a query")

        // The first query starts the service through the socket, and is answered.
        let status = try system.run("claimctl --socket /run/claimd/claimd.sock status --json")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\"inbox\":\"/var/lib/claimd/inbox\""))
        #expect(try system.run("systemctl is-active claimd.service").stdout.hasPrefix("active"))
        let notified = try system.run("systemctl show -p StatusText -p Type -p User claimd.service").stdout
        #expect(notified.contains("Type=notify") && notified.contains("User=claimd"))
        #expect(notified.contains("StatusText=0 documents"), "STATUS= from sd_notify: \(notified)")

        try system.run("cp \(article) /var/lib/claimd/inbox/summit.txt")
        #expect(try eventually { try system.run("test -e /var/lib/claimd/processed/summit.txt").status == 0 })
        let timeline = try system.run("claimctl --socket /run/claimd/claimd.sock timeline --actor Zelensky --json")
        #expect(timeline.stdout.contains("\"topic\":\"ceasefire\""), "\(timeline.stdout) \(timeline.stderr)")
        let journal = try system.run("journalctl -t claimd -o json CLAIMD_ACTOR='Volodymyr Zelensky' _SYSTEMD_UNIT=claimd.service")
        #expect(journal.stdout.contains("\"CLAIMD_TOPIC\":\"ceasefire\""))

        #expect(try system.run("systemctl reload claimd.service").status == 0)
        // ExecReload only sends SIGHUP; the new STATUS= follows once the lexicon is read again.
        #expect(try eventually { try system.run("systemctl show -p StatusText claimd.service").stdout.contains("Reloaded") })

        // The sandbox is in force: no capabilities, a system-call filter, other processes hidden;
        // and systemd rates the unit at most 2.0.
        let mainPID = try system.run("systemctl show -p MainPID --value claimd.service").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let process = try system.run("grep -E '^(CapEff|CapBnd|Seccomp|NoNewPrivs):' /proc/\(mainPID)/status").stdout
        #expect(process.contains("CapEff:\t0000000000000000") && process.contains("CapBnd:\t0000000000000000"), "\(process)")
        #expect(process.contains("Seccomp:\t2") && process.contains("NoNewPrivs:\t1"), "\(process)")
        let workers = try system.run("pgrep -u claimd -f 'claimd worker' | wc -l").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect((Int(workers) ?? 0) >= 1, "workers run under the filter: \(workers)")
        let security = try system.run("systemd-analyze security --no-pager claimd.service")
        let score = security.stdout.split(separator: "\n").last { $0.contains("Overall exposure level") }
            .flatMap { line in line.split(separator: " ").compactMap { Double($0) }.last }
        #expect(score != nil && score! <= 2.0, "exposure: \(security.stdout.suffix(400)) \(security.stderr)")
        print("systemd-analyze security claimd.service: exposure \(score.map { "\($0)" } ?? "?")")

        #expect(try system.run("systemctl stop claimd.service").status == 0)
        #expect(try system.run("systemctl is-active claimd.service").stdout.hasPrefix("inactive"))
        let result = try system.run("systemctl show -p Result -p ExecMainStatus claimd.service").stdout
        #expect(result.contains("Result=success") && result.contains("ExecMainStatus=0"), "clean stop: \(result)")
        #expect(try system.run("test -S /run/claimd/claimd.sock").status == 0, "the socket unit keeps its socket")

        // Only the daemon's user may touch the store and the lock; group claimd reaches the inbox alone.
        let modes = try system.run("stat -c '%a %U:%G %n' /var/lib/claimd /var/lib/claimd/inbox /var/lib/claimd/claims.sqlite /var/lib/claimd/claimd.lock").stdout
        #expect(modes.contains("710 claimd:claimd /var/lib/claimd\n") && modes.contains("2770 claimd:claimd /var/lib/claimd/inbox"), "\(modes)")
        #expect(modes.contains("600 claimd:claimd /var/lib/claimd/claims.sqlite") && modes.contains("600 claimd:claimd /var/lib/claimd/claimd.lock"), "\(modes)")
    }

    @Test("every worker stuck on an article: no watchdog pings, systemd restarts claimd, and the article is set aside after two")
    func watchdogRestartsAWedgedPipeline() throws {
        let system = try SystemdNamespace()
        // The deadline is longer than the watchdog period, so only the watchdog can end the wedge.
        let install = try install(in: system, settings: "[extraction]\nworkers = 1\ndeadline_seconds = 600\n", dropIn: """
            [Service]
            WatchdogSec=4
            RestartSec=1
            Environment=CLAIMD_TEST_FAULTS=hang:GLACIERWORD
            """)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(try system.run("systemctl start claimd.service").status == 0)
        let article = system.staging + "/stuck.txt"
        try "Minister Tamsin Orlo said GLACIERWORD on Monday.\n".write(toFile: article, atomically: true, encoding: .utf8)
        try system.run("cp \(article) /var/lib/claimd/inbox/stuck.txt")
        let setAside = try eventually(within: 90) { try system.run("test -e /var/lib/claimd/failed/stuck.txt.reason").status == 0 }
        let recentJournal = try system.run("journalctl -u claimd --no-pager | tail -30").stdout
        #expect(setAside, "\(recentJournal)")
        let reason = try system.run("cat /var/lib/claimd/failed/stuck.txt.reason").stdout
        #expect(reason.contains("stopped while extracting this article 2 times"), "\(reason)")
        let restarts = try system.run("systemctl show -p NRestarts --value claimd.service").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect((Int(restarts) ?? 0) >= 2, "NRestarts=\(restarts)")
        #expect(try system.run("journalctl -u claimd --no-pager").stdout.contains("Watchdog timeout"))
        #expect(try system.run("systemctl is-active claimd.service").stdout.hasPrefix("active"), "serving again")
    }
}
