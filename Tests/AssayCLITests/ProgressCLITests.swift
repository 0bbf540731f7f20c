import Foundation
import Testing
import TestSupport

/// The progress line of `assay build`: drawn on a terminal, never in a log.
@Suite struct ProgressCLITests {
    /// Runs a build under a real pseudo-terminal (util-linux `script`), as a person at a terminal would.
    static func buildOnTerminal(_ extra: [String], in folder: URL) throws -> (status: Int32, stdout: String) {
        let command = ([Executable.assay.path, "build", "--rules", Repository.rules.path, "--no-cache"] + extra)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalShowsProgressAndALogDoesNot() throws {
        let folder = try ShardCLITests.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let terminal = try Self.buildOnTerminal(["--output", "A"], in: folder)
        #expect(terminal.stdout.contains("\rassay: 16 of 16 documents (100%)"), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains("docs/s"))
        // The line is cleared (blanked, back to its start) before anything else is printed.
        let last = try #require(terminal.stdout.range(of: "of 16 documents", options: .backwards))
        let after = terminal.stdout[last.upperBound...]
        #expect(after.contains("\r") && after.contains("assay: 16 documents, "), "\(after.debugDescription)")
        let quiet = try Self.buildOnTerminal(["--output", "B", "--quiet"], in: folder)
        #expect(!quiet.stdout.contains("of 16 documents"))
        #expect(quiet.stdout.contains("assay: 16 documents, "))
        let logged = try Executable.run(["build", "--rules", Repository.rules.path, "--no-cache", "--output", "C"], in: folder)
        #expect(!logged.stderr.contains("\r") && !logged.stderr.contains("of 16 documents"), "\(logged.stderr)")
    }
}
