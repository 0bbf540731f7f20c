import Foundation
import GRDB
import GRDBSQLite

/// `dataset.sqlite`: the same tables as `data/*.csv`, with real primary and foreign keys, an index on every foreign
/// key, and views for the common questions, for `sqlite3`, Datasette or any SQL tool.
///
/// The rows are exactly the CSVs' (an empty field is NULL, as in the Table Schema). Views:
/// - `fact_evidence`: each fact with its words, their place in the text and the source, and its document and rule;
/// - `failed_checks`: every failed or unevaluable check result with each fact or list item it compared;
/// - `list_items`: the items of every list a count introduces;
/// - `entity_mentions`: which entity each fact named, in what words, where.
///
/// The file is not byte-stable across machines (SQLite writes its own version number into the header), so it stays
/// out of git, `SHA256SUMS` and the manifest's hashes; tests compare its rows with the CSVs instead.
enum SQLiteWriter {
    static let path = "dataset.sqlite"

    static func write(_ tables: [DatasetTable], subjectField: String, to url: URL) throws {
        try session(tables.map(\.schema), subjectField: subjectField, at: url) { insert in
            for table in tables {
                let writer = TableWriter(table.schema, insert: try insert(table.schema.name)) { _ in }
                try table.produce?(writer)
                try writer.finish()
            }
        }
    }

    /// Creates the tables, lets `fill` insert rows (through an `Insert` per table, asked for by name) while the
    /// dataset's files are written, so no table is held whole in memory, then adds the indexes and views, all in one
    /// transaction. Rows of several tables may be inserted in turn: each table's rows keep their order.
    ///
    /// The foreign keys are checked once the rows are in and indexed (`checkForeignKeys`: a dangling key throws, as an
    /// insert would have) rather than at every insert. Checking reads and never writes, so the file is the same bytes.
    static func session(
        _ schemas: [TableSchema], subjectField: String, at url: URL,
        fill: (_ insert: (String) throws -> Insert) throws -> Void
    ) throws {
        try? FileManager.default.removeItem(at: url)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // A fresh file in a staging folder: if the run dies the folder goes, so no journal is needed.
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            // A bounded cache (8 MB): the file is written in one pass and what leaves the cache is still in the
            // system's page cache, so a cache as large as the file (146 MB at 10,000 documents) bought little
            // and made the build's memory grow with the corpus. 8 MB wrote the tables in the same CPU time as 16 or
            // 64 MB at 10,000 documents (4 MB: 4% more), and is 8 MB less beside whatever else a build holds.
            try db.execute(sql: "PRAGMA cache_size = -8192")
            try db.inTransaction {
                for schema in schemas { try create(schema, in: db) }
                try fill { name in
                    let schema = schemas.first { $0.name == name }!
                    let placeholders = Array(repeating: "?", count: schema.fields.count).joined(separator: ", ")
                    return Insert(try db.makeStatement(sql: "INSERT INTO \(quoted(name)) VALUES (\(placeholders))"))
                }
                for schema in schemas { try index(schema, in: db) }
                for view in views(subjectField: quoted(subjectField)) { try db.execute(sql: view) }
                try checkForeignKeys(schemas, in: db)
                return .commit
            }
        }
        try queue.close()
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func create(_ schema: TableSchema, in db: Database) throws {
        var lines = schema.fields.map { field in
            var line = "  \(quoted(field.name)) \(field.kind == .integer ? "INTEGER" : "TEXT")"
            if field.required { line += " NOT NULL" }
            if field.unique, schema.primaryKey != [field.name] { line += " UNIQUE" }
            return line
        }
        lines.append("  PRIMARY KEY (\(schema.primaryKey.map(quoted).joined(separator: ", ")))")
        for key in schema.foreignKeys {
            lines.append("  FOREIGN KEY (\(key.fields.map(quoted).joined(separator: ", "))) REFERENCES \(quoted(key.table)) (\(key.referenced.map(quoted).joined(separator: ", ")))")
        }
        try db.execute(sql: "CREATE TABLE \(quoted(schema.name)) (\n\(lines.joined(separator: ",\n"))\n)")
    }

    /// An index on every foreign key that does not start the primary key, made after the rows are in.
    private static func index(_ schema: TableSchema, in db: Database) throws {
        for key in schema.foreignKeys where !schema.primaryKey.starts(with: key.fields) {
            let index = quoted(schema.name + "_" + key.fields.joined(separator: "_"))
            try db.execute(sql: "CREATE INDEX \(index) ON \(quoted(schema.name)) (\(key.fields.map(quoted).joined(separator: ", ")))")
        }
    }

    /// Throws `SQLITE_CONSTRAINT_FOREIGNKEY` for the first row whose key names no row of the table it points at (a
    /// row with a NULL in its key points nowhere, as in SQLite). Asked one key at a time with `NOT EXISTS`, SQLite
    /// reads the child's index of the key (its own, see `index`, or its primary key's) and looks each value up in
    /// the parent's key index: no table's rows are read. `PRAGMA foreign_key_check` reads every row of every child
    /// table: at 10,000 documents it took 0.80-0.82 s of CPU in a two-job build, this 0.24 s. Both find the same rows.
    static func checkForeignKeys(_ schemas: [TableSchema], in db: Database) throws {
        for schema in schemas {
            for key in schema.foreignKeys {
                let fields = key.fields.map { "c." + quoted($0) }
                let present = fields.map { $0 + " IS NOT NULL" }.joined(separator: " AND ")
                let matches = zip(key.referenced, fields).map { "p.\(quoted($0)) = \($1)" }.joined(separator: " AND ")
                let sql = "SELECT \(fields.joined(separator: ", ")) FROM \(quoted(schema.name)) c WHERE \(present) "
                    + "AND NOT EXISTS (SELECT 1 FROM \(quoted(key.table)) p WHERE \(matches)) LIMIT 1"
                guard let row = try Row.fetchOne(db, sql: sql) else { continue }
                let values = (0..<key.fields.count).map { String(describing: row[$0] as DatabaseValue) }
                throw DatabaseError(
                    resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY,
                    message: "FOREIGN KEY constraint violation: \(schema.name)(\(key.fields.joined(separator: ", "))) = "
                        + "(\(values.joined(separator: ", "))) names no row of \(key.table)(\(key.referenced.joined(separator: ", ")))",
                    sql: sql)
            }
        }
    }

