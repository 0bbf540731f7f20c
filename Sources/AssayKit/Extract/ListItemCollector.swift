/// Finds the items of the list a stated count introduces, so a check can compare the count with the list.
///
/// Two shapes: an inline list after a colon in the same block ("three overlapping cohorts: A; B, C"), split at
/// `;`, `,`, ` and ` and ` or `; or, when the colon ends the block, the list items that follow it ("The four sites
/// … are:" and four bullets). Only items at the first item's depth count: nested items belong to their parent.
enum ListItemCollector {
    static func items(after span: Range<Int>, in document: NormalizedDocument) -> [Evidence]? {
        guard let blockIndex = document.blocks.firstIndex(where: { $0.range.contains(span.lowerBound) }) else { return nil }
        let block = document.blocks[blockIndex]
        let scalars = document.scalars
        guard let colon = (span.upperBound..<block.range.upperBound).first(where: { scalars[$0] == ":" }) else { return nil }
        let rest = (colon + 1)..<block.range.upperBound
        if rest.contains(where: { scalars[$0] != " " }) {
            return inlineItems(in: rest, of: document)
        }
        return followingItems(after: blockIndex, in: document)
    }

    private static func followingItems(after blockIndex: Int, in document: NormalizedDocument) -> [Evidence]? {
        let next = blockIndex + 1
        guard next < document.blocks.count, case .listItem(let list, let depth) = document.blocks[next].kind else { return nil }
        var items: [Evidence] = []
        for block in document.blocks[next...] {
            guard case .listItem(let itemList, let itemDepth) = block.kind, itemList == list else { break }
            if itemDepth == depth { items.append(EvidenceBuilder.evidence(for: block.range, in: document)) }
        }
        return items
    }

    private static func inlineItems(in range: Range<Int>, of document: NormalizedDocument) -> [Evidence] {
        let scalars = document.scalars
        // The list ends with its sentence.
        var end = range.upperBound
        for index in range where scalars[index] == "." && (index + 1 == range.upperBound || scalars[index + 1] == " ") {
            end = index
            break
        }
        var items: [Evidence] = []
        var start = range.lowerBound
        var index = range.lowerBound
        func cut(_ upper: Int) {
            var lower = start, upper = upper
            while lower < upper, scalars[lower] == " " { lower += 1 }
            while upper > lower, scalars[upper - 1] == " " { upper -= 1 }
            if lower < upper { items.append(EvidenceBuilder.evidence(for: lower..<upper, in: document)) }
        }
        while index < end {
            if scalars[index] == ";" || scalars[index] == "," {
                cut(index)
                start = index + 1
            } else if let length = conjunction(at: index, before: end, in: scalars) {
                cut(index)
                start = index + length
                index += length
                continue
            }
            index += 1
        }
        cut(end)
        return items
    }

    /// The length of " and " or " or " at `index`, if one starts there.
    private static func conjunction(at index: Int, before end: Int, in scalars: [Unicode.Scalar]) -> Int? {
        for word in [" and ", " or "] {
            let pattern = Array(word.unicodeScalars)
            guard index + pattern.count <= end else { continue }
            if (0..<pattern.count).allSatisfy({ scalars[index + $0] == pattern[$0] }) { return pattern.count }
        }
        return nil
    }
}
