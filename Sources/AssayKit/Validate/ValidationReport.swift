/// What `Validator` found: every check that ran and every result, in a fixed order (check id, subject, document,
/// key, then the position of the first fact), so the report is byte-identical from run to run.
///
/// Output of `Validator`; written as `validation/report.json` (and as the tables `data/check_results.csv`, `data/check_evidence.csv`); `assay build` and
/// `assay validate` turn `failsGate(strict:)` into exit code 1.
public struct ValidationReport: Sendable {
    /// Sorted by id.
    public let checks: [Check]
    public let results: [CheckResult]
    /// Each result's id, in result order, hashed once: `CheckResult.id` hashes all of a result's links on each call,
    /// and the report, the tables and the review pages all need every id.
    public let resultIDs: [String]

    public init(checks: [Check] = [], results: [CheckResult] = []) {
        self.checks = checks
        self.results = results
        resultIDs = results.map(\.id)
    }

    public func count(_ status: CheckResult.Status) -> Int {
        results.count { $0.status == status }
    }

    /// A check's status over all its results: the worst of them (fail, then error, then pass, then skipped).
    public func status(of checkID: String) -> CheckResult.Status {
        results.filter { $0.checkID == checkID }.map(\.status).min() ?? .error
    }

    /// Whether any result fails the gate (see `CheckResult.failsGate(strict:)`).
    public func failsGate(strict: Bool) -> Bool {
        results.contains { $0.failsGate(strict: strict) }
    }

    /// One line for people: "checks: 17 passed, 0 failed, 0 errors, 5 skipped".
    public var summary: String {
        "checks: \(count(.pass)) passed, \(count(.fail)) failed, \(count(.error)) error\(count(.error) == 1 ? "" : "s"), \(count(.skipped)) skipped"
    }
}
