@testable import AssayKit
import Testing
import TestSupport

/// A build's results are spilled to a temporary file as each check is evaluated (`ResultSpill`) and read back by
/// the report, the tables and the review pages: what they read must equal what was evaluated.
@Suite struct ResultSpillTests {
    /// The same dataset checked with results kept in memory and with results spilled.
    static let reports: (kept: ValidationReport, spilled: ValidationReport) = {
        let dataset = AcceptanceTests.dataset
        let validator = Validator(ruleSet: dataset.ruleSet)
        return (validator.validate(dataset, spill: false), validator.validate(dataset))
    }()

    @Test func spilledResultsReadBackEqualTheKeptOnes() throws {
        let (kept, spilled) = Self.reports
        try #require(!kept.results.isEmpty)
        #expect(spilled.results.count == kept.results.count)
        #expect(Array(spilled.results) == Array(kept.results))
        #expect(spilled.resultIDs == kept.results.map(\.id))
        #expect(spilled.resultIDs == kept.resultIDs)
        // Read twice, and from the end first: reads are by position, not a cursor.
        for position in spilled.results.indices.reversed() { #expect(spilled.results[position] == kept.results[position]) }
    }

    /// A check's results are spilled a few at a time, from several checks at once: they still read back in order.
    @Test func resultsSpilledAFewAtATimeReadBackInOrder() throws {
        let dataset = AcceptanceTests.dataset
        var validator = Validator(ruleSet: dataset.ruleSet, jobs: 3)
        validator.resultsPerWrite = 2
        let spilled = validator.validate(dataset)
        let kept = Self.reports.kept
        try #require(kept.results.count > 2)
        #expect(Array(spilled.results) == Array(kept.results))
        #expect(spilled.resultIDs == kept.resultIDs)
    }

    @Test func theTallyAnswersAsTheResultsWould() {
        let (kept, spilled) = Self.reports
        for status in CheckResult.Status.allCases {
            #expect(spilled.count(status) == kept.results.count { $0.status == status })
        }
        for check in kept.checks {
            #expect(spilled.status(of: check.id) == (kept.results.filter { $0.checkID == check.id }.map(\.status).min() ?? .error))
            #expect(spilled.resultCount(of: check.id) == kept.results.count { $0.checkID == check.id })
        }
        for strict in [false, true] {
            #expect(spilled.failsGate(strict: strict) == kept.results.contains { $0.failsGate(strict: strict) })
        }
        #expect(spilled.summary == kept.summary)
        // Each set of statuses, the empty one and all of them included, gives exactly those results, in order.
        let statuses = CheckResult.Status.allCases
        for mask in 0..<(1 << statuses.count) {
            let chosen = Set(statuses.indices.filter { mask & (1 << $0) != 0 }.map { statuses[$0] })
            #expect(spilled.results(withStatus: chosen) == kept.results.filter { chosen.contains($0.status) })
        }
    }

    @Test func entriesKeepTheirIDsAndLinkCounts() throws {
        let spill = try ResultSpill()
        let results = Self.reports.kept.results.prefix(5).map { ($0, $0.id, $0.links.count + 7) }
        let first = try spill.append([])
        let positions = try spill.append(results)
        #expect(first.isEmpty)
        #expect(positions == 0..<results.count)
        for (position, expected) in zip(positions, results) {
            let entry = spill.entry(at: position)
            #expect(entry.result == expected.0)
            #expect(entry.id == expected.1)
            #expect(entry.linkCount == expected.2)
        }
    }

    /// Spilled results are cut as they are encoded, results in memory as values: the pages read the same from both.
    @Test func resultsCutEncodedReadAsResultsCutAsValues() throws {
        let (kept, spilled) = Self.reports
        let fromValues = ReviewResults(kept), fromBytes = ReviewResults(spilled)
        let docIDs = Set(kept.results.flatMap { $0.links.map(\.fact.source.docID) })
        try #require(docIDs.count > 1)
        for docID in docIDs.sorted() {
            #expect(fromBytes.checks(in: docID) == fromValues.checks(in: docID))
            #expect(fromBytes.marks(in: docID) == fromValues.marks(in: docID))
        }
        // A mark reads the start of its result's head first, and the whole head when the start is too short.
        for firstBytes in [0, 8, 40] {
            let short = ReviewResults(spilled, markHeadBytes: firstBytes)
            for docID in docIDs.sorted() { #expect(short.marks(in: docID) == fromValues.marks(in: docID)) }
        }
    }

    /// A document's page reads each result cut down to its links in that document, and how many there were in all.
    @Test func reviewResultsCutEachResultByDocument() {
        let report = Self.reports.spilled
        let results = ReviewResults(report)
        let docIDs = Set(report.results.flatMap { $0.links.map(\.fact.source.docID) })
        var parts = 0
        for docID in docIDs.sorted() {
            let checks = results.checks(in: docID)
            parts += checks.count
            let whole = report.results.indices.map { report.results.withID(at: $0) }.filter { result, _ in
                result.links.contains { $0.fact.source.docID == docID }
            }
            #expect(checks.map(\.id) == whole.map(\.1))
            // The marks the index reads, stepping over the rest of each entry, are what the whole entries give.
            #expect(results.marks(in: docID) == checks.map { $0.mark(in: docID) })
            for (check, (result, _)) in zip(checks, whole) {
                #expect(check.evidenceCount == result.links.count)
                #expect(check.result.links == result.links.filter { $0.fact.source.docID == docID })
            }
        }
        #expect(parts > 0)
        #expect(results.checks(in: "no-such-document").isEmpty)
        #expect(results.marks(in: "no-such-document").isEmpty)
    }
}
