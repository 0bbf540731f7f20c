@testable import AssayKit
import Testing
import TestSupport

/// The validator's guarantees and each kind's comparison, on facts written here.
@Suite struct ValidatorTests {
    /// A fact as extraction would make it; `index` orders facts within a document.
    static func fact(
        _ attribute: String, _ value: FactValue, subject: String? = "p", document: String = "a.txt", line: Int = 1,
        index: Int = 0, qualifiers: [String: FactValue] = [:], record: String? = nil, exact: String? = nil
    ) -> Fact {
        let words = exact ?? value.description
        let start = index * 100
        return Fact(
            id: "f-\(document)-\(index)-\(attribute)", type: value.integer == nil ? "date" : "count", value: value,
            attribute: attribute, subject: subject, qualifiers: qualifiers, ruleID: "r", ruleFile: "Rules/r.yaml", ruleLine: 1,
            recordID: record ?? "r-\(document)-\(index)",
            evidence: Evidence(
                document: document, docID: "d-\(document)", sha256: "", start: start, end: start + words.unicodeScalars.count,
                exact: words, prefix: "", suffix: "", line: line, sourceStart: start, sourceEnd: start + words.unicodeScalars.count),
            items: nil)
    }

    static func check(_ test: Check.Test, severity: Check.Severity = .error, scope: Check.Scope = .document) -> Check {
        Check(id: "c", test: test, severity: severity, scope: scope, location: AssayKit.SourceLocation(file: "Rules/c.yaml", line: 1))
    }

    static func run(_ check: Check, _ facts: [Fact]) -> ValidationReport {
        Validator(ruleSet: Repository.ruleSet).validate(facts, checks: [check])
    }

    static let waveSum = check(.sum(parts: FactSelector(attributes: ["wave_sites"]), total: FactSelector(attributes: ["total_sites"]), key: Check.Key(qualifier: "wave", byOrder: true)))

    @Test func noEvidenceIsAnErrorNeverAPass() throws {
        let report = Self.run(Self.waveSum, [Self.fact("population", .integer(5))])
        let result = try #require(report.results.first)
        #expect(report.results.count == 1)
        #expect(result.status == .error)
        #expect(result.message == "no evidence: no wave_sites or total_sites fact in the facts checked")
        #expect(report.failsGate(strict: false))
    }

