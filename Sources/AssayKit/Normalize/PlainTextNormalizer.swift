/// Cuts a plain-text document into blocks: one block per line, with list bullets and numbers stripped and
/// headings recognised by their shape.
///
/// A line is a list item when it starts with a bullet (`•`, `-`, `*`, `–`, `◦`, `▪`), a doubled bullet
/// (`•  - item`, as text copied from rendered tables has), or a number followed by `.` or `)`. A short line that
/// stands alone between blank lines and does not end like a sentence is a heading; the first such line, before any
/// paragraph, is the title.
struct PlainTextNormalizer {
    var boilerplate: Boilerplate

    func normalize(_ source: SourceDocument) -> NormalizedDocument {
        let scalars = ScalarText.scalars(of: source.text)
        let lines = Self.lines(of: scalars)
        var builder = TextBuilder()
        var sawContent = false
        var listNumber = -1
        var inList = false
        var indents: [Int] = []

        for (index, line) in lines.enumerated() {
            let content = Self.trimmed(line, in: scalars)
            if content.isEmpty { continue }
            let item = Self.listItem(content, in: scalars)
            let kind: Block.Kind
            var body = content
            if let item {
                if !inList {
                    listNumber += 1
                    indents = []
                }
                inList = true
                // Depth is relative: an item indented more than the one before it is nested under it.
                while let last = indents.last, item.indent < last { indents.removeLast() }
                if indents.last.map({ item.indent > $0 }) ?? true { indents.append(item.indent) }
                kind = .listItem(list: listNumber, depth: indents.count - 1)
                body = item.body
            } else {
                inList = false
                let isolated = (index == 0 || Self.isBlank(lines[index - 1], in: scalars))
                    && (index == lines.count - 1 || Self.isBlank(lines[index + 1], in: scalars))
                if isolated && Self.looksLikeHeading(body, in: scalars) {
                    kind = sawContent ? .heading(level: 2) : .title
                } else {
                    kind = .paragraph
                }
            }
            builder.beginBlock(kind)
            scalars.withUnsafeBufferPointer { scalars in
                builder.append(run: body.count) { index in
                    let offset = body.lowerBound + index
                    return (scalars[offset], offset..<offset + 1)
                }
            }
            if builder.currentBlockIsBoilerplate(boilerplate) {
                builder.discardBlock()
                continue
            }
            builder.endBlock()
            sawContent = true
        }
        builder.endBlock()
        var map = builder.map
        map.lineStarts = SourceMap.lineStarts(of: scalars)
        var blocks = builder.blocks
        Block.assignSections(&blocks)
        let textScalars = builder.scalars
        return NormalizedDocument(
            source: source, text: ScalarText.string(textScalars), scalars: textScalars, blocks: blocks,
            sourceMap: map, diagnostics: [])
    }

    /// Line ranges without their terminators (`\n`, `\r\n` or `\r`).
    static func lines(of scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0, index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(start..<index)
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < scalars.count { lines.append(start..<scalars.count) }
        return lines
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if case .space = TypographyFolder.fold(scalar) { return true }
        if case .drop = TypographyFolder.fold(scalar) { return true }
        return false
    }

    private static func isBlank(_ line: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        trimmed(line, in: scalars).isEmpty
    }

    private static func trimmed(_ line: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
        var lower = line.lowerBound, upper = line.upperBound
        while lower < upper, isSpace(scalars[lower]) { lower += 1 }
        while upper > lower, isSpace(scalars[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static let bullets: Set<Unicode.Scalar> = ["•", "◦", "▪", "▫", "‣", "·", "-", "*", "–", "—", "●", "○", "■"]

    /// The body of a list item line and its indentation in scalars, or nil when the line is no item.
    private static func listItem(_ content: Range<Int>, in scalars: [Unicode.Scalar]) -> (body: Range<Int>, indent: Int)? {
        var index = content.lowerBound
        var markers = 0
        while index < content.upperBound {
            if bullets.contains(scalars[index]), index + 1 < content.upperBound, isSpace(scalars[index + 1]) {
                index += 1
            } else if let end = orderedMarkerEnd(from: index, in: scalars, limit: content.upperBound) {
                index = end
            } else {
                break
            }
            while index < content.upperBound, isSpace(scalars[index]) { index += 1 }
            markers += 1
        }
        guard markers > 0, index < content.upperBound else { return nil }
        var lineStart = content.lowerBound
        while lineStart > 0, scalars[lineStart - 1] != "\n", scalars[lineStart - 1] != "\r" { lineStart -= 1 }
        return (index..<content.upperBound, content.lowerBound - lineStart)
    }

    /// `1.`, `12)` or `a.` followed by a space: the end of the marker, or nil.
    private static func orderedMarkerEnd(from start: Int, in scalars: [Unicode.Scalar], limit: Int) -> Int? {
        var index = start
        while index < limit, index - start < 3, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index > start, index + 1 < limit, scalars[index] == "." || scalars[index] == ")",
            isSpace(scalars[index + 1])
        else { return nil }
        return index + 1
    }

    private static func looksLikeHeading(_ body: Range<Int>, in scalars: [Unicode.Scalar]) -> Bool {
        guard body.count <= 80, let first = scalars[body].first, let last = scalars[body].last else { return false }
        let startsWell = first.properties.isUppercase || ("0"..."9").contains(first)
        return startsWell && !".:;,!?".unicodeScalars.contains(last)
    }
}
