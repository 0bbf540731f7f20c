import AssayKit
import Foundation

/// What `assay build` reports about a dataset: the counts line, every diagnostic, every failed or unevaluable check,
/// the checks' summary and the exit status. Kept in the build record, so a rebuild with nothing to do reports the
/// same as the build that wrote the output.
struct BuildSummary: Codable {
    var documents: Int
    var facts: Int
    /// "14 cohort, 36 count, …".
    var types: String
    var errors: Int
    var warnings: Int
    var diagnostics: [String]
    var failedChecks: [String]
    var checks: String
    var failsGate: Bool
    var failsStrictGate: Bool

    init(_ dataset: Dataset) {
        let byType = dataset.overview.factsByType
        documents = dataset.documents.count
        facts = dataset.overview.facts
        types = byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        errors = dataset.diagnostics.filter { $0.severity == .error }.count
        warnings = dataset.diagnostics.filter { $0.severity == .warning }.count
        diagnostics = dataset.diagnostics.map(\.rendered)
        failedChecks = CheckReport.lines(dataset.validation, statuses: [.fail, .error])
        checks = dataset.validation.summary
        failsGate = dataset.validation.failsGate(strict: false)
        failsStrictGate = dataset.validation.failsGate(strict: true)
    }

    /// Prints the report: diagnostics and failed checks on stderr, the two summary lines on stdout. `fromCache` is
    /// how many documents were neither normalised nor extracted (nil without a cache); `note` follows the counts.
    func print(output: String, fromCache: Int?, note: String = "") {
        for line in diagnostics { Terminal.info(line) }
        let cached = fromCache.map { "\($0) from the cache, " } ?? ""
        Swift.print("assay: \(documents) documents, \(cached)\(facts) facts (\(types)), \(errors) errors, \(warnings) warnings → \(output)/\(note)")
        for line in failedChecks { Terminal.info(line) }
        Swift.print(checks + " → \(output)/validation/")
    }

    func exitCode(strict: Bool) -> Int32 {
        errors > 0 || (strict && warnings > 0) || (strict ? failsStrictGate : failsGate) ? 1 : 0
    }
}
