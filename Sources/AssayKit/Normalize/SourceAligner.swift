import CLibXML2

/// Finds, for each text node libxml2 delivers, the characters of the markup it was parsed from.
///
/// libxml2 2.9.14 records no source offsets for HTML (and `record_info` crashes its HTML parser), so positions are
/// recovered by walking the decoded source in step with the tree: markup (tags, comments, declarations, the raw
/// content of `script` and `style`) is skipped, character references are decoded, and each node's text is matched
/// character by character. Nodes are aligned in document order, including those that are not shown, so a repeated
/// phrase can never be anchored to an earlier, hidden copy.
struct SourceAligner {
    let source: [Unicode.Scalar]
    private(set) var cursor = 0
    /// Text nodes that could not be matched.
    private(set) var unaligned = 0

    init(source: [Unicode.Scalar]) {
        self.source = source
    }

    /// The source range of every scalar of `text`, or nil when the node cannot be found from the cursor on.
    mutating func align(_ text: [Unicode.Scalar]) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        return align(text, into: &ranges) ? ranges : nil
    }

    /// `align(_:)` into `ranges`, which is made as long as `text`: the walker keeps one array for every text node
    /// (and a failed try writes into it too), where an array per node and per try cost an allocation each.
    /// False when the node cannot be found from the cursor on; `ranges` then holds nothing of use.
    mutating func align(_ text: [Unicode.Scalar], into ranges: inout [Range<Int>]) -> Bool {
        if ranges.count > text.count {
            ranges.removeLast(ranges.count - text.count)
        } else if ranges.count < text.count {
            ranges.append(contentsOf: repeatElement(0..<0, count: text.count - ranges.count))
        }
        guard !text.isEmpty else { return true }
        var start = cursor
        // A few restarts cover text libxml2 dropped (such as whitespace between structural tags).
        for _ in 0..<64 {
            guard let begin = nextTextPosition(from: start) else { break }
            if ranges.withUnsafeMutableBufferPointer({ match(text, at: begin, into: $0) }) {
                cursor = ranges[text.count - 1].upperBound
                return true
            }
            start = begin + 1
        }
        unaligned += 1
        return false
    }

    /// The first position at or after `position` that is text, not markup.
    private func nextTextPosition(from position: Int) -> Int? {
        var index = position
        while index < source.count {
            if source[index] == "<", let end = markupEnd(at: index) {
                index = end
            } else {
                return index
            }
        }
        return nil
    }

    /// Fills `ranges` (as long as `text`) with the source range of each scalar of `text`, or returns false. Every
    /// scalar gets exactly one range, written in place.
    private func match(_ text: [Unicode.Scalar], at begin: Int, into ranges: UnsafeMutableBufferPointer<Range<Int>>) -> Bool {
        var index = 0, position = begin
        while index < text.count {
            guard position < source.count else { return false }
            let scalar = source[position]
            if scalar == "&", let (decoded, end) = reference(at: position),
                index + decoded.count <= text.count, Array(text[index..<index + decoded.count]) == decoded
            {
                for offset in decoded.indices { ranges.initializeElement(at: index + offset, to: position..<end) }
                index += decoded.count
                position = end
            } else if scalar == text[index] {
                ranges.initializeElement(at: index, to: position..<position + 1)
                index += 1
                position += 1
            } else if scalar == "\r", text[index] == "\n" {
                // libxml2 turns CRLF and lone CR into LF.
                let end = position + 1 < source.count && source[position + 1] == "\n" ? position + 2 : position + 1
                ranges.initializeElement(at: index, to: position..<end)
                index += 1
                position = end
            } else if scalar == "\u{0}" {
                // libxml2 turns a NUL in text into a space (and drops it elsewhere).
                if text[index] == " " {
                    ranges.initializeElement(at: index, to: position..<position + 1)
                    index += 1
                }
                position += 1
            } else if scalar == "<", text[index] != "<", index > 0, let end = markupEnd(at: position) {
                // Markup inside a text run that does not split it in the tree: comments, processing instructions,
                // and end tags libxml2 ignores as stray (`<b>x <i>y</b> z</i> w` gives one node " z w").
                position = end
            } else {
                return false
            }
        }
        return true
    }

    /// The end of the tag, comment or declaration starting at `position`, or nil when `<` is just a character.
    /// For `script`, `style` and the other raw-text elements the element's content is skipped too.
    private func markupEnd(at position: Int) -> Int? {
        guard position + 1 < source.count else { return nil }
        let next = source[position + 1]
        if next == "!" {
            if starts(with: "<!--", at: position) {
                return find("-->", from: position + 4).map { $0 + 3 } ?? source.count
            }
            if starts(with: "<![CDATA[", at: position) {
                return nil  // CDATA content is text; the brackets are handled by the caller's mismatch path
            }
            return find(">", from: position + 2).map { $0 + 1 } ?? source.count
        }
        if next == "?" { return find(">", from: position + 2).map { $0 + 1 } ?? source.count }
        guard next == "/" || Self.isLetter(next) else { return nil }
        let tagEnd = tagClose(from: position + 1)
        guard next != "/" else { return tagEnd }
        if let name = rawTextName(from: position + 1) {
            if let close = findCaseInsensitive("</" + name, from: tagEnd) {
                return tagClose(from: close + 1)
            }
            return source.count
        }
        return tagEnd
    }

    /// The position after the `>` that closes a tag, honouring quoted attribute values.
    private func tagClose(from position: Int) -> Int {
        var index = position
        var quote: Unicode.Scalar?
        while index < source.count {
            let scalar = source[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return index + 1
            }
            index += 1
        }
        return source.count
    }

    /// The name of the tag starting at `position` when it is a raw-text element (`script`, `style`, …), or nil.
    /// Nearly every tag name is ASCII and shorter than nine letters: such a name is compared packed into one word,
    /// without making a string of it; any other goes the way of `tagName`.
    private func rawTextName(from position: Int) -> String? {
        var packed: UInt64 = 0, length = 0
        var index = position
        while index < source.count, Self.isTagNameScalar(source[index]) {
            let value = source[index].value
            guard value < 0x80, length < 8 else {
                let name = tagName(from: position)
                return TreeWalkerNames.rawText.contains(name) ? name : nil
            }
            let lowered = value >= 0x41 && value <= 0x5A ? value | 0x20 : value
            packed |= UInt64(lowered) << UInt64(8 * length)
            length += 1
            index += 1
        }
        return Self.packedRawText.first { $0.packed == packed }?.name
    }

    /// `TreeWalkerNames.rawText`, each name packed as `rawTextName` packs a tag name (all are ASCII, at most eight letters).
    private static let packedRawText: [(packed: UInt64, name: String)] = TreeWalkerNames.rawText.map { name in
        precondition(name.utf8.count <= 8 && name.utf8.allSatisfy { $0 < 0x80 })
        let packed = name.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        return (packed, name)
    }

    private func tagName(from position: Int) -> String {
        var view = String.UnicodeScalarView()
        var index = position
        while index < source.count, Self.isTagNameScalar(source[index]) {
            view.append(source[index])
            index += 1
        }
        return String(view).lowercased()
    }

    /// Unicode's Alphabetic property; ASCII (where it means A-Z and a-z) is decided without the property table.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic
        }
    }

    /// A letter or digit; ASCII is decided without the Unicode property table, which is slow to consult.
    private static func isTagNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic
        }
    }

    /// A character reference at `position`: its decoded scalars and the position after it.
    private func reference(at position: Int) -> ([Unicode.Scalar], Int)? {
        var index = position + 1
        if index < source.count, source[index] == "#" {
            index += 1
            var radix = 10
            if index < source.count, source[index] == "x" || source[index] == "X" {
                radix = 16
                index += 1
            }
            var digits = ""
            while index < source.count, digits.count < 8, source[index].properties.isASCIIHexDigit {
                if radix == 10 && !("0"..."9").contains(source[index]) { break }
                digits.unicodeScalars.append(source[index])
                index += 1
            }
            guard !digits.isEmpty, let value = UInt32(digits, radix: radix) else { return nil }
            if index < source.count, source[index] == ";" { index += 1 }
            return ([Unicode.Scalar(value) ?? "\u{FFFD}"], index)
        }
        var name = ""
        while index < source.count, name.count < 32,
            Self.isLetter(source[index]) || ("0"..."9").contains(source[index])
        {
            name.unicodeScalars.append(source[index])
            index += 1
        }
        guard !name.isEmpty else { return nil }
        // libxml2 accepts a known name without its semicolon, so try the longest known prefix.
        var length = name.unicodeScalars.count
        while length > 0 {
            let candidate = String(String.UnicodeScalarView(name.unicodeScalars.prefix(length)))
            if let entity = htmlEntityLookup(candidate), let scalar = Unicode.Scalar(entity.pointee.value) {
                var end = position + 1 + length
                if end < source.count, source[end] == ";" { end += 1 }
                return ([scalar], end)
            }
            length -= 1
        }
        return nil
    }

    private func starts(with literal: String, at position: Int) -> Bool {
        var index = position
        for scalar in literal.unicodeScalars {
            guard index < source.count, source[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    private func find(_ literal: String, from position: Int) -> Int? {
        var index = position
        while index < source.count {
            if starts(with: literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func findCaseInsensitive(_ literal: String, from position: Int) -> Int? {
        let lowered = Array(literal.lowercased().unicodeScalars)
        var index = position
        outer: while index + lowered.count <= source.count {
            for (offset, scalar) in lowered.enumerated() {
                let candidate = source[index + offset]
                let folded = ("A"..."Z").contains(candidate) ? Unicode.Scalar(candidate.value + 32)! : candidate
                if folded != scalar {
                    index += 1
                    continue outer
                }
            }
            return index
        }
        return nil
    }
}

/// Element names shared by the tree walker and the aligner's lexer.
enum TreeWalkerNames {
    /// Elements whose content never reaches the text; the aligner skips their content in the source as well.
    static let rawText: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "xmp", "textarea",
        "noembed", "noframes",
    ]
}
