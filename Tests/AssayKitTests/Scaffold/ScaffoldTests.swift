@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// `assay init` writes a project that builds: its rules load cleanly and lint clean, every example passes, the
/// build finds the example document's facts, and every check passes.
@Suite struct ScaffoldTests {
    @Test func theScaffoldBuilds() throws {
        let folder = try Repository.temporaryFolder().appendingPathComponent("project")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let files = try Scaffold.write(to: folder)
        #expect(files.contains("Rules/checks.yaml") && files.contains("Corpus/reading-rooms-annual-report.txt"))

        let (ruleSet, diagnostics) = try RuleSetLoader(base: folder).load(from: folder.appendingPathComponent("Rules"))
        #expect(diagnostics.map(\.rendered) == [])
        #expect(RuleLinter(ruleSet: ruleSet).lint(loadDiagnostics: diagnostics).isEmpty)
        #expect(ExampleVerifier(ruleSet: ruleSet).verifyAll().filter { !$0.passed }.map(\.diagnostic.rendered) == [])
        #expect(Set(ruleSet.checks.map(\.kind)) == Set(Check.Kind.allCases))

        let corpus = try CorpusLoader(base: folder).load(from: folder.appendingPathComponent("Corpus"))
        let dataset = Pipeline(ruleSet: ruleSet).run(corpus)
        let facts = dataset.facts.map { "\($0.type) \($0.attribute) \($0.value) \($0.subject ?? "null")" }
        #expect(facts.contains("count wave_size 12 reading-rooms"))
        #expect(facts.contains("date launched 2019-03 reading-rooms"))
        #expect(facts.contains("library library Crane Library reading-rooms"))
        let listed = try #require(dataset.facts.first { $0.attribute == "listed" })
        #expect(listed.items?.map(\.exact) == ["Ashford Library", "Bramley Library", "Crane Library"])
        #expect(!dataset.validation.results.isEmpty)
        #expect(dataset.validation.results.allSatisfy { $0.status == .pass }, "\(dataset.validation.results.map(\.message))")
    }

    @Test func itWritesOnlyIntoANewOrEmptyFolder() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("keep.txt"))
        #expect(throws: AssayError.self) { try Scaffold.write(to: folder) }
    }
}