    @Test func aCheckThatComparesNothingAnywhereIsAnError() throws {
        let report = Self.run(Self.waveSum, [
            Self.fact("total_sites", .integer(25), document: "a.txt", line: 3),
            Self.fact("wave_sites", .integer(14), document: "b.txt", line: 7),
        ])
        #expect(report.results.map(\.status) == [.error])
        #expect(report.results.first?.message == """
            could not be evaluated anywhere: a.txt: no wave_sites stated in this document to add up to total_sites 25 (line 3); \
            b.txt: no total_sites stated in this document to compare wave_sites 14 (line 7) with
            """)
        #expect(report.results.first?.links.count == 2)
    }

    @Test func skippedGroupsStayBesideEvaluatedOnes() {
        let report = Self.run(Self.waveSum, [
            Self.fact("wave_sites", .integer(14), document: "a.txt"), Self.fact("wave_sites", .integer(11), document: "a.txt", index: 1),
            Self.fact("total_sites", .integer(25), document: "a.txt", index: 2), Self.fact("wave_sites", .integer(14), document: "b.txt"),
        ])
        #expect(report.results.map(\.status) == [.pass, .skipped])
        #expect(report.results.map(\.document) == ["a.txt", "b.txt"])
    }

    @Test func factsWithoutASubjectTakePartInNoCheck() {
        let report = Self.run(Self.waveSum, [
            Self.fact("wave_sites", .integer(14), subject: nil), Self.fact("total_sites", .integer(14), subject: nil, index: 1),
        ])
        #expect(report.results.map(\.status) == [.error])
    }

    @Test func subjectsAreComparedApart() {
        let report = Self.run(Self.waveSum, [
            Self.fact("wave_sites", .integer(14), subject: "p"), Self.fact("total_sites", .integer(14), subject: "q", index: 1),
        ])
        #expect(report.results.map(\.status) == [.error])
    }

    /// Waves are told apart by the qualifier when a fact has it, and by order in the document when not.
    @Test func keysComeFromQualifiersOrDocumentOrder() {
        let facts = [
            Self.fact("wave_sites", .integer(11), document: "a.txt", line: 2, index: 0, qualifiers: ["wave": .integer(2)]),
            Self.fact("wave_sites", .integer(14), document: "a.txt", line: 2, index: 1, qualifiers: ["wave": .integer(1)]),
            Self.fact("wave_sites", .integer(14), document: "b.txt", line: 5, index: 0),
            Self.fact("wave_sites", .integer(11), document: "b.txt", line: 6, index: 1),
            Self.fact("wave_sites", .integer(11), document: "c.txt", line: 3, index: 0),
        ]
        let byQualifier = Self.run(Self.check(.agree(facts: FactSelector(attributes: ["wave_sites"]), key: Check.Key(qualifier: "wave")), scope: .corpus), facts)
        #expect(byQualifier.results.map(\.status) == [.error], "facts without a wave are only themselves: nothing to compare")
        let agree = Self.check(.agree(facts: FactSelector(attributes: ["wave_sites"]), key: Check.Key(qualifier: "wave", byOrder: true)), scope: .corpus)
        let report = Self.run(agree, facts)
        #expect(report.results.map(\.key) == ["wave_sites, wave 1", "wave_sites, wave 2"])
        #expect(report.results.map(\.status) == [.fail, .pass])
        #expect(report.results.first?.message
            == "wave_sites of wave 1 disagree: 14 (a.txt line 2), 14 (b.txt line 5) ≠ 11 (c.txt line 3): expected 14, found 11")
        #expect(report.results.first?.expected == .integer(14))
        #expect(report.results.first?.observed == .integer(11))
    }

    @Test func aRepeatedPartCountsOnceAndDisagreeingPartsCannotBeAdded() {
        let repeated = Self.run(Self.waveSum, [
            Self.fact("wave_sites", .integer(14), index: 0, qualifiers: ["wave": .integer(1)]),
            Self.fact("wave_sites", .integer(11), index: 1, qualifiers: ["wave": .integer(2)]),
            Self.fact("wave_sites", .integer(14), index: 2),
            Self.fact("total_sites", .integer(25), index: 3),
        ])
        #expect(repeated.results.map(\.status) == [.pass])
        #expect(repeated.results.first?.links.filter { $0.role == "part" }.count == 3)
        let disagreeing = Self.run(Self.waveSum, [
            Self.fact("wave_sites", .integer(14), line: 2, index: 0, qualifiers: ["wave": .integer(1)]),
            Self.fact("wave_sites", .integer(15), line: 9, index: 1),
            Self.fact("total_sites", .integer(29), index: 2),
        ])
        #expect(disagreeing.results.map(\.status) == [.error])
        #expect(disagreeing.results.first?.message.contains("wave_sites of wave 1 disagree: 14 (line 2), 15 (line 9); the parts cannot be added") == true)
    }

    @Test func subsetNamesTheSmallerWhole() {
        let subset = Self.check(.subset(part: FactSelector(attributes: ["subset_sites"]), whole: FactSelector(attributes: ["sites_appointed", "total_sites"])))
        let report = Self.run(subset, [
            Self.fact("sites_appointed", .integer(16), line: 1, index: 0),
            Self.fact("total_sites", .integer(25), line: 2, index: 1),
            Self.fact("subset_sites", .integer(20), line: 3, index: 2),
        ])
        #expect(report.results.map(\.status) == [.fail])
        #expect(report.results.first?.message == "subset_sites 20 (line 3) > sites_appointed 16 (line 1): expected at most 16, found 20")
        #expect(report.results.first?.links.map(\.role) == ["part", "whole", "whole"])
    }

    @Test func rangeNamesTheValuesOutside() {
        let range = Self.check(.range(facts: FactSelector(types: ["count"]), minimum: 1, maximum: 100), severity: .warning)
        let report = Self.run(range, [
            Self.fact("a", .integer(0), line: 1, index: 0), Self.fact("a", .integer(50), line: 2, index: 1),
            Self.fact("b", .integer(101), line: 3, index: 2, exact: "a hundred and one"),
        ])
        #expect(report.results.map(\.status) == [.fail])
        #expect(report.results.first?.message == "a 0 (line 1) and b 101 ('a hundred and one', line 3) outside 1..100: expected 1..100, found 0 and 101")
        #expect(!report.failsGate(strict: false))
        #expect(report.failsGate(strict: true))
    }

    @Test func aValueOfTheWrongKindIsAnError() {
        let range = Self.check(.range(facts: FactSelector(attributes: ["a"]), minimum: 1, maximum: nil))
        let report = Self.run(range, [Self.fact("a", .string("2013"), line: 4)])
        #expect(report.results.map(\.status) == [.error])
        #expect(report.results.first?.message == "could not be evaluated anywhere: a 2013 (line 4) is not a number, so it cannot be compared")
    }

    @Test(arguments: [
        ("2013-11", "2015-01", true), ("2013-11", "2013", true), ("2013", "2013-11", true), ("2013/..", "2013-11", true),
        ("2014-09/2014-11", "2014-10", true), ("2013-11", "2012", false), ("2013-11-02", "2013-11-01", false),
        ("2015", "2014-09/2014-11", false), ("../2012", "2012-12-31", true),
    ])
    func datesCompareByWhatTheyCanMean(_ before: String, _ after: String, _ holds: Bool) {
        let order = Self.check(.dateOrder(before: FactSelector(attributes: ["x"]), after: FactSelector(attributes: ["y"])))
        let report = Self.run(order, [Self.fact("x", .string(before), index: 0), Self.fact("y", .string(after), index: 1)])
        #expect(report.results.map(\.status) == [holds ? .pass : .fail])
    }

    @Test func dateBoundsRejectWhatIsNotADate() {
        for text in ["", "..", "2013-1", "13", "2013/2014/2015", "2015/2013", "spring"] { #expect(DateBounds(text) == nil, "\(text)") }
        #expect(DateBounds("2013/..")?.latest == "~")
    }

    @Test func requiredNamesEveryEntryOfTheGazetteer() throws {
        let required = Self.check(.required(facts: FactSelector(attributes: ["launched"]), forEach: "programme"), scope: .corpus)
        let report = Self.run(required, [Self.fact("launched", .string("2008"), subject: "integrated-care-pilots", line: 11, exact: "in 2008")])
        #expect(report.results.map(\.subject) == ["integrated-care-pilots", "integrated-care-pioneers", "new-care-model-vanguards"])
        #expect(report.results.map(\.status) == [.pass, .fail, .fail])
        #expect(report.results[0].message == "integrated-care-pilots has launched 2008 ('in 2008', line 11): expected at least one launched fact, found 1")
        #expect(report.results[1].links.isEmpty)
    }

    @Test func recordItemsAreTheFactsOfTheCountsOwnMatch() {
        let length = Self.check(.listLength(count: FactSelector(attributes: ["waves"]), items: FactSelector(attributes: ["wave_sites"])))
        let report = Self.run(length, [
            Self.fact("waves", .integer(3), line: 22, index: 0, record: "r1", exact: "Three"),
            Self.fact("wave_sites", .integer(14), line: 22, index: 1, record: "r1"),
            Self.fact("wave_sites", .integer(11), line: 22, index: 2, record: "r1"),
            Self.fact("wave_sites", .integer(9), line: 30, index: 3, record: "r2"),
        ])
        #expect(report.results.map(\.status) == [.fail])
        #expect(report.results.first?.message == "2 wave_sites (14, 11) given with 'Three' (line 22): expected 3, found 2")
    }

    @Test func listItemsAreLinkedWithTheFactsInsideThem() throws {
        let extraction = Run.extract("""
            Integrated Care Pioneers

            The three sites in the region are:

              • Nottingham City
              • Southend

            """, path: "Corpus/region.txt")
        let length = Self.check(.listLength(count: FactSelector(types: ["count"]), items: nil))
        let report = Validator(ruleSet: Repository.ruleSet).validate(extraction.facts, texts: DocumentTexts([extraction]), checks: [length])
        let result = try #require(report.results.first)
        #expect(result.status == .fail)
        #expect(result.message == "2 items listed after 'The three sites in the region are:' (line 3), on lines 5-6: expected 3, found 2")
        #expect(result.links.map(\.role) == ["count", "item", "item", "in_item", "in_item"])
        #expect(result.links.compactMap(\.item) == [1, 2])
        #expect(result.links.last?.evidence.exact == "Southend")
    }

    @Test func noResultPassesWithoutEvidenceAndTheOrderIsFixed() {
        let checks = Repository.ruleSet.checks
        let facts = AcceptanceTests.dataset.facts
        let report = Validator(ruleSet: Repository.ruleSet).validate(facts, checks: checks)
        #expect(report.results.count >= checks.count)
        for result in report.results where result.status == .pass { #expect(!result.links.isEmpty, "\(result.checkID): \(result.message)") }
        let shuffled = Validator(ruleSet: Repository.ruleSet).validate(facts.reversed(), checks: checks.reversed())
        #expect(shuffled.json(subjectField: "programme") == report.json(subjectField: "programme"))
    }

    /// A build checks only the facts a check can look at (`Validator.validate(_: Dataset)`); checking every fact of
    /// the same dataset gives the same report, to the byte.
    @Test func checkingOnlyTheFactsChecksCanSeeGivesTheSameReport() {
        let dataset = AcceptanceTests.dataset
        let all = Validator(ruleSet: dataset.ruleSet).validate(
            dataset.facts, texts: DocumentTexts(dataset.documents, docIDs: dataset.overview.docIDs))
        let kept = Validator(ruleSet: dataset.ruleSet).validate(dataset)
        #expect(!kept.results.isEmpty)
        #expect(kept.results.contains { $0.links.contains { $0.role == "in_item" } })
        #expect(kept.json(subjectField: "programme").serialized() == all.json(subjectField: "programme").serialized())
    }
}
