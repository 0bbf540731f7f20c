/// Turns raw bytes into text: a byte order mark first, then strict UTF-8, then windows-1252 as the fallback.
///
/// Decoding is done here, never by libxml2: given no encoding, libxml2 2.9.14 silently reads BOM-less UTF-8 as
/// ISO-8859-1 (see `shared/research/libxml2-normalisation.md`). windows-1252 decodes every byte, so no
/// document is lost; the fallback is reported as a warning because it is a guess.
struct TextDecoder {
    struct Result {
        var text: String
        var encoding: TextEncoding
        /// Byte offset of the first byte that was not valid UTF-8, when the fallback was used.
        var firstInvalidUTF8Byte: Int?
    }

    func decode(_ bytes: [UInt8]) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes.dropFirst(3)
            if let text = String(validating: body, as: UTF8.self) {
                return Result(text: text, encoding: .utf8)
            }
            return windows1252(Array(body), invalidAt: Self.firstInvalidUTF8(body) + 3)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Result(text: text, encoding: .utf8)
        }
        return windows1252(bytes, invalidAt: Self.firstInvalidUTF8(bytes[...]))
    }

    private func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) -> Result {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let a = UInt16(body[index]), b = UInt16(body[index + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            index += 2
        }
        // An odd trailing byte or an unpaired surrogate becomes U+FFFD: decoding never fails.
        return Result(text: String(decoding: units, as: UTF16.self), encoding: littleEndian ? .utf16LE : .utf16BE)
    }

    private func windows1252(_ bytes: [UInt8], invalidAt: Int) -> Result {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if (0x80...0x9F).contains(byte), let mapped = Self.windows1252High[Int(byte - 0x80)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return Result(text: String(scalars), encoding: .windows1252, firstInvalidUTF8Byte: invalidAt)
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    /// windows-1252's bytes 0x80–0x9F; the five it leaves undefined map to the C1 control of the same value.
    private static let windows1252High: [Unicode.Scalar?] = [
        "\u{20AC}", "\u{81}", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", "\u{8D}", "\u{017D}", "\u{8F}",
        "\u{90}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", "\u{9D}", "\u{017E}", "\u{0178}",
    ]
}
