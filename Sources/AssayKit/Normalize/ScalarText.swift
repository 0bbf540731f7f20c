/// Strings made from runs of Unicode scalars, which normalised text is kept as.
///
/// Why not `String.UnicodeScalarView.append(contentsOf:)`: on Linux that goes through the generic, unspecialised
/// sequence path, a witness call per scalar; it took a third of all normalising and extracting time. Encoding the
/// scalars to UTF-8 straight into the new string's storage is several times faster.
enum ScalarText {
    /// The UTF-8 is written straight into the string's storage, sized by a first pass: no intermediate byte array.
    static func string<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> String {
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { bytes in
            var index = 0
            for scalar in scalars {
                let value = scalar.value
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
            // Every byte sequence above is well-formed UTF-8 (scalars exclude surrogates), so nothing is repaired.
            return index
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

    private static func wellFormedScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = UInt32(bytes[index])
            if lead < 0x80 {
                scalars.append(Unicode.Scalar(UInt8(lead)))
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
            scalars.append(scalar)
            index += length
        }
        return scalars
    }
}
