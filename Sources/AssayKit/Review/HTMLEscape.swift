/// The one escaping function of the review pages: every piece of text and every attribute value goes through it.
///
/// Escapes the five characters that can end a text run or an attribute value (`&`, `<`, `>`, `"`, `'`), so the
/// result is safe both as element content and inside a double- or single-quoted attribute. Characters a document
/// may hold but HTML may not (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) become
/// U+FFFD, as a browser would show them.
enum HTMLEscape {
    /// Works on UTF-8 bytes, and returns text that needs nothing as it is: pages escape every word of every
    /// document, and a scalar-by-scalar copy was a tenth of building a dataset.
    static func escape(_ text: some StringProtocol) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: needsWork) else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        var bytes = Array(utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case 0x00...0x1F, 0x7F: out += replacement
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF), noncharacters HTML may not hold.
            case 0xEF where bytes.count >= 2 && bytes[bytes.startIndex] == 0xBF && bytes[bytes.startIndex + 1] >= 0xBE:
                bytes.removeFirst(2)
                out += replacement
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xEF: true
        case 0x00...0x1F: byte != 0x09 && byte != 0x0A && byte != 0x0D
        default: false
        }
    }
}
