@testable import AssayKit
import Foundation
import GRDB
import Testing
import TestSupport

/// Rows written a field at a time reach the CSV and SQLite as rows of values did: quoting, numbers, NULLs, and text
/// that is not plain ASCII; rows held for later come back unchanged.
@Suite struct TableWriterTests {
    static let schema = TableSchema(
        name: "t", description: "",
        fields: [.init("id", "", required: true), .init("n", .integer, ""), .init("text", ""), .init("maybe", "")],
        primaryKey: ["id"])

    /// Cells that need quoting, or are not ASCII, or are empty or missing.
    static let rows: [[DatasetTable.Value]] = [
        [.text("plain"), .integer(0), .text(""), .null],
        [.text("a,b"), .integer(-1), .text("say \"hi\""), .text("two\nlines")],
        [.text("cr\rhere"), .integer(Int.max), .text("é😀 e\u{301} 𝒳"), .text(",")],
        [.text("min"), .integer(Int.min), .text("\""), .text("\u{0}after a NUL")],
        [.text("ünïcödé long enough not to be stored inline, with a quote \" and a comma ,"), .null, .text("x"), .text("")],
    ]

    /// The CSV as the writer made it before fields went one at a time: each cell's text, quoted when it must be.
    static func expectedCSV() -> String {
        func field(_ value: DatasetTable.Value) -> String {
            switch value {
            case .null: return ""
            case .integer(let integer): return String(integer)
            case .text(let text):
                guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
        }
        return (["id,n,text,maybe"] + rows.map { $0.map(field).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    @Test func fieldsWrittenOneAtATimeMakeTheSameCSV() {
        let table = DatasetTable(schema: Self.schema, rows: Self.rows)
        #expect(String(decoding: table.csv(), as: UTF8.self) == Self.expectedCSV())
    }

    @Test func numbersAreWrittenAsStringDoes() {
        for value in [0, 1, -1, 9, 10, 99, 100, 12_345, -987_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            var out: [UInt8] = []
            DatasetTable.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    /// Once: the rows stay in memory; 10,000 times (megabytes): most go to the temporary file and back.
    @Test(arguments: [1, 10_000]) func heldRowsComeBackUnchanged(repeats: Int) throws {
        var direct: [UInt8] = [], replayed: [UInt8] = []
        let writer = TableWriter(Self.schema, insert: nil) { direct += $0 }
        let held = HeldRows()
        let rows = Array(repeating: Self.rows, count: repeats).joined()
        for row in rows {
            for cell in row {
                switch cell {
                case .null:
                    writer.null()
                    held.text(nil)
                case .text(let text):
                    writer.text(text)
                    held.text(text)
                case .integer(let integer):
                    writer.integer(integer)
                    held.integer(integer)
                }
            }
            try writer.endRow()
            try held.endRow()
        }
        try writer.finish()
        #expect(repeats == 1 || direct.count > 4 * HeldRows.spillSize)
        let later = TableWriter(Self.schema, insert: nil) { replayed += $0 }
        try held.write(to: later)
        try later.finish()
        #expect(replayed == direct)
        #expect(later.rowCount == rows.count)
    }

    /// In SQLite an empty text is NULL, and a text is cut at its first NUL, as when it was bound as a C string.
    @Test func sqliteGetsTheSameCells() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.sqlite")
        try SQLiteWriter.write([DatasetTable(schema: Self.schema, rows: Self.rows)], subjectField: "subject", to: url)
        let rows = try DatabaseQueue(path: url.path).read { db in try Row.fetchAll(db, sql: "SELECT * FROM t ORDER BY rowid") }
        #expect(rows.count == Self.rows.count)
        for (row, expected) in zip(rows, Self.rows) {
            for (index, cell) in expected.enumerated() {
                let stored = row[index] as DatabaseValue
                switch cell {
                case .null: #expect(stored.isNull)
                case .integer(let integer): #expect(Int.fromDatabaseValue(stored) == integer)
                case .text(let text):
                    if text.isEmpty { #expect(stored.isNull) } else { #expect(String.fromDatabaseValue(stored) == String(text.prefix { $0 != "\u{0}" })) }
                }
            }
        }
    }

    @Test func textDigestsKeepTheHexTheyAreGiven() {
        let digests = TextDigests(count: 3)
        let hex = SHA256Hex.digest("é😀 text")
        digests[1] = hex
        digests[2] = String(repeating: "f", count: 64)
        #expect(digests[0] == nil)
        #expect(digests[1] == hex)
        #expect(digests[2] == String(repeating: "f", count: 64))
    }
}
