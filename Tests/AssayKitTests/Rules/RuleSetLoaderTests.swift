@testable import AssayKit
import Testing
import TestSupport

/// A bad rule file gets `file:line:column`, the source line with a caret, and what to do; every problem at once.
@Suite struct RuleSetLoaderTests {
    static let types = """
        types:
          count: {value: integer}
        """

    func diagnostics(_ text: String) -> [String] {
        RuleSetLoader().compile([("Rules/types.yaml", Self.types), ("Rules/bad.yaml", text)]).1
            .filter { $0.severity == .error }.map(\.rendered)
    }

    @Test func unknownKeyGetsDidYouMean() {
        let found = diagnostics("""
            rules:
              - id: r
                patern: 'x'
            """)
        #expect(found.contains("""
            Rules/bad.yaml:3:5: error: unknown key 'patern' in a rule
                did you mean 'pattern'?
                allowed here: id, description, priority, pattern, case_sensitive, keywords, within, fields, qualifiers, examples
                    patern: 'x'
                    ^
            """))
    }

    @Test func everyProblemIsReportedInOneRun() {
        let found = diagnostics("""
            lexicon:
              num: '\\d+'
            rules:
              - id: a
                pattern: '(?<count>{numbr}) sites'
                fields:
                  count: {type: count}
              - id: b
                pattern: '(unclosed'
                fields:
                  count: {type: count}
              - id: c
                pattern: '(?<n>\\d+)'
                fields:
                  count: {type: count}
              - id: c
                pattern: '(?<count>{num})'
                fields:
                  count: {type: cuont}
            """)
        #expect(found.contains { $0.hasPrefix("Rules/bad.yaml:5:24: error: undefined name '{numbr}' in a pattern [a]\n    did you mean '{num}'?") })
        #expect(found.contains { $0.hasPrefix("Rules/bad.yaml:9:15: error: invalid regular expression in rule 'b': '(' opens a group that is never closed with ')' [b]") })
        #expect(found.contains { $0.hasPrefix("Rules/bad.yaml:15:7: error: field 'count' has no named group (?<count>…) in the pattern of rule 'c' [c]") })
        #expect(found.contains { $0.hasPrefix("Rules/bad.yaml:19:21: error: unknown fact type 'cuont' [c]\n    did you mean 'count'?") })
        #expect(found.count >= 4)
    }

    @Test func yamlSyntaxErrorHasItsPosition() {
        let found = diagnostics("rules:\n  - id: [unclosed\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("Rules/bad.yaml:3:1: error: the file is not valid YAML") == true)
    }

    @Test func duplicateRuleIDs() {
        let found = diagnostics("""
            rules:
              - id: same
                pattern: '(?<count>\\d+)'
                fields: {count: {type: count}}
              - id: same
                pattern: '(?<count>\\d+)'
                fields: {count: {type: count}}
            """)
        #expect(found.contains { $0.hasPrefix("Rules/bad.yaml:5:9: error: rule id 'same' is already used at Rules/bad.yaml:2:9") })
    }

    @Test func ambiguousGazetteerAlias() {
        let found = diagnostics("""
            gazetteers:
              place:
                entries:
                  - name: Southend
                    aliases: [Southend on Sea]
                  - name: Southend-on-Sea
            """)
        #expect(found.contains { $0.contains("alias 'Southend-on-Sea' names both 'southend' and 'southend-on-sea'") })
    }
}
