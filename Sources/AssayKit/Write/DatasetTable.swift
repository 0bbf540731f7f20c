/// A table of the dataset: its schema and its rows, in a fixed order.
///
/// Written as CSV: a header row, UTF-8 without a byte order mark, fields quoted as RFC 4180 says (when they hold a
/// comma, a double quote, CR or LF; quotes doubled), rows ending in LF rather than RFC 4180's CRLF (declared in
/// `datapackage.json`'s dialect), so `git diff` and line tools read them plainly. Null is the empty field.
struct DatasetTable: Sendable {
    /// A cell. Arrays and objects are written as compact JSON text.
    enum Value: Sendable, Hashable {
        case null
        case text(String)
        case integer(Int)

        init(_ text: String?) { self = text.map(Value.text) ?? .null }
        init(_ integer: Int?) { self = integer.map(Value.integer) ?? .null }

        /// The CSV field, before quoting.
        var csvText: String {
            switch self {
            case .null: ""
            case .text(let text): text
            case .integer(let integer): String(integer)
            }
        }
    }

    typealias RowSink = ([Value]) throws -> Void

    var schema: TableSchema
    /// Hands every row, in order, to the sink it is given. Large tables make their rows as they are written rather
    /// than hold them (a row per fact or span of the whole corpus), so the writer holds one row at a time.
    let produce: @Sendable (RowSink) throws -> Void

    init(schema: TableSchema, rows: [[Value]]) {
        self.schema = schema
        produce = { sink in try rows.forEach(sink) }
    }

    init(schema: TableSchema, produce: @escaping @Sendable (RowSink) throws -> Void) {
        self.schema = schema
        self.produce = produce
    }

    /// Every row, made anew.
    var rows: [[Value]] {
        var rows: [[Value]] = []
        try? produce { rows.append($0) }
        return rows
    }

    func csv() -> [UInt8] {
        var out = header()
        try? produce { row in Self.append(row, of: self, to: &out) }
        return out
    }

    func header() -> [UInt8] {
        var out: [UInt8] = []
        Self.append(schema.fields.map { Value.text($0.name) }, to: &out)
        return out
    }

    static func append(_ row: [Value], of table: DatasetTable, to out: inout [UInt8]) {
        precondition(row.count == table.schema.fields.count, "a row of \(table.schema.name) has \(row.count) cells")
        append(row, to: &out)
    }

    private static func append(_ row: [Value], to out: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch value {
            case .null: break
            // A number needs no quotes, and one this short is formatted without allocating.
            case .integer(let integer): out += String(integer).utf8
            case .text(var text): text.withUTF8 { appendField($0, to: &out) }
            }
        }
        out.append(0x0A)
    }

    /// One field's UTF-8, quoted when it must be. Scanned as a buffer: through `String.UTF8View` each byte cost a
    /// call, and the tables' cells are most of the dataset's bytes.
    private static func appendField(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return out.append(contentsOf: utf8) }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
