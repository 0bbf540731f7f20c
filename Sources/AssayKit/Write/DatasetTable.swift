/// A table of the dataset: its schema and how its rows are made.
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
    }

    var schema: TableSchema
    /// Writes every row, in order, to the writer it is given. Nil for a table whose rows are made together with
    /// other tables' in one pass (`DatasetTables.Pass`). Large tables make their rows as they are written rather
    /// than hold them (a row per fact or span of the whole corpus), so the writer holds one row at a time.
    let produce: (@Sendable (TableWriter) throws -> Void)?

    init(schema: TableSchema, rows: [[Value]]) {
        self.schema = schema
        produce = { table in try rows.forEach(table.row) }
    }

    init(schema: TableSchema, produce: (@Sendable (TableWriter) throws -> Void)?) {
        self.schema = schema
        self.produce = produce
    }

    /// The CSV of a table that makes its own rows.
    func csv() -> [UInt8] {
        var out: [UInt8] = []
        let writer = TableWriter(schema, insert: nil) { out += $0 }
        try! produce!(writer)
        try! writer.finish()
        return out
    }

    /// One field's UTF-8, quoted when it must be. Scanned as a buffer: through `String.UTF8View` each byte cost a
    /// call, and the tables' cells are most of the dataset's bytes.
    static func appendField(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return out.append(contentsOf: utf8) }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An integer in decimal, as `String(value)` writes it, without making the string.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // At most 19 digits, written from the end of a buffer on the stack.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = digits.count
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }
}
