@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The literals a pattern requires: every match contains all those of one clause, so blocks without any whole
/// clause are skipped safely.
@Suite struct RequiredLiteralsTests {
    @Test(arguments: [
        ("population\\s+of\\s+(?<count>\\d+)", [["population"]]),
        ("(?<count>\\d+)\\s+sites?\\b", [["site"]]),
        ("(?:New\\s+Care|Integrated[\\s\\-]+Pioneers)", [["care", "new"], ["integrated", "pioneers"]]),
        ("(?<!\\d)(?:19|20)\\d{2}(?!\\d)", [["19"], ["20"]]),
        ("(?:a\\s+)?further\\s+(?<n>\\d+)", [["further"]]),
        ("(?:high[\\s\\-]*service[\\s\\-]*users|dementia)\\s+care", [["care", "dementia"], ["care", "high", "service", "users"]]),
        ("(?<n>\\d+)\\s+(?:sites|pilots)\\s+joined", [["joined", "pilots"], ["joined", "sites"]]),
        ("\\d+\\s*[a-z]+", nil),
        ("(?:sites|\\d+)", nil),
    ] as [(String, [[String]]?)])
    func derivesWhatEveryMatchContains(_ pattern: String, _ expected: [[String]]?) {
        #expect(RequiredLiterals.derive(from: pattern) == expected)
    }

    /// On the shipped rules: literals are derived for most rules, and every rule's matches on the corpus contain every
    /// literal of one of its clauses (the prefilter never hides a match).
    @Test func shippedRulesArePrefilteredSafely() throws {
        let rules = Repository.ruleSet.rules
        #expect(rules.filter { $0.prefilter != nil }.count >= rules.count - 2, "\(rules.filter { $0.prefilter == nil }.map(\.id))")
        for extraction in AcceptanceTests.dataset.extractions {
            for block in extraction.document.blocks {
                let text = extraction.document.text(in: block.range)
                let lowered = text.lowercased()
                for rule in rules {
                    let found = !rule.regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)).isEmpty
                    if found, let clauses = rule.requiredLiterals {
                        #expect(clauses.contains { $0.allSatisfy(lowered.contains) }, "\(rule.id) matches '\(text)' without any clause of \(clauses)")
                    }
                }
            }
        }
    }
}
