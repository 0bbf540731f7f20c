/// Strings made from runs of Unicode scalars, which normalised text is kept as.
///
/// Why not `String.UnicodeScalarView.append(contentsOf:)`: on Linux that goes through the generic, unspecialised
/// sequence path, a witness call per scalar; it took a third of all normalising and extracting time. Encoding the
/// scalars to UTF-8 in a buffer and decoding that once is several times faster.
enum ScalarText {
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if value < 0x800 {
                bytes.append(UInt8(0xC0 | (value >> 6)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else if value < 0x10000 {
                bytes.append(UInt8(0xE0 | (value >> 12)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (value >> 18)))
                bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        // Every byte sequence above is well-formed UTF-8 (scalars exclude surrogates), so decoding repairs nothing.
        return String(decoding: bytes, as: UTF8.self)
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        string(scalars[...])
    }
}
