/// Appends values to a byte buffer in the cache's compact encoding: unsigned LEB128 varints, zigzag for signed
/// integers, length-prefixed UTF-8 for strings, and delta-coded integer arrays.
///
/// Why not `Codable` and JSON: a cache entry holds a document's source map (two offsets per character of text), and
/// Foundation's JSON coders on Linux are an order of magnitude slower than this for such arrays; deltas between
/// neighbouring offsets are small, so delta-coded varints take about one byte per character.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ data: some Sequence<UInt8>) {
        bytes.append(contentsOf: data)
    }

    /// An unsigned LEB128 varint: seven bits per byte, low bits first.
    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A signed integer, zigzag-coded so small negative numbers stay short.
    mutating func int(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout BinaryWriter, Value) -> Void) {
        guard let value else {
            bool(false)
            return
        }
        bool(true)
        write(&self, value)
    }

    mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }

    mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }

    mutating func array<Element>(_ values: [Element], _ write: (inout BinaryWriter, Element) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    /// Integers as differences from their predecessor: offsets that grow by one cost one byte each.
    mutating func deltas(_ values: some Collection<some BinaryInteger>) {
        unsigned(UInt64(values.count))
        var previous: Int64 = 0
        for value in values {
            let current = Int64(value)
            let delta = current &- previous
            unsigned(UInt64(bitPattern: (delta << 1) ^ (delta >> 63)))
            previous = current
        }
    }
}
