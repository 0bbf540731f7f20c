/// One table being written: each field of a row goes, as it is given, to the table's CSV (quoted as `DatasetTable`
/// says) and, when a database is written, is bound to the table's INSERT, which runs when the row ends.
///
/// Why fields one at a time rather than a row of `DatasetTable.Value`s: the tables of spans, facts and their links
/// are a few hundred thousand rows at 10,000 documents, and an array of cells per row (and a string per number)
/// was a good part of writing them. The CSV gathers in a buffer of its own and goes to `output` in pieces of the
/// sink's flush size, which a `DatasetSink.FileStream` passes on without copying them into its own buffer.
final class TableWriter: TableRows {
    let schema: TableSchema
    private(set) var rowCount = 0
    private var csv: [UInt8] = []
    /// The next field's position in the row, from 0.
    private var column = 0
    private let insert: SQLiteWriter.Insert?
    private let output: ([UInt8]) throws -> Void
    private static let pieceSize = DatasetSink.FileStream.flushSize

    /// Starts the table with its header row.
    init(_ schema: TableSchema, insert: SQLiteWriter.Insert?, output: @escaping ([UInt8]) throws -> Void) {
        self.schema = schema
        self.insert = insert
        self.output = output
        csv.reserveCapacity(Self.pieceSize + 16_384)
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { csv.append(UInt8(ascii: ",")) }
            var name = field.name
            name.withUTF8 { DatasetTable.appendField($0, to: &csv) }
        }
        csv.append(0x0A)
    }

    /// A text field; an empty text is NULL in the database, as in the Table Schema.
    func text(_ value: String) {
        if let done: Void = value.utf8.withContiguousStorageIfAvailable({ text(utf8: $0) }) { return done }
        var copy = value
        copy.withUTF8 { text(utf8: $0) }
    }

    func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    func text(utf8: UnsafeBufferPointer<UInt8>) {
        startField()
        DatasetTable.appendField(utf8, to: &csv)
        insert?.bind(text: utf8, at: column)
        column += 1
    }

    func integer(_ value: Int) {
        startField()
        DatasetTable.appendDecimal(value, to: &csv)
        insert?.bind(integer: value, at: column)
        column += 1
    }

    func integer(_ value: Int?) {
        if let value { integer(value) } else { null() }
    }

    func null() {
        startField()
        insert?.bindNull(at: column)
        column += 1
    }

    /// A row of cells, for the small tables that make theirs as values.
    func row(_ values: [DatasetTable.Value]) throws {
        for value in values {
            switch value {
            case .null: null()
            case .text(let text): self.text(text)
            case .integer(let integer): self.integer(integer)
            }
        }
        try endRow()
    }

    func endRow() throws {
        precondition(column == schema.fields.count, "a row of \(schema.name) has \(column) cells")
        csv.append(0x0A)
        column = 0
        rowCount += 1
        try insert?.step()
        if csv.count >= Self.pieceSize { try flush() }
    }

    /// Hands on the rest of the CSV; called once every row is written.
    func finish() throws {
        precondition(column == 0, "\(schema.name) ends inside a row")
        try flush()
    }

    private func flush() throws {
        guard !csv.isEmpty else { return }
        try output(csv)
        csv.removeAll(keepingCapacity: true)
    }

    private func startField() {
        if column > 0 { csv.append(UInt8(ascii: ",")) }
    }
}

/// Where a row's fields go, one at a time: a table being written, or rows held to be written to it later.
protocol TableRows: AnyObject {
    func text(_ value: String)
    /// Nil is NULL.
    func text(_ value: String?)
    func integer(_ value: Int)
    func endRow() throws
}

/// Rows held to be written later, to a table whose rows must come in another order than they are made in (the
/// links of each entity type to their facts, made in one pass over the documents but listed a type at a time). Each
/// field is kept as its bytes (a tag, then a length and UTF-8, or eight bytes of an integer), not as strings.
///
/// Past `spillSize` bytes, whole rows go to a temporary file (`TemporaryBytes`) and are read back a piece at a time
/// when written: the rows held grow with the corpus (2 MB at 10,000 documents, 4 MB as the array doubled, beside
/// the build's peak), and a build's memory must not.
final class HeldRows: TableRows {
    private var bytes: [UInt8] = []
    /// Pieces of whole rows, in order.
    private let spilled = TemporaryBytes(named: "assay-rows")
    private enum Tag: UInt8 { case null, text, integer, endRow }

    static let spillSize = DatasetSink.FileStream.flushSize

    func text(_ value: String) {
        bytes.append(Tag.text.rawValue)
        append(UInt32(value.utf8.count))
        bytes += value.utf8
    }

    func text(_ value: String?) {
        if let value { text(value) } else { bytes.append(Tag.null.rawValue) }
    }

    func integer(_ value: Int) {
        bytes.append(Tag.integer.rawValue)
        append(UInt64(bitPattern: Int64(value)))
    }

    func endRow() throws {
        bytes.append(Tag.endRow.rawValue)
        guard bytes.count >= Self.spillSize else { return }
        try spilled.append(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private func append<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// Writes the rows, in the order they were held.
    func write(to table: TableWriter) throws {
        try spilled.forEachPiece { try Self.replay($0, to: table) }
        try Self.replay(bytes, to: table)
    }

    /// Writes rows held as bytes (whole rows) to `table`.
    private static func replay(_ bytes: [UInt8], to table: TableWriter) throws {
        try bytes.withUnsafeBufferPointer { bytes in
            var offset = 0
            func read<Integer: FixedWidthInteger>(_: Integer.Type) -> Integer {
                var value = Integer.zero
                withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<offset + MemoryLayout<Integer>.size]))) }
                offset += MemoryLayout<Integer>.size
                return Integer(littleEndian: value)
            }
            while offset < bytes.count {
                let tag = Tag(rawValue: bytes[offset])!
                offset += 1
                switch tag {
                case .null: table.null()
                case .text:
                    let length = Int(read(UInt32.self))
                    table.text(utf8: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]))
                    offset += length
                case .integer: table.integer(Int(Int64(bitPattern: read(UInt64.self))))
                case .endRow: try table.endRow()
                }
            }
        }
    }
}
