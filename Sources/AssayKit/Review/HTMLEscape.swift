/// The one escaping function of the review pages: every piece of text and every attribute value goes through it.
///
/// Escapes the five characters that can end a text run or an attribute value (`&`, `<`, `>`, `"`, `'`), so the
/// result is safe both as element content and inside a double- or single-quoted attribute. Characters a document
/// may hold but HTML may not (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) become
/// U+FFFD, as a browser would show them.
///
/// Escaping is per scalar, so escaping two texts one after the other gives the bytes of escaping them joined: a
/// page escapes a tooltip or a row piece by piece and gets what escaping the whole would give.
enum HTMLEscape {
    static func escape(_ text: some StringProtocol) -> String {
        var out = HTMLBuffer()
        out.escaped(String(text))
        return out.string
    }

    /// Appends `text` (UTF-8, whole scalars) to `out`, escaped. Works on bytes, and copies each run that needs
    /// nothing with one append: pages escape every word of every document, and most text needs nothing.
    static func escape(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let count = text.count
        var run = 0  // where the bytes not yet copied begin
        var index = 0
        while index < count {
            let byte = text[index]
            guard needsWork(byte) else {
                index += 1
                continue
            }
            let replacement: StaticString
            var width = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF), noncharacters HTML may not hold; any other EF … is kept.
            case 0xEF:
                guard index + 2 < count, text[index + 1] == 0xBF, text[index + 2] >= 0xBE else {
                    index += 1
                    continue
                }
                (replacement, width) = ("\u{FFFD}", 3)
            default: replacement = "\u{FFFD}"  // a C0 control or DEL
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            index += width
            run = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<count]))
    }

    /// Whether a byte may need escaping or replacing: one of the five, a C0 control other than tab, line feed and
    /// carriage return, DEL, or 0xEF (the first byte of U+FFFE and U+FFFF, and of other scalars kept as they are).
    @inline(__always)
    static func needsWork(_ byte: UInt8) -> Bool {
        // Bit n is set when byte n (below 0x40) needs work: 0x00–0x1F but 0x09, 0x0A, 0x0D; " & ' < >.
        let below40: UInt64 = 0x5000_00C4_FFFF_D9FF
        return byte < 0x40 ? below40 >> UInt64(byte) & 1 != 0 : byte == 0x7F || byte == 0xEF
    }
}
