@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The literals a pattern requires: every match contains one, so blocks without any are skipped safely.
@Suite struct RequiredLiteralsTests {
    @Test(arguments: [
        ("population\\s+of\\s+(?<count>\\d+)", ["population"]),
        ("(?<count>\\d+)\\s+sites?\\b", ["site"]),
        ("(?:New\\s+Care|Integrated[\\s\\-]+Pioneers)", ["care", "integrated"]),
        ("(?<!\\d)(?:19|20)\\d{2}(?!\\d)", ["19", "20"]),
        ("(?:a\\s+)?further\\s+(?<n>\\d+)", ["further"]),
        ("\\d+\\s*[a-z]+", nil),
        ("(?:sites|\\d+)", nil),
    ] as [(String, [String]?)])
    func derivesWhatEveryMatchContains(_ pattern: String, _ expected: [String]?) {
        #expect(RequiredLiterals.derive(from: pattern) == expected)
    }

    /// On the shipped rules: a literal is derived for most rules, and every rule's matches on the corpus contain
    /// one of its literals (the prefilter never hides a match).
    @Test func shippedRulesArePrefilteredSafely() throws {
        let rules = Repository.ruleSet.rules
        #expect(rules.filter { $0.prefilter != nil }.count >= rules.count - 2, "\(rules.filter { $0.prefilter == nil }.map(\.id))")
        for extraction in AcceptanceTests.dataset.extractions {
            for block in extraction.document.blocks {
                let text = extraction.document.text(in: block.range)
                let lowered = text.lowercased()
                for rule in rules {
                    let found = !rule.regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)).isEmpty
                    if found, let literals = rule.requiredLiterals {
                        #expect(literals.contains { lowered.contains($0) }, "\(rule.id) matches '\(text)' without any of \(literals)")
                    }
                }
            }
        }
    }
}
