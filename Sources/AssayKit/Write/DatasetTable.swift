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

    var schema: TableSchema
    var rows: [[Value]]

    func csv() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 64 + 256)
        Self.append(schema.fields.map { Value.text($0.name) }, to: &out)
        for row in rows {
            precondition(row.count == schema.fields.count, "a row of \(schema.name) has \(row.count) cells")
            Self.append(row, to: &out)
        }
        return out
    }

    private static func append(_ row: [Value], to out: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var text = value.csvText
            let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                for byte in text.utf8 {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                text.withUTF8 { out.append(contentsOf: $0) }
            }
        }
        out.append(0x0A)
    }
}
