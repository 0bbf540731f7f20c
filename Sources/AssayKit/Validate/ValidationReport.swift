/// What `Validator` found: every check that ran and every result, in a fixed order (check id, subject, document,
/// key, then the position of the first fact), so the report is byte-identical from run to run.
///
/// Output of `Validator`; written as `validation/report.json` (and as the tables `data/check_results.csv`, `data/check_evidence.csv`); `assay build` and
/// `assay validate` turn `failsGate(strict:)` into exit code 1.
///
/// The results are held in memory or, for a corpus, spilled to a temporary file and read back one at a time
/// (`CheckResults`); what the summaries, the gate and the tables of checks need is counted as they are made
/// (`ResultTally`), so none of them reads the results again.
public struct ValidationReport: Sendable {
    /// Sorted by id.
    public let checks: [Check]
    public let results: CheckResults
    let tally: ResultTally

    public init(checks: [Check] = [], results: [CheckResult] = []) {
        var tally = ResultTally()
        results.forEach { tally.add($0) }
        self.init(checks: checks, results: CheckResults(results), tally: tally)
    }

    init(checks: [Check], results: CheckResults, tally: ResultTally) {
        (self.checks, self.results, self.tally) = (checks, results, tally)
    }

    /// Each result's id, in result order (`CheckResult.id` hashes all of a result's links on each call; these were
    /// hashed once).
    public var resultIDs: [String] { results.indices.map(results.id(at:)) }

    public func count(_ status: CheckResult.Status) -> Int {
        tally.statuses.count { $0 == status }
    }

    /// A check's status over all its results: the worst of them (fail, then error, then pass, then skipped).
    public func status(of checkID: String) -> CheckResult.Status {
        tally.checks[checkID]?.worst ?? .error
    }

    /// How many results a check gave.
    func resultCount(of checkID: String) -> Int {
        tally.checks[checkID]?.results ?? 0
    }

    /// The status of the result at `position`, without reading the result.
    func status(at position: Int) -> CheckResult.Status {
        tally.statuses[position]
    }

    /// The results of one of `statuses`, in result order. Only those are read back: a build's failures are a few of
    /// its results (1,365 of 49,731 at 10,000 documents).
    public func results(withStatus statuses: Set<CheckResult.Status>) -> [CheckResult] {
        results.indices.filter { statuses.contains(tally.statuses[$0]) }.map { results[$0] }
    }

    /// Whether any result fails the gate (see `CheckResult.failsGate(strict:)`).
    public func failsGate(strict: Bool) -> Bool {
        strict ? tally.failsStrictGate : tally.failsGate
    }

    /// One line for people: "checks: 17 passed, 0 failed, 0 errors, 5 skipped".
    public var summary: String {
        "checks: \(count(.pass)) passed, \(count(.fail)) failed, \(count(.error)) error\(count(.error) == 1 ? "" : "s"), \(count(.skipped)) skipped"
    }
}

/// What the report says without its results: each result's status, in order, and each check's count and worst status.
struct ResultTally: Sendable {
    var statuses: [CheckResult.Status] = []
    var checks: [String: (results: Int, worst: CheckResult.Status)] = [:]
    var failsGate = false
    var failsStrictGate = false

    mutating func add(_ result: CheckResult) {
        statuses.append(result.status)
        let seen = checks[result.checkID]
        checks[result.checkID] = ((seen?.results ?? 0) + 1, min(seen?.worst ?? result.status, result.status))
        failsGate = failsGate || result.failsGate(strict: false)
        failsStrictGate = failsStrictGate || result.failsGate(strict: true)
    }

    /// The tally of `other`'s results after these.
    mutating func append(_ other: ResultTally) {
        statuses += other.statuses
        for (check, counted) in other.checks {
            let seen = checks[check]
            checks[check] = ((seen?.results ?? 0) + counted.results, min(seen?.worst ?? counted.worst, counted.worst))
        }
        failsGate = failsGate || other.failsGate
        failsStrictGate = failsStrictGate || other.failsStrictGate
    }
}

/// A report's results in order: an array, or positions in a `ResultSpill` read back one at a time. Each subscript
/// of a spilled collection reads the result again, so a reader takes each in turn and lets it go.
public struct CheckResults: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case memory([CheckResult], ids: [String])
        case spill(ResultSpill, positions: [Int32])
    }

    private let storage: Storage

    init(_ results: [CheckResult]) {
        storage = .memory(results, ids: results.map(\.id))
    }

    /// The entries of `spill` at `positions`, in that order.
    init(_ spill: ResultSpill, positions: [Int32]) {
        storage = .spill(spill, positions: positions)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .memory(let results, _): results.count
        case .spill(_, let positions): positions.count
        }
    }

    public subscript(position: Int) -> CheckResult {
        switch storage {
        case .memory(let results, _): results[position]
        case .spill(let spill, let positions): spill.entry(at: Int(positions[position])).result
        }
    }

    /// The result at `position` with its id.
    func withID(at position: Int) -> (result: CheckResult, id: String) {
        switch storage {
        case .memory(let results, let ids): (results[position], ids[position])
        case .spill(let spill, let positions):
            { ($0.result, $0.id) }(spill.entry(at: Int(positions[position])))
        }
    }

    /// The result at `position` as its spill holds it (`ResultSpill.encodedEntry(at:)`); nil when the results are
    /// in memory.
    func encodedEntry(at position: Int) -> [UInt8]? {
        guard case .spill(let spill, let positions) = storage else { return nil }
        return spill.encodedEntry(at: Int(positions[position]))
    }

    /// The first `count` bytes of `encodedEntry(at: position)`; nil when the results are in memory.
    func encodedPrefix(at position: Int, count: Int) -> [UInt8]? {
        guard case .spill(let spill, let positions) = storage else { return nil }
        return spill.encodedPrefix(at: Int(positions[position]), count: count)
    }

    var isSpilled: Bool {
        if case .spill = storage { true } else { false }
    }

    /// The id of the result at `position`.
    func id(at position: Int) -> String {
        switch storage {
        case .memory(_, let ids): ids[position]
        case .spill: withID(at: position).id
        }
    }

    /// Every result with its id, in order, one at a time.
    func forEachWithID(_ body: (CheckResult, String) throws -> Void) rethrows {
        for position in indices {
            let (result, id) = withID(at: position)
            try body(result, id)
        }
    }
}