    /// A table's prepared INSERT, bound a field at a time and stepped through SQLite's own calls: GRDB's
    /// `StatementArguments` (an array of `DatabaseValue`s, checked against the statement and bound one by one) took a
    /// third of the time of filling the database. Values are bound as GRDB binds them (text as a C string, so the
    /// same bytes reach the file), and an empty text is NULL, as in the Table Schema. A binding that fails is thrown
    /// when its row is stepped.
    final class Insert {
        private let statement: Statement
        private let handle: OpaquePointer?
        private var failed: Int32 = SQLITE_OK

        init(_ statement: Statement) {
            self.statement = statement
            handle = statement.sqliteStatement
        }

        /// Binds the bytes before the first NUL, as binding the text as a C string did, but from the string's own
        /// storage: handing a String to a `const char *` copied every short string (those stored inline) into an
        /// array. `column` counts from 0.
        func bind(text utf8: UnsafeBufferPointer<UInt8>, at column: Int) {
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return bindNull(at: column) }
            let length = utf8.firstIndex(of: 0) ?? utf8.count
            note(base.withMemoryRebound(to: CChar.self, capacity: length) { sqlite3_bind_text(handle, Int32(column + 1), $0, Int32(length), transient) })
        }

        func bind(integer: Int, at column: Int) {
            note(sqlite3_bind_int64(handle, Int32(column + 1), Int64(integer)))
        }

        func bindNull(at column: Int) {
            note(sqlite3_bind_null(handle, Int32(column + 1)))
        }

        /// Inserts the row bound.
        func step() throws {
            guard failed == SQLITE_OK else { throw failure(failed) }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw failure(code) }
            sqlite3_reset(handle)
        }

        private func note(_ code: Int32) {
            if code != SQLITE_OK, failed == SQLITE_OK { failed = code }
        }

        private func failure(_ code: Int32) -> DatabaseError {
            DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }

        /// SQLite copies a bound text before the call returns.
        private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }

    static func views(subjectField subject: String) -> [String] {
        [
            """
            CREATE VIEW fact_evidence AS
            SELECT f.fact_id, d.path AS document, f.doc_id, f.type, f.attribute, f.value, f.value_integer, f.\(subject),
                   f.qualifiers, s.exact, s.prefix, s.suffix, s."start", s."end", s.line, s.source_start, s.source_end,
                   s.link, s.xpath, f.items, f.record_id, f.rule_id, r.file AS rule_file, r.line AS rule_line,
                   d.sha256 AS document_sha256, f.span_id, s.review
            FROM facts f
            JOIN spans s ON s.span_id = f.span_id
            JOIN documents d ON d.doc_id = f.doc_id
            LEFT JOIN rules r ON r.rule_id = f.rule_id
            """,
            """
            CREATE VIEW failed_checks AS
            SELECT cr.result_id, cr.check_id, c.kind, c.severity, cr.status, cr.\(subject), rd.path AS document, cr."key",
                   cr.expected, cr.observed, cr.message, ce.position, ce.role, ce.fact_id, f.attribute, f.value, ce.item,
                   sd.path AS evidence_document, s.line, s.exact, s.link, cr.review, s.review AS evidence_review
            FROM check_results cr
            JOIN checks c ON c.check_id = cr.check_id
            LEFT JOIN documents rd ON rd.doc_id = cr.doc_id
            LEFT JOIN check_evidence ce ON ce.result_id = cr.result_id
            LEFT JOIN facts f ON f.fact_id = ce.fact_id
            LEFT JOIN spans s ON s.span_id = ce.span_id
            LEFT JOIN documents sd ON sd.doc_id = s.doc_id
            WHERE cr.status IN ('fail', 'error')
            """,
            """
            CREATE VIEW list_items AS
            SELECT fs.fact_id, f.attribute, f.value AS stated_count, f.\(subject), fs.position AS item, s.exact, d.path AS document,
                   s.line, s."start", s."end", s.link, fs.span_id
            FROM fact_spans fs
            JOIN facts f ON f.fact_id = fs.fact_id
            JOIN spans s ON s.span_id = fs.span_id
            JOIN documents d ON d.doc_id = s.doc_id
            WHERE fs.role = 'item'
            """,
            """
            CREATE VIEW entity_mentions AS
            SELECT ef.entity_type, ef.entity_id, ef.seen_as, ef.abbreviation, ef.fact_id, d.path AS document, s.line,
                   s."start", s."end", s.link
            FROM entity_facts ef
            JOIN facts f ON f.fact_id = ef.fact_id
            JOIN spans s ON s.span_id = f.span_id
            JOIN documents d ON d.doc_id = f.doc_id
            """,
        ]
    }
}
