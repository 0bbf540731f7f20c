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
        var bytewiseUntil = 0  // the end of the last eight bytes that may need work: those are looked at one by one
        while index < count {
            if index >= bytewiseUntil, count - index >= 8 {
                if !mayNeedWork(UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                bytewiseUntil = index + 8
            }
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

    /// Whether any of eight bytes (a word read from memory, in either byte order) may need work (`needsWork`): a
    /// byte below 0x20 (tab, line feed and carriage return included, which the bytewise look lets through), or one
    /// of `" & ' < >`, DEL and 0xEF. Eight bytes at once with a few word operations, where most words of text need
    /// nothing: looking at each byte was most of the time of escaping a page. Never says no where a byte needs work.
    @inline(__always)
    static func mayNeedWork(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below n (n at most 0x80) sets its high bit in (word - n·ones) & ~word, and only then is that nonzero.
        @inline(__always) func below(_ n: UInt64, _ word: UInt64) -> UInt64 { (word &- n &* ones) & ~word & highs }
        // A byte equal to c is a zero byte of word ^ c·ones (written out, not a loop over an array of the seven).
        @inline(__always) func equal(_ byte: UInt64) -> UInt64 { below(1, word ^ (byte &* ones)) }
        let found = below(0x20, word) | equal(0x22) | equal(0x26) | equal(0x27) | equal(0x3C) | equal(0x3E) | equal(0x7F) | equal(0xEF)
        return found != 0
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
