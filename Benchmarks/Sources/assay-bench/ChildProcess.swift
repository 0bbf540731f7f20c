import Foundation

/// One run of a measured program: its wall time and peak RSS, taken from the outside.
struct ChildRun: Codable {
    /// Wall-clock seconds from spawn to exit (process start, loading and writing included).
    var seconds: Double
    /// Peak resident set size of the child (`ru_maxrss` from `wait4`), in bytes.
    var peakRSS: Int
    /// The exit code, or 128 + the signal number when it was killed.
    var status: Int32
}

/// Spawns a program and waits for it with `wait4`, so the rusage read is the child's alone (with
/// `getrusage(RUSAGE_CHILDREN)` every earlier child would count too: `ru_maxrss` there is the largest of them all).
///
/// Standard output and error go to files (or /dev/null); nothing is read while the child runs, so the measuring
/// process costs it nothing.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String], stdout: String = "/dev/null",
                    stderr: String = "/dev/null") throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }

        var pid = pid_t()
        let start = Clock.now()
        let spawned = argv.withUnsafeBufferPointer { argv in
            posix_spawn(&pid, executable, &actions, nil, argv.baseAddress!, environ)
        }
        guard spawned == 0 else {
            throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(executable): \(String(cString: strerror(errno)))") }
        }
        let seconds = Clock.now() - start
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        // Linux reports ru_maxrss in KiB.
        return ChildRun(seconds: seconds, peakRSS: Int(usage.ru_maxrss) * 1024, status: code)
    }

    /// Runs a helper command to completion (not measured) and returns its standard output; throws on failure.
    @discardableResult
    static func capture(_ executable: String, _ arguments: [String], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = allowFailure ? FileHandle.nullDevice : FileHandle.standardError
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw BenchError("\(([executable] + arguments).joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A monotonic clock in seconds.
enum Clock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// A failure of the benchmark itself (not of a measured program), with a message for the person running it.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
