import Foundation
import Testing
import TestSupport

/// The built `assay` executable, run as a user runs it: commands, output, exit codes.
@Suite struct CLITests {
    @Test func buildWritesTheDataset() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Executable.run([
            "build", "--corpus", Repository.corpus.path, "--rules", Repository.rules.path,
            "--output", folder.appendingPathComponent("Output").path,
        ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let documents = try FileManager.default.contentsOfDirectory(atPath: Repository.corpus.path).count
        #expect(result.stdout.hasPrefix("assay: \(documents) documents, "))
        for file in ["facts.jsonl", "manifest.json", "errors.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/\(file)").path))
        }
    }

    @Test func valueReadsOnePhrasePerLine() throws {
        let numbers = try Executable.run(["value", "number"], input: "Sixteen\n500,000\npilots\na dozen\n")
        #expect(numbers.status == 0)
        #expect(numbers.stdout == "16\n500000\n\n12\n")
        let dates = try Executable.run(["value", "date"], input: "November 2013\n2021 Oct 29\nnothing\n")
        #expect(dates.stdout == "2013-11\n2021-10-29\n\n")
    }

    @Test func extractReadsStandardInput() throws {
        let result = try Executable.run(["extract", "-", "--format", "jsonl"], input: "The 25 Integrated Care Pioneers are acting.\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("\"type\":\"count\",\"value\":25,\"programme\":\"integrated-care-pioneers\"") })
    }

    @Test func rulesTestPassesOnTheShippedRules() throws {
        let result = try Executable.run(["rules", "test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" passed, 0 failed"))
    }

    @Test func aBadRuleFileExitsWithTwoAndSaysWhere() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Rules"), withIntermediateDirectories: true)
        try Data("rules:\n  - id: x\n    patern: '\\d'\n".utf8).write(to: folder.appendingPathComponent("Rules/bad.yaml"))
        let result = try Executable.run(["build", "--corpus", Repository.corpus.path], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Rules/bad.yaml:3:5: error: unknown key 'patern' in a rule"))
        #expect(result.stderr.contains("did you mean 'pattern'?"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output").path))
    }

    @Test func aMissingCorpusExitsWithTwo() throws {
        let result = try Executable.run(["build", "--corpus", "/nonexistent", "--output", "/tmp/assay-never"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("corpus folder '/nonexistent' does not exist"))
    }

    @Test(arguments: [["--help"], ["build", "--help"], ["extract", "--help"], ["rules", "test", "--help"], ["value", "--help"]])
    func helpEverywhere(_ arguments: [String]) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
    }

    @Test func badUsageExitsWithTwo() throws {
        let result = try Executable.run(["value", "colour"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("colour"))
    }
}

/// `assay explain` and `assay rules lint` as rule authors run them; outputs compared with reviewed snapshots in
/// `Tests/AssayCLITests/Snapshots` (regenerate by running the same command and reviewing the difference).
@Suite struct RuleAuthoringCLITests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: [
        (["explain", "Corpus/integrated-care-pioneers-east-midlands.txt", "--line", "5"], "explain-pioneers-line-5.txt"),
        (["explain", "Corpus/ijic-2021-table-1-integration-pilot-programmes.txt", "--rule", "count.joined"], "explain-near-miss.txt"),
        (["explain", "Corpus/ijic-2021-table-1-integration-pilot-programmes.html", "--line", "151"], "explain-journal-html-line-151.txt"),
    ])
    func explainMatchesItsSnapshot(_ arguments: [String], _ snapshot: String) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOf: Self.snapshots.appendingPathComponent(snapshot), encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test func explainReadsStandardInputAndNamesTheNearMiss() throws {
        let result = try Executable.run(["explain", "-", "--rule", "count.appointed"], input: "Sixteen pilots were chosen in 2009.\n")
        #expect(result.stdout.contains("'Sixteen pilots were ' matched `(?<count>{number})\\s+{sites_noun}\\s+(?:were\\s+)?`, then `appointed` did not match after it"))
    }

    @Test func explainRejectsAnUnknownRuleWithASuggestion() throws {
        let result = try Executable.run(["explain", "-", "--rule", "count.apointed"], input: "x\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'count.appointed'?"))
    }

    @Test func lintIsCleanOnTheShippedRulesAndFailsOnABadOne() throws {
        let clean = try Executable.run(["rules", "lint"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("lint: clean"))
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("types:\n  count: {value: integer}\nrules:\n  - id: slow\n    pattern: '(?<count>(a+)+)$'\n    fields: {count: {type: count}}\n".utf8)
            .write(to: folder.appendingPathComponent("r.yaml"))
        let bad = try Executable.run(["rules", "lint", "--rules", "."], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("r.yaml:4:9: warning: pattern may backtrack catastrophically"))
        #expect(bad.stderr.contains("r.yaml:4:9: warning: rule 'slow' has no examples"))
    }
}
