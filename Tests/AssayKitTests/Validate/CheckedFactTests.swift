@testable import AssayKit
import Testing
import TestSupport

/// A checked fact holds its id as a number and what it states as one shared `FactKind`: what it gives back, and
/// the order facts sort in, must be those of the fact it was made from.
@Suite struct CheckedFactTests {
    static let ids = [
        "f-ca8d7dbc72f14204", "f-0000000000000000", "f-ffffffffffffffff", "f-00000000000000a1", "f-5d5bb33aefc0f670",
        // Not as extraction spells ids: kept as text.
        "f-CA8D7DBC72F14204", "f-ca8d7dbc72f1420", "f-ca8d7dbc72f142045", "f-ca8d7dbc72f1420g", "g-ca8d7dbc72f14204",
        "f-a.txt-0-wave_sites", "f-+a8d7dbc72f14204", "", "f-",
    ]

    @Test(arguments: ids) func aKeyGivesBackItsID(_ id: String) {
        #expect(FactKey(id).text == id)
    }

    @Test func extractionIDsAreNumbers() {
        #expect(FactKey("f-00000000000000a1") == .number(0xa1))
        #expect(FactKey("f-CA8D7DBC72F14204") == .spelled("f-CA8D7DBC72F14204"))
    }

    @Test func keysSortAsTheirIDs() throws {
        try #require(Self.ids.count > 1)
        for a in Self.ids {
            for b in Self.ids {
                #expect((FactKey(a) < FactKey(b)) == (a < b), "\(a) < \(b)")
                #expect((FactKey(a) == FactKey(b)) == (a == b), "\(a) == \(b)")
            }
        }
    }

    @Test func factsStatingTheSameShareOneKind() throws {
        let shared = SharedFactParts()
        let source = DocumentSource(path: "a.txt", docID: "d-a", sha256: "")
        let facts = [0, 1, 2].map { index in
            CheckedFact(
                ValidatorTests.fact("wave_sites", .integer(14 + index), index: index, qualifiers: index == 2 ? ["wave": .integer(2)] : [:]),
                in: source, keepContext: false, shared: shared)
        }
        #expect(facts[0].kind === facts[1].kind)
        #expect(facts[0].kind !== facts[2].kind)
        #expect(facts[2].qualifiers == ["wave": .integer(2)])
        #expect(facts[1].id == "f-a.txt-1-wave_sites")
        #expect((facts[1].type, facts[1].attribute, facts[1].subject) == ("count", "wave_sites", "p"))
    }

    /// The records are read on several threads, in runs joined in order: the report is the same whatever the number.
    @Test func aDatasetIsCheckedAlikeWhateverTheThreads() throws {
        let dataset = AcceptanceTests.dataset
        let one = Validator(ruleSet: dataset.ruleSet, jobs: 1).validate(dataset)
        try #require(!one.results.isEmpty)
        for jobs in [2, 3, 7] {
            let many = Validator(ruleSet: dataset.ruleSet, jobs: jobs).validate(dataset)
            #expect(Array(many.results) == Array(one.results))
            #expect(many.resultIDs == one.resultIDs)
        }
    }
}
