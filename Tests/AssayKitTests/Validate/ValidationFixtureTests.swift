@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Small corpora whose numbers do not add up, run through the real pipeline with the shipped rules: each must fail
/// its check with a message that names both sides and their lines.
@Suite struct ValidationFixtureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var folder: String
        var check: String
        var message: String
        var testDescription: String { folder }
    }

    static let cases = [
        Case(
            folder: "five-sites-four-listed", check: "lists.count-matches-list",
            message: "4 items listed after 'The five sites in the East Midlands and East of England are:' (line 3), on lines 5-8: expected 5, found 4"),
        Case(
            folder: "parts-not-adding-up", check: "sites.waves-add-up-to-total",
            message: "wave_sites 14 (line 3) + 10 (line 3) = 24 ≠ total_sites 25 (line 5): expected 25, found 24"),
        Case(
            folder: "disagreeing-documents", check: "sites.wave-sizes-agree",
            message: "wave_sites of wave 1 disagree: 14 (a.txt line 3) ≠ 15 (b.txt line 3): expected 14, found 15"),
    ]

    static func dataset(_ folder: String) throws -> Dataset {
        let corpus = try CorpusLoader(base: Repository.root).load(from: Repository.fixtures.appendingPathComponent("validation/\(folder)"))
        return Pipeline(ruleSet: Repository.ruleSet, jobs: 1).run(corpus)
    }

    @Test(arguments: cases)
    func failsWithAClearMessage(_ testCase: Case) throws {
        let report = try Self.dataset(testCase.folder).validation
        let failed = report.results.filter { $0.checkID == testCase.check && $0.status == .fail }
        #expect(failed.map(\.message) == [testCase.message])
        let result = try #require(failed.first)
        #expect(result.severity == .error)
        #expect(report.failsGate(strict: false))
        // Both sides are linked, each with its words and a link into its document.
        #expect(result.links.count >= 2)
        for link in result.links {
            #expect(link.evidence.link?.hasPrefix("Tests/AssayKitTests/Fixtures/validation/\(testCase.folder)/") == true)
            #expect(link.evidence.line != nil)
        }
    }

    /// What is not wrong in the fixtures is not reported as wrong: wave 2 agrees, and four sites would be four.
    @Test func onlyTheWrongSideFails() throws {
        let report = try Self.dataset("disagreeing-documents").validation
        let waves = report.results.filter { $0.checkID == "sites.wave-sizes-agree" }
        #expect(waves.map(\.status) == [.fail, .pass])
        #expect(waves.map(\.key) == ["wave_sites, wave 1", "wave_sites, wave 2"])
        #expect(Set(waves[0].documents.map { ($0 as NSString).lastPathComponent }) == ["a.txt", "b.txt"])
    }
}
