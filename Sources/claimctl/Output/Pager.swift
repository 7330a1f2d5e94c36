import Foundation

/// Shows output taller than the terminal through a pager, as systemd's tools do: `$PAGER`
/// (`less` if unset; an empty `$PAGER` or `cat` means none), with `LESS=FRSXMK` unless the
/// user has set `LESS`. Never when stdout is not a terminal, or with `--no-pager`.
enum Pager {
    static func show(_ lines: [String], allowed: Bool) {
        let text = lines.map { $0 + "\n" }.joined()
        guard allowed, Terminal.isTTY, lines.count > Terminal.size.rows - 1, let command else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        if !page(text, through: command) { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    private static var command: String? {
        let environment = ProcessInfo.processInfo.environment
        if let pager = environment["PAGER"] {
            let trimmed = pager.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/less") } ? "less" : nil
    }

    /// Runs `/bin/sh -c command` with `text` on its standard input and waits for it; false when
    /// it could not be started.
    private static func page(_ text: String, through command: String) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRSXMK" }
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp) == 0 else {
            close(fds[0])
            close(fds[1])
            return false
        }
        close(fds[0])
        // A pager quit early closes the pipe: the rest is not wanted, and no SIGPIPE should end us.
        signal(SIGPIPE, SIG_IGN)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            bytes = bytes.dropFirst(written)
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }
}
