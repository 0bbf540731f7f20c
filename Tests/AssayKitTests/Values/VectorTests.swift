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

    @Test func numberPassRate() {
        let rows = Vectors.numbers
        let failures = rows.filter { Vectors.numberOutput($0.input) != $0.expected }
        let rate = rows.isEmpty ? 0 : Double(rows.count - failures.count) / Double(rows.count)
        print("numbers.tsv: \(rows.count - failures.count)/\(rows.count) passed")
        for row in failures {
            print("  number miss: \(row.input) → \(Vectors.numberOutput(row.input)), expected \(row.expected)")
        }
        #expect(rate >= 0.95)
    }

    @Test func datePassRate() {
        let rows = Vectors.dates
        let failures = rows.filter { Vectors.dateOutput($0.input) != $0.expected }
        let rate = rows.isEmpty ? 0 : Double(rows.count - failures.count) / Double(rows.count)
        print("dates.tsv: \(rows.count - failures.count)/\(rows.count) passed")
        for row in failures {
            print("  date miss: \(row.input) → \(Vectors.dateOutput(row.input)), expected \(row.expected)")
        }
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
