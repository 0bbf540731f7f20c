/// Strings made from runs of Unicode scalars, which normalised text is kept as.
///
/// Why not `String.UnicodeScalarView.append(contentsOf:)`: on Linux that goes through the generic, unspecialised
/// sequence path, a witness call per scalar; it took a third of all normalising and extracting time. Encoding the
/// scalars to UTF-8 straight into the new string's storage is several times faster.
enum ScalarText {
    /// The UTF-8 is written straight into the string's storage, sized by a first pass: no intermediate byte array.
    static func string<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> String {
        // Arrays and slices of them (every caller's text) take the pointer path: no index arithmetic or witness
        // calls per scalar, and a sizing pass the compiler can vectorise.
        if let string = scalars.withContiguousStorageIfAvailable({ string($0) }) { return string }
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { bytes in
            var index = 0
            for scalar in scalars { encode(scalar.value, into: bytes, at: &index) }
            return index
        }
    }

    /// `string(_:)` for scalars in contiguous memory.
    static func string(_ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        guard !scalars.isEmpty else { return "" }
        return scalars.withMemoryRebound(to: UInt32.self) { values in
            // Branch-free, so it runs several scalars at a time: 1 byte each, plus one per width threshold passed.
            var length = 0
            for value in values {
                length &+= 1 &+ (value >= 0x80 ? 1 : 0) &+ (value >= 0x800 ? 1 : 0) &+ (value >= 0x10000 ? 1 : 0)
            }
            return String(unsafeUninitializedCapacity: length) { bytes in
                if length == values.count {
                    // All ASCII: each scalar is its byte.
                    for index in values.indices { bytes[index] = UInt8(truncatingIfNeeded: values[index]) }
                    return length
                }
                var index = 0
                for value in values { encode(value, into: bytes, at: &index) }
                return index
            }
        }
    }

    /// Writes one scalar's UTF-8 at `index` and moves `index` past it. Every sequence written is well-formed UTF-8
    /// (scalars exclude surrogates), so the string made of them needs no repair.
    @inline(__always)
    private static func encode(_ value: UInt32, into bytes: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
        if value < 0x80 {
            bytes[index] = UInt8(value)
            index += 1
        } else if value < 0x800 {
            bytes[index] = UInt8(0xC0 | (value >> 6))
            bytes[index + 1] = UInt8(0x80 | (value & 0x3F))
            index += 2
        } else if value < 0x10000 {
            bytes[index] = UInt8(0xE0 | (value >> 12))
            bytes[index + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            bytes[index + 2] = UInt8(0x80 | (value & 0x3F))
            index += 3
        } else {
            bytes[index] = UInt8(0xF0 | (value >> 18))
            bytes[index + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            bytes[index + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            bytes[index + 3] = UInt8(0x80 | (value & 0x3F))
            index += 4
        }
    }

    /// The scalars of UTF-8 text in one pass: `Array(s.unicodeScalars)` counts the scalars first and then copies them
    /// through the generic sequence path. Ill-formed input (not expected of a `String` or of libxml2's output) is
    /// decoded by the standard library instead, so its replacement characters are exactly `String`'s.
    static func scalars(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        wellFormedScalars(bytes) ?? Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }

    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { scalars(utf8: $0) }
    }

    /// `scalars(utf8:)` into an array kept from call to call, so decoding text node after text node allocates nothing.
    static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>, into scalars: inout [Unicode.Scalar]) {
        scalars.removeAll(keepingCapacity: true)
        scalars.append(contentsOf: repeatElement(Unicode.Scalar(0), count: bytes.count))
        if let count = scalars.withUnsafeMutableBufferPointer({ decodeWellFormed(bytes, into: $0) }) {
            scalars.removeLast(bytes.count - count)
        } else {
            scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        }
    }

    /// Decodes into an array sized for the worst case (one scalar per byte), written in place and cut to the count
    /// decoded: appending scalar by scalar checks the array's uniqueness and capacity through runtime calls each time.
    private static func wellFormedScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var wellFormed = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            // Unicode.Scalar is trivial: whatever was written before a failure needs no clean-up beyond the count.
            let count = decodeWellFormed(bytes, into: buffer)
            wellFormed = count != nil
            initialized = count ?? 0
        }
        return wellFormed ? scalars : nil
    }

    /// Decodes well-formed UTF-8 into `buffer` (at least as long as `bytes`) and returns the number of scalars, or nil
    /// at the first ill-formed sequence.
    private static func decodeWellFormed(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<Unicode.Scalar>) -> Int? {
        var index = 0, written = 0
        let count = bytes.count
        while index < count {
            let lead = UInt32(bytes[index])
            if lead < 0x80 {
                buffer.initializeElement(at: written, to: Unicode.Scalar(UInt8(lead)))
                written += 1
                index += 1
                continue
            }
            let length: Int, minimum: UInt32
            var value: UInt32
            switch lead {
            case 0xC2..<0xE0: (value, length, minimum) = (lead & 0x1F, 2, 0x80)
            case 0xE0..<0xF0: (value, length, minimum) = (lead & 0x0F, 3, 0x800)
            case 0xF0..<0xF5: (value, length, minimum) = (lead & 0x07, 4, 0x10000)
            default: return nil
            }
            guard index + length <= count else { return nil }
            for offset in 1..<length {
                let byte = UInt32(bytes[index + offset])
                guard byte & 0xC0 == 0x80 else { return nil }
                value = value << 6 | (byte & 0x3F)
            }
            guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
            buffer.initializeElement(at: written, to: scalar)
            written += 1
            index += length
        }
        return written
    }
}
