import Foundation
import Testing
@testable import AssayKit

/// One row of a vectors file: the input span, the expected canonical value, and where it came from.
struct VectorRow: Sendable, CustomTestStringConvertible {
    var input: String
    var expected: String
    var source: String

    var testDescription: String { "\(input) → \(expected)" }
}

/// Loads the shared number and date vectors from the fixtures folder next to these tests.
enum Vectors {
    /// The fixtures folder, found from this file's path so no bundle resources are needed.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Values
        .deletingLastPathComponent()   // AssayKitTests
        .appendingPathComponent("Fixtures/vectors", isDirectory: true)

    /// Reads `name` (tab-separated, one header row); a missing or unreadable file gives no rows,
    /// which the non-empty tests then report.
    static func load(_ name: String) -> [VectorRow] {
        let url = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .dropFirst()
            .compactMap { line in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 2 else { return nil }
                return VectorRow(input: String(fields[0]), expected: String(fields[1]),
                                 source: fields.count > 2 ? String(fields[2]) : "")
            }
    }

    static let numbers = load("numbers.tsv")
    static let dates = load("dates.tsv")

    /// Inputs (from either file) left out of the per-row tests, each with the reason.
    ///
    /// None: every row of both files passes. Add an input here, with a comment saying why,
    /// only for a row that is genuinely ambiguous or outside this module's scope; the pass-rate
    /// tests still count it.
    static let knownGaps: Set<String> = []

    /// The normaliser's answer in the vectors' `expected` format, `nil` when it finds none.
    static func numberOutput(_ input: String) -> String {
        NumberNormalizer().normalize(input)?.canonical ?? "nil"
    }

    static func dateOutput(_ input: String) -> String {
        DateNormalizer().normalize(input)?.iso ?? "nil"
    }
}

/// The shared vectors: a pass-rate floor per file, and one named case per row so a
/// regression shows by its input.
@Suite("Shared vectors")
struct VectorTests {
    /// A fixture that fails to load would leave the per-row tests with no cases and nothing to fail.
    @Test func vectorFilesAreNotEmpty() {
        #expect(!Vectors.numbers.isEmpty)
        #expect(!Vectors.dates.isEmpty)
    }

    @Test func knownGapsNameRealRows() {
        let numberInputs = Set(Vectors.numbers.map(\.input))
        let dateInputs = Set(Vectors.dates.map(\.input))
        #expect(Vectors.knownGaps.isSubset(of: numberInputs.union(dateInputs)))
    }

    /// Each file passes at 95% or more; the misses are printed so a drop shows what broke.
    @Test(arguments: ["numbers.tsv", "dates.tsv"])
    func passRate(_ file: String) {
        let (rows, output) = file == "numbers.tsv" ? (Vectors.numbers, Vectors.numberOutput) : (Vectors.dates, Vectors.dateOutput)
        let failures = rows.filter { output($0.input) != $0.expected }
        let rate = rows.isEmpty ? 0 : Double(rows.count - failures.count) / Double(rows.count)
        print("\(file): \(rows.count - failures.count)/\(rows.count) passed")
        for row in failures { print("  miss: \(row.input) → \(output(row.input)), expected \(row.expected)") }
        #expect(rate >= 0.95)
    }

    @Test(arguments: Vectors.numbers.filter { !Vectors.knownGaps.contains($0.input) })
    func numberRow(_ row: VectorRow) {
        #expect(Vectors.numberOutput(row.input) == row.expected, "source: \(row.source)")
    }

    @Test(arguments: Vectors.dates.filter { !Vectors.knownGaps.contains($0.input) })
    func dateRow(_ row: VectorRow) {
        #expect(Vectors.dateOutput(row.input) == row.expected, "source: \(row.source)")
    }
}
