@testable import AssayKit
import Testing
import TestSupport

/// A bad check gets `file:line:column`, the source line with a caret, and a "did you mean", like a bad rule.
@Suite struct CheckLoaderTests {
    static let base = """
        types:
          count: {value: integer}
          programme: {value: entity_id, gazetteer: programme}
        gazetteers:
          programme:
            entries:
              - {id: pioneers, name: Integrated Care Pioneers}
        attribution: {type: programme, field: programme}
        rules:
          - id: r
            pattern: '(?<n>\\\\d+) waves (?<m>\\\\d+)'
            fields:
              n: {type: count, attribute: waves}
              m: {type: count, attribute: wave_sites, qualifiers: {wave: 1}}
            examples:
              - match: '[[2]] waves [[3]]'
              - no_match: 'waves'
        """

    func compile(_ text: String) -> (RuleSet, [String]) {
        let (ruleSet, diagnostics) = RuleSetLoader().compile([("Rules/base.yaml", Self.base), ("Rules/checks.yaml", text)])
        return (ruleSet, diagnostics.map(\.rendered))
    }

    @Test func aGoodCheckCompiles() throws {
        let (ruleSet, diagnostics) = compile("""
            checks:
              - id: c
                kind: sum
                select: {programme: pioneers}
                parts: {attribute: wave_sites}
                total: {attribute: waves, qualifiers: {wave: 1}}
                key: wave
                unkeyed: order
                examples:
                  - facts: [{attribute: wave_sites, value: 2}, {attribute: waves, value: 2, qualifiers: {wave: 1}}]
                    expect: pass
            """)
        #expect(diagnostics == [])
        let check = try #require(ruleSet.checks.first)
        #expect(check.test == .sum(
            parts: FactSelector(attributes: ["wave_sites"], subjects: ["pioneers"]),
            total: FactSelector(attributes: ["waves"], subjects: ["pioneers"], qualifiers: ["wave": .integer(1)]), key: Check.Key(qualifier: "wave", byOrder: true)))
        #expect(check.severity == .error && check.scope == .document)
        let example = try #require(check.examples.first)
        #expect(example.facts.map(\.subject) == ["pioneers", "pioneers"])
        #expect(example.facts.map(\.evidence.line) == [1, 2])
    }

    @Test func unknownKindGetsDidYouMean() {
        let found = compile("""
            checks:
              - id: c
                kind: summ
            """).1
        #expect(found.contains("""
            Rules/checks.yaml:3:11: error: unknown check kind 'summ' [c]
                did you mean 'sum'?
                kinds: sum, list_length, agree, subset, range, date_order, required
                    kind: summ
                          ^
            """))
    }

    @Test func keysOfAnotherKindAreReportedWithTheKindsOwn() {
        let found = compile("""
            checks:
              - id: c
                kind: sum
                part: {attribute: wave_sites}
                total: {attribute: waves}
            """).1
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:4:5: error: unknown key 'part' in a sum check\n    did you mean 'parts'?") })
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:2:9: error: a sum check needs 'parts:', the facts it compares [c]") })
    }

    @Test func unknownAttributeProgrammeAndGazetteer() {
        let found = compile("""
            checks:
              - id: c
                kind: required
                select: {programme: pioners}
                facts: {attribute: wave_site}
                for_each: programmes
            """).1
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:4:25: error: unknown programme 'pioners': no entry of its gazetteer has this id [c]\n    did you mean 'pioneers'?") })
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:5:24: error: no rule produces the attribute 'wave_site' [c]\n    did you mean 'wave_sites'?") })
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:6:15: error: unknown gazetteer 'programmes' [c]\n    did you mean 'programme'?") })
    }

    @Test func checksNeverSelectByDocument() {
        let found = compile("""
            checks:
              - id: c
                kind: agree
                facts: {attribute: waves, document: a.txt}
            """).1
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:4:12: error: checks select facts by what they say, never by document [c]") })
    }

    @Test func badExamplesAndValues() {
        let found = compile("""
            checks:
              - id: c
                kind: range
                facts: {attribute: waves}
                min: 5
                max: 1
                severity: fatal
                examples:
                  - facts: [{value: 2}]
                    expect: passes
            """).1
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:5:10: error: 'min' (5) is larger than 'max' (1) [c]") })
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:7:15: error: severity must be one of error, warning [c]") })
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:10:17: error: a check example needs 'expect:', one of pass, fail, error, skipped [c]") })
    }

    @Test func duplicateIDsAndMissingExamples() {
        let found = compile("""
            checks:
              - id: c
                kind: agree
                facts: {attribute: waves}
              - id: c
                kind: agree
                facts: {attribute: waves}
            """).1
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:5:9: error: check id 'c' is already used at Rules/checks.yaml:2:9") })
        #expect(found.contains { $0.hasPrefix("Rules/checks.yaml:2:9: warning: check 'c' has no examples [c]") })
    }
}
