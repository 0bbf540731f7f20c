/// Turns raw bytes into text. The encoding comes from, in order: a byte order mark; the document's own
/// declaration (for HTML: `<meta charset>`, `http-equiv` content type, an XML declaration); strict UTF-8;
/// and windows-1252 as the fallback when the bytes are not UTF-8.
///
/// Decoding is done here, never by libxml2: given no encoding, libxml2 2.9.14 silently reads BOM-less UTF-8 as
/// ISO-8859-1, and given "UTF-8" it copies invalid bytes into the tree (see `shared/research/libxml2-normalisation.md`).
/// A document declared or marked as UTF-8 keeps that reading, and each invalid byte becomes U+FFFD; an undeclared
/// one that is not UTF-8 is read as windows-1252, which decodes every byte. Either way the result says where the
/// first bad byte was, so the loader can warn.
struct TextDecoder {
    struct Result {
        var text: String
        var encoding: TextEncoding
        /// How the encoding was chosen, for the manifest and warnings.
        var basis: Basis
        /// Byte offset of the first byte that was invalid in the encoding first tried.
        var firstInvalidByte: Int?
        /// How many invalid byte sequences became U+FFFD.
        var replacements = 0
    }

    enum Basis: String, Sendable {
        case byteOrderMark = "byte order mark"
        case declaration = "declared in the document"
        case valid = "valid UTF-8"
        case fallback = "not valid UTF-8; read as windows-1252"
        case zeroBytes = "no byte order mark, but every other byte is zero: read as UTF-16"
    }

    /// UTF-16 written without a byte order mark shows itself by zero bytes in every other position (ASCII text has
    /// one zero byte per character). Nil unless the sample is clearly so; true for little-endian.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(4_096)
        guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample.count / 2
        if oddZeros * 10 >= pairs * 7 && evenZeros * 10 <= pairs { return true }
        if evenZeros * 10 >= pairs * 7 && oddZeros * 10 <= pairs { return false }
        return nil
    }

    /// `declared` is the document's own declaration, when it has one (see `EncodingSniffer`).
    func decode(_ bytes: [UInt8], declared: TextEncoding? = nil) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return utf8Replacing(bytes, from: 3, basis: .byteOrderMark) }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true, basis: .byteOrderMark) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false, basis: .byteOrderMark) }
        switch declared {
        case .utf8?: return utf8Replacing(bytes, from: 0, basis: .declaration)
        case .utf16LE?: return utf16(bytes[...], littleEndian: true, basis: .declaration)
        case .utf16BE?: return utf16(bytes[...], littleEndian: false, basis: .declaration)
        case .windows1252?, .iso88591?: return singleByte(bytes, as: declared!, basis: .declaration, invalidAt: nil)
        case nil:
            if let littleEndian = Self.utf16WithoutBOM(bytes) {
                var result = utf16(bytes[...], littleEndian: littleEndian, basis: .zeroBytes)
                result.firstInvalidByte = nil
                return result
            }
            if let text = String(validating: bytes, as: UTF8.self) {
                return Result(text: text, encoding: .utf8, basis: .valid)
            }
            return singleByte(bytes, as: .windows1252, basis: .fallback, invalidAt: Self.firstInvalidUTF8(bytes[...]))
        }
    }

    /// UTF-8, each invalid sequence replaced by U+FFFD.
    private func utf8Replacing(_ bytes: [UInt8], from start: Int, basis: Basis) -> Result {
        let body = bytes[start...]
        if let text = String(validating: body, as: UTF8.self) {
            return Result(text: text, encoding: .utf8, basis: basis)
        }
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var scalars = String.UnicodeScalarView()
        var offset = start
        var first: Int?
        var replacements = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                if first == nil { first = offset }
                replacements += 1
                scalars.append("\u{FFFD}")
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return Result(text: String(scalars), encoding: .utf8, basis: basis, firstInvalidByte: first, replacements: replacements)
    }

    private func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool, basis: Basis) -> Result {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let a = UInt16(body[index]), b = UInt16(body[index + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            index += 2
        }
        // An odd trailing byte or an unpaired surrogate becomes U+FFFD: decoding never fails.
        return Result(text: String(decoding: units, as: UTF16.self), encoding: littleEndian ? .utf16LE : .utf16BE, basis: basis)
    }

    /// windows-1252, and ISO-8859-1 read as browsers read it (the WHATWG Encoding Standard maps the label to
    /// windows-1252, so 0x93 is a curly quote, not a C1 control).
    private func singleByte(_ bytes: [UInt8], as encoding: TextEncoding, basis: Basis, invalidAt: Int?) -> Result {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if (0x80...0x9F).contains(byte), let mapped = Self.windows1252High[Int(byte - 0x80)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return Result(text: String(scalars), encoding: encoding, basis: basis, firstInvalidByte: invalidAt)
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput, .error: return offset
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
