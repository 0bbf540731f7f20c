@testable import AssayKit
import Testing
import TestSupport

/// Coverage on the corpus: a row per rule, shadowed rules named with the rule that wins.
@Suite struct RuleCoverageTests {
    @Test func everyRuleHasARowAndShadowingIsNamed() throws {
        let coverage = RuleCoverage(dataset: AcceptanceTests.dataset)
        #expect(coverage.rows.map(\.ruleID) == Repository.ruleSet.rules.map(\.id))
        let waves = try #require(coverage.rows.first { $0.ruleID == "count.waves" })
        #expect(waves.alwaysShadowed)
        #expect(waves.shadowedBy == ["count.waves-respectively"])
        let dates = try #require(coverage.rows.first { $0.ruleID == "date.any" })
        #expect(dates.facts > 0 && dates.shadowed > 0 && !dates.alwaysShadowed)
        // Written for wordings this corpus does not use (found by the benchmark corpus); coverage names them.
        #expect(coverage.rows.filter(\.neverFires).map(\.ruleID) == ["count.announced-date-first", "count.people-served"])
        #expect(coverage.rendered.contains("count.waves"))
        #expect(coverage.rendered.hasSuffix("2 never fire, 1 always shadowed\n"))
    }
}
