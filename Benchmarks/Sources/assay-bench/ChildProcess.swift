import Foundation

/// One run of a measured program: its wall time and peak RSS, taken from the outside.
struct ChildRun: Codable {
    /// Wall-clock seconds from spawn to exit (process start, loading and writing included).
    var seconds: Double
    /// Peak resident set size of the child (`ru_maxrss` from `wait4`), in bytes.
    var peakRSS: Int
    /// The exit code, or 128 + the signal number when it was killed.
    var status: Int32
    /// True when the benchmark killed it for passing the memory limit.
    var hitMemoryLimit = false
    /// True when the benchmark killed it for running past the time limit.
    var hitTimeLimit = false
}

/// Spawns a program and waits for it with `wait4`, so the rusage read is the child's alone (with
/// `getrusage(RUSAGE_CHILDREN)` every earlier child would count too: `ru_maxrss` there is the largest of them all).
///
/// Standard output and error go to files (or /dev/null); nothing is read while the child runs, so the measuring
/// process costs it nothing.
enum ChildProcess {
    ///
    /// With `memoryLimit` (bytes), a watchdog thread reads the child's resident set from /proc ten times a second
    /// and kills it when it passes the limit, so that a run that would exhaust the machine's memory ends as a
    /// figure ("killed at the limit") instead of calling the kernel's OOM killer onto other people's processes.
    static func run(_ executable: String, _ arguments: [String], stdout: String = "/dev/null",
                    stderr: String = "/dev/null", memoryLimit: Int? = nil, timeLimit: Double? = nil) throws -> ChildRun {
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
        let watchdog = memoryLimit != nil || timeLimit != nil
            ? Watchdog(pid: pid, limit: memoryLimit ?? Int.max, seconds: timeLimit ?? .infinity) : nil
        watchdog?.start()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(executable): \(String(cString: strerror(errno)))") }
        }
        let seconds = Clock.now() - start
        let killed = watchdog?.stop() ?? .none
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        // Linux reports ru_maxrss in KiB.
        return ChildRun(seconds: seconds, peakRSS: Int(usage.ru_maxrss) * 1024, status: code, hitMemoryLimit: killed == .memory,
                        hitTimeLimit: killed == .time)
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

/// Kills a child whose resident set passes a limit (read from /proc/PID/statm ten times a second), or that runs
/// longer than a time limit.
final class Watchdog: @unchecked Sendable {
    enum Reason { case none, memory, time }

    private let pid: pid_t
    private let limit: Int
    private let deadline: Double
    private let lock = NSLock()
    private var finished = false
    private var killed = Reason.none

    init(pid: pid_t, limit: Int, seconds: Double) {
        self.pid = pid
        self.limit = limit
        self.deadline = Clock.now() + seconds
    }

    func start() {
        let thread = Thread { [self] in
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            while true {
                usleep(100_000)
                lock.lock()
                defer { lock.unlock() }
                if finished { return }
                if Clock.now() > deadline {
                    kill(pid, SIGKILL)
                    killed = .time
                    return
                }
                guard let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8),
                      let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
                else { continue }
                if pages * page > limit {
                    kill(pid, SIGKILL)
                    killed = .memory
                    return
                }
            }
        }
        thread.start()
    }

    /// Called once the child has been reaped: ends the watch and says whether the watchdog killed it.
    func stop() -> Reason {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return killed
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
