import Foundation
@testable import AssayKit
import Testing
import TestSupport

/// Rules applied by structure, overlaps resolved and recorded, records linked.
@Suite struct ExtractorTests {
    static let types = """
        types:
          count: {value: integer}
        lexicon:
          n: '\\d+'
        """

    func ruleSet(_ rules: String) throws -> RuleSet {
        let (ruleSet, diagnostics) = RuleSetLoader().compile([("Rules/types.yaml", Self.types), ("Rules/r.yaml", rules)])
        try #require(!diagnostics.hasErrors, "\(diagnostics.map(\.rendered))")
        return ruleSet
    }

    @Test func withinRestrictsARuleToBlockKindsSectionsAndColumns() throws {
        let rules = try ruleSet("""
            rules:
              - id: in-items
                within: {blocks: [list_item]}
                pattern: '(?<count>{n}) items'
                fields: {count: {type: count, attribute: a}}
              - id: in-section
                within: {section: '^Sites$'}
                pattern: '(?<count>{n}) sites'
                fields: {count: {type: count, attribute: b}}
              - id: in-column
                within: {column: 'Vanguards'}
                pattern: '(?<count>{n}) types'
                fields: {count: {type: count, attribute: c}}
            """)
        let html = """
            <p>1 items</p><ul><li>2 items</li></ul>
            <h2>Other</h2><p>3 sites</p><h2>Sites</h2><p>4 sites</p>
            <table><tr><th>Pilots</th><th>Vanguards</th></tr><tr><td>5 types</td><td><p>6 types</p></td></tr></table>
            """
        let facts = Run.extract(html, mediaType: .html, ruleSet: rules).facts
        #expect(facts.map(\.evidence.exact) == ["2", "4", "6"])
    }

    @Test func overlapsAreResolvedByPriorityThenLengthAndRecorded() throws {
        let rules = try ruleSet("""
            rules:
              - id: low
                pattern: '(?<count>{n})'
                fields: {count: {type: count, attribute: any}}
              - id: high
                priority: 5
                pattern: '(?<count>{n}) sites'
                fields: {count: {type: count, attribute: sites}}
            """)
        let extraction = Run.extract("14 sites and 3", ruleSet: rules)
        #expect(extraction.facts.map { "\($0.ruleID):\($0.evidence.exact)" } == ["high:14", "low:3"])
        #expect(extraction.suppressed.map { "\($0.ruleID):\($0.exact)" } == ["low:14"])
        #expect(extraction.suppressed.first?.reason.contains("'high'") == true)
    }

    @Test func oneMatchIsOneRecordOfLinkedFacts() throws {
        let extraction = Run.extract("Two waves of pilots launched since 2013 (14 pilots and 11 pilots respectively)")
        let counts = extraction.facts.filter { $0.ruleID == "count.waves-respectively" }
        #expect(counts.count == 3)
        #expect(Set(counts.map(\.recordID)).count == 1)
        #expect(counts.map { $0.qualifiers["wave"] } == [nil, .integer(1), .integer(2)])
    }

    @Test func aCountCollectsTheListItIntroduces() throws {
        let text = "The four sites are:\n\n• Nottingham City\n• Southend\n  • nested\n• West Norfolk\n\nFocus on three overlapping cohorts: A; B, C and D.\n"
        let facts = Run.extract(text).facts.filter { $0.items != nil }
        #expect(facts.map { $0.items!.map(\.exact) } == [["Nottingham City", "Southend", "West Norfolk"], ["A", "B", "C", "D"]])
    }

    /// A pattern that backtracks catastrophically is stopped at the time limit, reported, and the rest goes on.
    @Test func aRunawayPatternIsStoppedAndReported() throws {
        let rules = try ruleSet("""
            limits: {regex_milliseconds: 200}
            rules:
              - id: runaway
                pattern: '(?<count>(\\d+)+)x'
                fields: {count: {type: count, attribute: a}}
              - id: fine
                pattern: '(?<count>\\d+) sites'
                fields: {count: {type: count, attribute: b}}
            """)
        let text = String(repeating: "1", count: 40) + "y\n\n12 sites\n"
        let started = Date()
        let extraction = Run.extract(text, ruleSet: rules)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(extraction.facts.map { "\($0.ruleID):\($0.evidence.exact)" } == ["fine:12"])
        #expect(extraction.diagnostics.map(\.message).first?.hasPrefix("rule 'runaway' stopped after 200 ms on this document") == true)
    }
}
