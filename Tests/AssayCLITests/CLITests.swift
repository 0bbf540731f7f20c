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

    @Test func extractShowsSuppressedCandidatesOnRequest() throws {
        let result = try Executable.run(["extract", "-", "--suppressed"], input: "Sixteen pilots appointed in 2009.\n")
        let suppressed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("{\"suppressed\":true") }
        #expect(suppressed.count == 1)
        #expect(suppressed.first?.contains("\"rule\":\"date.any\",\"type\":\"date\"") == true)
        #expect(suppressed.first?.contains("\"winner\":\"count.appointed\"") == true)
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

/// `assay build` reports the checks; `assay validate` re-runs them on an existing dataset and gates on them.
@Suite struct ValidateCLITests {
    static func build(_ corpus: URL, into folder: URL) throws -> Executable.Result {
        try Executable.run([
            "build", "--corpus", corpus.path, "--rules", Repository.rules.path, "--output", folder.appendingPathComponent("Output").path,
        ], in: folder)
    }

    static func fixture(_ name: String) -> URL {
        Repository.fixtures.appendingPathComponent("validation/\(name)")
    }

    @Test func buildWritesTheReportAndPrintsASummary() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.build(Repository.corpus, into: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(result.stdout.split(separator: "\n").last)
        #expect(summary.hasPrefix("checks: ") && summary.contains(" passed, 0 failed, 0 errors, "), "\(summary)")
        for file in ["validation/report.json", "data/check_results.csv", "data/check_evidence.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/\(file)").path))
        }
        let manifest = try String(contentsOf: folder.appendingPathComponent("Output/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"path\": \"validation/report.json\""))
    }

    @Test func validateRereadsTheDatasetPrintsEveryResultAndWritesNothing() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.build(Repository.corpus, into: folder)
        let before = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        let result = try Executable.run(["validate", "--output", "Output", "--rules", Repository.rules.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("""
            Corpus/integrated-care-pioneers-east-midlands.txt: \
            4 items listed after 'The four sites in the East Midlands and East of England are:' (line 14), on lines 16-19: expected 4, found 4
            """))
        #expect(result.stdout.contains("\nchecks: ") && result.stdout.contains(" passed, 0 failed, 0 errors, "))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted() == before)
    }

    @Test(arguments: ["five-sites-four-listed", "parts-not-adding-up", "disagreeing-documents"])
    func aFailedCheckExitsWithOne(_ name: String) throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let build = try Self.build(Self.fixture(name), into: folder)
        #expect(build.status == 1)
        #expect(build.stderr.contains("\nfail  ") || build.stderr.hasPrefix("fail  "), "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/validation/report.json").path))
        let validate = try Executable.run(["validate", "--rules", Repository.rules.path], in: folder)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains(" failed, "))
    }

    /// A warning-severity failure passes the gate, unless `--strict`.
    @Test func strictMakesWarningsFail() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.build(Repository.corpus, into: folder)
        let rules = folder.appendingPathComponent("Rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: Repository.rules.path) where file.hasSuffix(".yaml") && file != "checks.yaml" {
            try FileManager.default.copyItem(at: Repository.rules.appendingPathComponent(file), to: rules.appendingPathComponent(file))
        }
        try Data("""
            checks:
              - id: totals.small
                kind: range
                severity: warning
                facts: {attribute: total_sites}
                max: 20
            """.utf8).write(to: rules.appendingPathComponent("checks.yaml"))
        let lenient = try Executable.run(["validate"], in: folder)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stdout.contains("Corpus/integrated-care-pioneers-east-midlands.txt: total_sites 25 (line 12), 25 (line 32) above 20: expected at most 20, found 25 and 25"))
        #expect(lenient.stdout.contains("fail (warning)  totals.small  integrated-care-pioneers  "))
        let strict = try Executable.run(["validate", "--strict"], in: folder)
        #expect(strict.status == 1)
    }

    @Test func anUnusableDatasetExitsWithTwo() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Executable.run(["validate", "--rules", Repository.rules.path, "--output", "Nothing"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: no dataset at 'Nothing': Nothing/facts.jsonl does not exist (run 'assay build' first)"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Output"), withIntermediateDirectories: true)
        try Data("{\"fact_id\":\"f-1\"}\n".utf8).write(to: folder.appendingPathComponent("Output/facts.jsonl"))
        let malformed = try Executable.run(["validate", "--rules", Repository.rules.path], in: folder)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("error: Output/facts.jsonl:1: not a fact: 'type' is missing"))
    }

    @Test func validateHasHelp() throws {
        let result = try Executable.run(["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: assay validate [--output <output>] [--rules <rules>] [--strict]"))
    }
}

/// `assay init` then `assay build` in the new folder, as a new user would.
@Suite struct InitCLITests {
    @Test func aScaffoldedProjectBuildsAndItsChecksPass() throws {
        let parent = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let created = try Executable.run(["init", "project"], in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        let project = parent.appendingPathComponent("project")
        let build = try Executable.run(["build"], in: project)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        #expect(build.stdout.contains("0 failed, 0 errors"))
        let again = try Executable.run(["init", "project"], in: parent)
        #expect(again.status == 2)
        #expect(again.stderr.contains("is not empty"))
    }
}
