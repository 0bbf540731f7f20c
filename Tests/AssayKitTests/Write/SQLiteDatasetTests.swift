@testable import AssayKit
import Foundation
import GRDB
import Testing
import TestSupport

/// `dataset.sqlite` holds exactly the rows of `data/*.csv`, its keys hold, and its views answer the common questions:
/// the 44 acceptance facts are found with SQL on `fact_evidence`, and failed checks come with their evidence.
@Suite struct SQLiteDatasetTests {
    static func open(_ folder: URL) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: folder.appendingPathComponent("dataset.sqlite").path, configuration: configuration)
    }

    @Test func keysAndIntegrityHold() throws {
        let db = try Self.open(WrittenDataset.folder)
        try db.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let foreignKeys = try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_foreign_key_list('facts')") ?? 0
            #expect(foreignKeys >= 3, "facts has real foreign keys")
        }
    }

    /// Foreign keys are checked once all rows are in, not at each insert: a row that names no row of the table its
    /// key points at must still fail the write.
    @Test func aDanglingForeignKeyFailsTheWrite() throws {
        typealias Field = TableSchema.Field
        let parents = DatasetTable(
            schema: TableSchema(name: "parents", description: "", fields: [Field("id", "", required: true)], primaryKey: ["id"]),
            rows: [[.text("p1")]])
        func children(naming parent: String) -> DatasetTable {
            DatasetTable(
                schema: TableSchema(
                    name: "children", description: "", fields: [Field("id", "", required: true), Field("parent", "", required: true)],
                    primaryKey: ["id"], foreignKeys: [.init(fields: ["parent"], table: "parents", referenced: ["id"])]),
                rows: [[.text("c1"), .text("p1")], [.text("c2"), .text(parent)]])
        }
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("dataset.sqlite")
        try SQLiteWriter.write([parents, children(naming: "p1")], subjectField: "subject", to: url)
        let error = #expect(throws: DatabaseError.self) {
            try SQLiteWriter.write([parents, children(naming: "p2")], subjectField: "subject", to: url)
        }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
    }

    /// The writer's own check (one `NOT EXISTS` query per key, over the indexes) fails a write exactly when
    /// `PRAGMA foreign_key_check` finds a dangling row in the same rows: a one-field and a two-field key, a key
    /// with a NULL (points nowhere, so holds), a value that differs only in case (binary: dangles).
    @Test(arguments: [
        (["o1", "o1"], [["p1", "a"], ["p1", "a"]]),
        (["o1", "o2"], [["p1", "a"], ["p1", "a"]]),
        (["o1", "o1"], [["p1", "a"], ["p1", "b"]]),
        (["o1", "o1"], [["p1", "a"], ["p2", nil]]),
        (["o1", nil], [["p1", "a"], ["p1", "a"]]),
        (["o1", "O1"], [["p1", "a"], ["p1", "a"]]),
        (["o1", "o1"], [["p1", "a"], ["P1", "a"]]),
    ] as [([String?], [[String?]])])
    func theForeignKeyCheckFindsWhatSQLiteFinds(owners: [String?], parents: [[String?]]) throws {
        typealias Field = TableSchema.Field
        func cell(_ text: String?) -> DatasetTable.Value { DatasetTable.Value(text) }
        let tables = [
            DatasetTable(
                schema: TableSchema(name: "owners", description: "", fields: [Field("id", "", required: true)], primaryKey: ["id"]),
                rows: [[.text("o1")]]),
            DatasetTable(
                schema: TableSchema(
                    name: "parents", description: "", fields: [Field("id", "", required: true), Field("part", "", required: true)],
                    primaryKey: ["id", "part"]),
                rows: [[.text("p1"), .text("a")]]),
            DatasetTable(
                schema: TableSchema(
                    name: "children", description: "", fields: [Field("id", "", required: true), Field("owner", ""), Field("parent", ""), Field("part", "")],
                    primaryKey: ["id"],
                    foreignKeys: [
                        .init(fields: ["owner"], table: "owners", referenced: ["id"]),
                        .init(fields: ["parent", "part"], table: "parents", referenced: ["id", "part"]),
                    ]),
                rows: zip(owners, parents).enumerated().map { index, pair in [.text("c\(index)"), cell(pair.0), cell(pair.1[0]), cell(pair.1[1])] }),
        ]
        var unchecked = Configuration()
        unchecked.foreignKeysEnabled = false
        let oracle = try DatabaseQueue(configuration: unchecked)
        let sqliteFinds = try oracle.write { db in
            try db.execute(sql: """
                CREATE TABLE owners (id TEXT NOT NULL PRIMARY KEY);
                CREATE TABLE parents (id TEXT NOT NULL, part TEXT NOT NULL, PRIMARY KEY (id, part));
                CREATE TABLE children (id TEXT NOT NULL PRIMARY KEY, owner TEXT, parent TEXT, part TEXT,
                  FOREIGN KEY (owner) REFERENCES owners (id), FOREIGN KEY (parent, part) REFERENCES parents (id, part));
                INSERT INTO owners VALUES ('o1');
                INSERT INTO parents VALUES ('p1', 'a');
                """)
            for (index, (owner, parent)) in zip(owners, parents).enumerated() {
                try db.execute(sql: "INSERT INTO children VALUES (?, ?, ?, ?)", arguments: ["c\(index)", owner, parent[0], parent[1]])
            }
            return try !Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty
        }
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var failure: DatabaseError?
        do {
            try SQLiteWriter.write(tables, subjectField: "subject", to: folder.appendingPathComponent("dataset.sqlite"))
        } catch let error as DatabaseError {
            failure = error
        }
        #expect((failure != nil) == sqliteFinds)
        if let failure {
            #expect(failure.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
            #expect(failure.message?.contains("children(") == true, "the message names the table and key: \(failure.message ?? "")")
        }
    }

    /// Every table, row by row and cell by cell, equals its CSV (an empty CSV field is NULL).
    @Test func theTablesHoldTheRowsOfTheCSVs() throws {
        let db = try Self.open(WrittenDataset.folder)
        let csvs = try FileManager.default.contentsOfDirectory(atPath: WrittenDataset.folder.appendingPathComponent("data").path).sorted()
        #expect(csvs.count >= 10)
        for file in csvs {
            let table = String(file.dropLast(".csv".count))
            let csv = try WrittenDataset.csv("data/" + file)
            let header = try #require(csv.first)
            let rows = try db.read { db in
                try Row.fetchAll(db, sql: "SELECT \(header.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \"\(table)\" ORDER BY rowid")
            }
            #expect(rows.count == csv.count - 1, "\(table): row count")
            for (row, expected) in zip(rows, csv.dropFirst()) {
                let cells = (0..<header.count).map { index -> String in
                    let value = row[index] as DatabaseValue
                    switch value.storage {
                    case .null: return ""
                    case .int64(let integer): return String(integer)
                    case .string(let text): return text
                    default: return "?"
                    }
                }
                #expect(cells == expected, "\(table)")
            }
        }
    }

    @Test func theAcceptanceFactsAreFoundWithSQLOnTheFactEvidenceView() throws {
        let db = try Self.open(WrittenDataset.folder)
        #expect(AcceptanceTests.expected.count == 44)
        for expected in AcceptanceTests.expected {
            let extraction = try #require(WrittenDataset.dataset.extractions.first { $0.document.source.path.hasSuffix("/" + expected.document) })
            let quote = try #require(AcceptanceTests.occurrence(of: expected.quote, number: expected.occurrence, in: extraction.document.source.text))
            let found = try db.read { db in
                var sql = """
                    SELECT count(*) FROM fact_evidence
                    WHERE document = ? AND type = ? AND programme IS ? AND source_start < ? AND ? < source_end
                    """
                var arguments: [(any DatabaseValueConvertible)?] = [extraction.document.source.path, expected.type, expected.programme, quote.upperBound, quote.lowerBound]
                switch expected.value {
                case .integer(let value):
                    sql += " AND value_integer = ?"
                    arguments.append(value)
                case .string(let value):
                    sql += " AND lower(value) = lower(?)"
                    arguments.append(value)
                }
                return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0
            }
            #expect(found >= 1, "\(expected.testDescription)")
        }
    }

    @Test func listItemsAndEntityMentionsAreViews() throws {
        let db = try Self.open(WrittenDataset.folder)
        try db.read { db in
            let items = try String.fetchAll(db, sql: "SELECT exact FROM list_items WHERE stated_count = '4' ORDER BY document, item")
            #expect(items.contains("Nottingham City"))
            let southend = try String.fetchAll(db, sql: "SELECT DISTINCT seen_as FROM entity_mentions WHERE entity_id = 'southend' ORDER BY seen_as")
            #expect(southend == ["Southend", "Southend on Sea"])
        }
    }

    /// On a corpus whose parts do not add up, `failed_checks` gives each failure with the facts it compared.
    @Test func failedChecksComeWithTheirEvidence() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try CorpusLoader(base: Repository.root).load(from: Repository.fixtures.appendingPathComponent("validation/parts-not-adding-up"))
        let dataset = Pipeline(ruleSet: Repository.ruleSet, jobs: 1).run(corpus)
        let failures = dataset.validation.results.filter { $0.status == .fail }
        try #require(!failures.isEmpty)
        try DatasetWriter().write(dataset, to: folder.appendingPathComponent("Output"))
        let db = try Self.open(folder.appendingPathComponent("Output"))
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT check_id, status, role, fact_id, exact, line FROM failed_checks WHERE status = 'fail' ORDER BY result_id, position")
            #expect(rows.count == failures.reduce(0) { $0 + max(1, $1.links.count) })
            // A result with evidence has a row per fact, each with its words; one whose finding is an absence (a
            // programme that states nothing) has one row without.
            let withEvidence = rows.filter { ($0["role"] as String?) != nil }
            #expect(withEvidence.count == failures.reduce(0) { $0 + $1.links.count })
            #expect(withEvidence.allSatisfy { ($0["fact_id"] as String?) != nil && ($0["exact"] as String?) != nil && ($0["line"] as Int?) != nil })
            #expect(Set(rows.map { $0["check_id"] as String }) == Set(failures.map(\.checkID)))
        }
    }
}
