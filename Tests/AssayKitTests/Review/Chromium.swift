import Foundation
import TestSupport

/// Headless Chromium (Debian's `chromium` package, which `make test` installs), run once per page with a fresh
/// profile and a time limit.
enum Chromium {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool

        /// What the page wrote to the console, and what Chromium itself reported about the page (a blocked script,
        /// a Content-Security-Policy violation, an uncaught exception): the `CONSOLE` lines of its log.
        var consoleMessages: [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        }
    }

    static let executable: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// `--dump-dom`: the DOM after the page's scripts ran.
    static func dumpDOM(_ url: URL) throws -> Result {
        try run(["--dump-dom", url.absoluteString])
    }

    /// `--screenshot`: a PNG of the top of the page at `size`.
    static func screenshot(_ url: URL, to file: URL, size: (Int, Int) = (1280, 1600)) throws -> Result {
        try run(["--hide-scrollbars", "--window-size=\(size.0),\(size.1)", "--screenshot=\(file.path)", url.absoluteString])
    }

    static func run(_ arguments: [String], timeout: TimeInterval = 45) throws -> Result {
        guard let executable else { throw Missing() }
        let profile = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-sync",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
        ] + arguments
        let outURL = profile.appendingPathComponent("stdout"), errURL = profile.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let timedOut = done.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            process.terminate()
            done.wait()
        }
        try outHandle.close()
        try errHandle.close()
        return Result(
            status: process.terminationStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "", timedOut: timedOut)
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "chromium is not installed: `make test` installs it (apt-get install chromium)" }
    }
}
