import ArgumentParser
import AssayKit
import Foundation

/// `assay diff OLD NEW`: what changed between two datasets, fact by fact, for reviewing a rebuild.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the facts added, removed and changed between two dataset folders.",
        discussion: """
            Reads OLD/ and NEW/ (folders written by 'assay build': facts.jsonl and manifest.json) and prints a summary, \
            then one line per document added (+), removed (-) or changed (~), and per fact. A fact is the same fact in \
            both when its document, type, attribute and span are; it is changed when its value, subject, qualifiers \
            or rule differ.
            Exit codes: 0 (with --exit-code: 0 no difference, 1 some); 2 bad usage or a folder that holds no dataset.
            """)

    @Argument(help: "The earlier dataset folder.")
    var old: String

    @Argument(help: "The later dataset folder.")
    var new: String

    @Flag(name: .long, help: "Exit with 1 when the datasets differ, as 'git diff --exit-code' does.")
    var exitCode = false

    func run() throws {
        let before: DatasetSnapshot, after: DatasetSnapshot
        do {
            before = try DatasetSnapshot.read(from: URL(fileURLWithPath: old), named: old)
            after = try DatasetSnapshot.read(from: URL(fileURLWithPath: new), named: new)
        } catch let error as AssayError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        let difference = DatasetDiff(old: before, new: after)
        print(difference.summary)
        for line in difference.lines { print(line) }
        if exitCode, !difference.isEmpty { throw ExitCode(1) }
    }
}
