/// Reads what `BinaryWriter` wrote. Every read is bounds-checked and throws `BinaryReader.Malformed` rather than
/// trapping, so a truncated or foreign cache file is a cache miss, never a crash.
struct BinaryReader {
    /// The bytes do not hold what was expected (a truncated file, another format version).
    struct Malformed: Error {}

    private let bytes: [UInt8]
    /// Where the next read starts. Set back only to where an earlier read started, to read something again.
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func raw(count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func unsigned() throws -> UInt64 {
        // Most numbers written (lengths, counts, flags, small offsets) take one byte.
        if offset < bytes.count, bytes[offset] < 0x80 {
            offset += 1
            return UInt64(bytes[offset - 1])
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let raw = try unsigned()
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let result = Int(exactly: value) else { throw Malformed() }
        return result
    }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    /// A count that must fit in what is left (each element takes at least one byte), so a corrupt length cannot
    /// make a reader reserve gigabytes.
    mutating func count() throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw Malformed() }
        return Int(value)
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        // Straight from the buffer: through an `ArraySlice` every string read retained and released the bytes.
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + length]), as: UTF8.self) }
    }

    /// Steps over a string without making it, for readers that need only some of what was written.
    mutating func skipString() throws {
        let length = try count()
        offset += length
    }

    mutating func optional<Value>(_ read: (inout BinaryReader) throws -> Value) throws -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func optionalInt() throws -> Int? { try optional { try $0.int() } }

    mutating func optionalString() throws -> String? { try optional { try $0.string() } }

    mutating func array<Element>(_ read: (inout BinaryReader) throws -> Element) throws -> [Element] {
        let count = try count()
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func strings() throws -> [String] { try array { try $0.string() } }

    /// The inverse of `BinaryWriter.deltas`.
    mutating func deltas<Value: FixedWidthInteger>(as type: Value.Type) throws -> [Value] {
        let count = try count()
        var values: [Value] = []
        values.reserveCapacity(count)
        var previous: Int64 = 0
        for _ in 0..<count {
            let raw = try unsigned()
            let delta = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
            previous = previous &+ delta
            guard let value = Value(exactly: previous) else { throw Malformed() }
            values.append(value)
        }
        return values
    }
}
