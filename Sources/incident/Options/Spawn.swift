import Foundation
import IncidentKit

/// Runs an interactive program (a pager, an editor) in the terminal's foreground, as git does. Foundation's
/// `Process` starts children in a process group of their own, where a program that reads the terminal (less, vi)
/// is stopped by SIGTTIN and the command hangs; `posix_spawn` keeps it in ours.
enum Spawn {
    /// Runs `/bin/sh -c COMMAND ARGUMENTS…`, feeding `input` on its standard input when given; returns its exit status,
    /// or nil when it could not be started.
    static func shell(_ command: String, arguments: [String] = [], input: String? = nil) -> Int32? {
        var fds: [Int32] = [-1, -1]
        if input != nil, pipe(&fds) != 0 { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
            posix_spawn_file_actions_addclose(&actions, fds[1])
            posix_spawn_file_actions_addclose(&actions, fds[0])
        }
        let argv = ["/bin/sh", "-c", command] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        // The environment the command runs with (a test's, in-process), else the process's own.
        var cEnvironment = Environment.replacement.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { cEnvironment?.forEach { free($0) } }
        var pid: pid_t = 0
        let started = cEnvironment == nil ? posix_spawn(&pid, "/bin/sh", &actions, nil, &cArguments, environ)
            : posix_spawn(&pid, "/bin/sh", &actions, nil, &cArguments, &cEnvironment!)
        if input != nil { close(fds[0]) }
        guard started == 0 else {
            if input != nil { close(fds[1]) }
            return nil
        }
        if let input {
            // A pager quit early closes its end: the rest of the text is not wanted, and that is no error.
            let previous = signal(SIGPIPE, SIG_IGN)
            var bytes = Array(input.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
                if written <= 0 { break }
                bytes = bytes.dropFirst(written)
            }
            close(fds[1])
            signal(SIGPIPE, previous)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // The exit status, as the shell reports it (a signal as 128 + its number).
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
