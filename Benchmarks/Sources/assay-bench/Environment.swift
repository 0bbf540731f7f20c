import Foundation

/// The machine and the tools measured, printed above the figures so that a table says where it came from.
struct Environment: Codable {
    var cores: Int
    var cpu: String
    var memoryGB: Double
    var assay: String?
    var assayVersion: String?
    /// What the assay was built from, as given with --assay-source.
    var assaySource: String?
    /// `git rev-parse --short HEAD` of the repository holding this package (noting uncommitted changes), which is
    /// not necessarily what the assay measured was built from (see `assaySource`).
    var repositoryCommit: String?
    var python: String?
    var date: String
    /// The benchmark's own peak RSS (bytes): the least any child's ru_maxrss can read (see `Report`).
    var benchmarkRSS: Int?

    static func describe(assay: String?) -> Environment {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kilobytes = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var version: String?
        if let assay, FileManager.default.isExecutableFile(atPath: assay) {
            version = (try? ChildProcess.capture(assay, ["--version"], allowFailure: true))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var commit: String?
        if let git = try? which("git") {
            let root = Paths.repository.path
            let head = (try? ChildProcess.capture(git, ["-C", root, "rev-parse", "--short", "HEAD"], allowFailure: true))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let dirty = (try? ChildProcess.capture(git, ["-C", root, "status", "--porcelain", "--untracked-files=no"], allowFailure: true)) ?? ""
            if let head, !head.isEmpty { commit = head + (dirty.isEmpty ? "" : " (+ uncommitted changes)") }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return Environment(
            cores: ProcessInfo.processInfo.activeProcessorCount, cpu: model ?? "unknown", memoryGB: kilobytes / 1_048_576,
            assay: assay, assayVersion: version, assaySource: nil, repositoryCommit: commit, python: nil,
            date: formatter.string(from: Date()))
    }

    /// Whether `assay COMMAND --help` lists an option (to leave out --quiet where the build does not know it yet).
    static func assayAccepts(_ option: String, command: String, assay: String) -> Bool {
        let help = (try? ChildProcess.capture(assay, [command, "--help"], allowFailure: true)) ?? ""
        return help.contains(option)
    }

    static func python3() throws -> String { try which("python3") }

    /// The first executable named `name` on PATH.
    static func which(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchError("\(name) is not on PATH")
    }
}

/// The Python peer's interpreter: a virtual environment with lxml and PyYAML.
enum PythonPeer {
    /// `python` when given; else Benchmarks/.venv/bin/python, creating the environment (and installing lxml and
    /// PyYAML into it) when it is missing or lacks them.
    static func prepare(python: String?) throws -> String {
        if let python {
            guard FileManager.default.isExecutableFile(atPath: python) else { throw BenchError("no Python at \(python)") }
            return python
        }
        let venv = Paths.benchmarks.appendingPathComponent(".venv")
        let interpreter = venv.appendingPathComponent("bin/python").path
        if !FileManager.default.isExecutableFile(atPath: interpreter) {
            log("creating \(venv.path) for the Python peer")
            try ChildProcess.capture(try Environment.python3(), ["-m", "venv", venv.path])
        }
        let check = try ChildProcess.run(interpreter, ["-c", "import lxml.etree, yaml"])
        if check.status != 0 {
            log("installing lxml and PyYAML into \(venv.path)")
            try ChildProcess.capture(interpreter, ["-m", "pip", "install", "--quiet", "lxml", "pyyaml"])
        }
        return interpreter
    }

    static func describe(python: String) throws -> String {
        try ChildProcess.capture(python, ["-c", """
            import sys, lxml.etree as e
            print(f"Python {sys.version.split()[0]}, lxml {e.__version__} (libxml2 {'.'.join(map(str, e.LIBXML_VERSION))})")
            """]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
