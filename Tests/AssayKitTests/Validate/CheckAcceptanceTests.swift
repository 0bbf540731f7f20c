@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The first corpus's check list (a copy of `shared/acceptance/checks.jsonl`): each check evaluates and passes on
/// the facts of exactly the documents it names (or their HTML twins), and nothing on the corpus fails.
@Suite struct CheckAcceptanceTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var kind: String
        var programme: String
        var description: String
        var documents: [String]
        var line: Int
        var testDescription: String { "\(line): \(kind) \(programme): \(description)" }
    }

    static let expected: [Expected] = {
        let url = Repository.fixtures.appendingPathComponent("acceptance/checks.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").enumerated().compactMap { index, line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Expected(
                kind: object["kind"] as? String ?? "", programme: object["programme"] as? String ?? "",
                description: object["description"] as? String ?? "", documents: object["documents"] as? [String] ?? [], line: index + 1)
        }
    }()

    /// The list's kinds as checks name them: `cross_document` is `agree` across documents.
    static let kinds: [String: Check.Kind] = [
        "sum": .sum, "cross_document": .agree, "list_length": .listLength, "subset": .subset, "date_order": .dateOrder,
    ]

    static var report: ValidationReport { AcceptanceTests.dataset.validation }

    @Test func theListIsThere() {
        #expect(Self.expected.count == 8)
    }

    /// The words a description quotes ("'The four sites ... are:' is followed by 4 listed sites"), in pieces split at
    /// "...": the result must quote them, so two lists of one document are not mistaken for each other.
    static func quotedWords(of expected: Expected) -> [String] {
        let parts = expected.description.components(separatedBy: "'")
        guard expected.description.hasPrefix("'"), parts.count >= 3 else { return [] }
        return parts[1].components(separatedBy: "...").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func unquoted(_ text: String) -> String {
        text.replacingOccurrences(of: "'", with: "")
    }

    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    @Test(arguments: expected)
    func checkPasses(_ expected: Expected) throws {
        let kind = try #require(Self.kinds[expected.kind], "unknown kind \(expected.kind)")
        let listed = Set(expected.documents.map(Self.stem))
        let candidates = Self.report.results.filter { $0.kind == kind && $0.subject == expected.programme }
        let matching = candidates.filter { result in
            let documents = Set(result.documents.map { ($0 as NSString).lastPathComponent })
            // Every listed document is involved, and any other is an HTML twin of a listed one.
            return documents.isSuperset(of: expected.documents) && Set(documents.map(Self.stem)) == listed
                && (expected.kind != "cross_document" || documents.count > 1)
                && Self.quotedWords(of: expected).allSatisfy { Self.unquoted(result.message).contains($0) }
        }
        #expect(!matching.isEmpty, "results of that kind: \(candidates.map { "\($0.status): \($0.message)" })")
        #expect(matching.allSatisfy { $0.status == .pass }, "\(matching.map { "\($0.status): \($0.message)" })")
    }

    @Test func nothingOnTheCorpusFailsAndNothingPassesOnZeroEvidence() {
        let report = Self.report
        #expect(report.checks.count == Repository.ruleSet.checks.count)
        #expect(report.count(.pass) >= 8)
        #expect(report.count(.fail) == 0, "\(report.results.filter { $0.status == .fail }.map(\.message))")
        #expect(report.count(.error) == 0, "\(report.results.filter { $0.status == .error }.map(\.message))")
        #expect(!report.failsGate(strict: true))
        for result in report.results where result.status == .pass {
            #expect(!result.links.isEmpty, "\(result.checkID) passed on no evidence")
        }
        for check in report.checks { #expect(report.status(of: check.id) == .pass, "\(check.id)") }
    }
}
