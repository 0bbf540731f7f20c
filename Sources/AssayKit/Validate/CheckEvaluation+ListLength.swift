extension CheckEvaluation {
    /// `list_length`: a stated count equals the number of its items. One result per count.
    ///
    /// Without `items`, the items are the list the count introduces (`Fact.items`: the list items after "are:", or
    /// the inline list after a colon); counts that introduce no list are not statements about a list and are left
    /// out. With `items`, they are the facts of the count's own record that `items` selects.
    func listLength(count: FactSelector, items: FactSelector?) -> [CheckResult] {
        let counts = selected(count)
        if let items { return recordLength(counts, items: items) }
        let listing = counts.filter { $0.items != nil }
        guard !listing.isEmpty else {
            let words = Wording(counts)
            return [result(
                .skipped, nil, message: "no \(count.summary) introduces a list: \(words.refs(counts)) \(counts.count == 1 ? "is" : "are each") followed by no colon",
                links: counts.map { CheckResult.Link("count", $0) })]
        }
        return listing.map { fact in
            let group = Group(subject: fact.subject!, document: fact.document, facts: [fact])
            let listed = (fact.items ?? []).indices.map(fact.itemEvidence)
            let expected = fact.value.integer
            let introduction = "'\(texts.sentence(around: fact.evidence, toColon: true))' (\(Wording([fact]).place(fact.evidence)))"
            let found = listed.isEmpty ? "no items listed after \(introduction)"
                : "\(listed.count) item\(listed.count == 1 ? "" : "s") listed after \(introduction), "
                    + (Set(listed.map(\.line)) == [fact.evidence.line] ? "on the same line" : "on \(Wording.lines(listed))")
            let inside = index.facts(in: fact.document).filter { other in
                other.key != fact.key && listed.contains { $0.start <= Int(other.start) && Int(other.end) <= $0.end }
            }
            let links = [CheckResult.Link("count", fact)]
                + listed.indices.map { CheckResult.Link(item: $0 + 1, of: fact) }
                + inside.map { CheckResult.Link("in_item", $0) }
            guard let expected else {
                return result(.error, group, message: "\(fact.attribute) '\(fact.exact)' is not a number: \(found)", links: links)
            }
            return result(
                expected == listed.count ? .pass : .fail, group, expected: .integer(expected), observed: .integer(listed.count),
                message: "\(found): expected \(expected), found \(listed.count)", links: links)
        }
    }

    /// The count compared with the facts of its own record: "Two waves … (14 pilots and 11 pilots respectively)".
    private func recordLength(_ counts: [CheckedFact], items: FactSelector) -> [CheckResult] {
        guard !counts.isEmpty else {
            let members = selected(items)
            return [result(
                .skipped, nil, message: "no \(check.test.selectors[0].summary) stated to count \(Wording(members).labelled(members)) against",
                links: members.map { CheckResult.Link("item", $0) })]
        }
        return counts.map { fact in
            let group = Group(subject: fact.subject!, document: fact.document, facts: [fact])
            let members = index.recordmates(of: fact).filter(items.matches)
            let words = Wording([fact] + members)
            let statement = "'\(texts.sentence(around: fact.evidence))' (\(words.place(fact.evidence)))"
            let links = [CheckResult.Link("count", fact)] + members.map { CheckResult.Link("item", $0) }
            guard !members.isEmpty else {
                return result(.skipped, group, message: "\(statement) gives no \(items.summary) in the same statement", links: links)
            }
            guard let expected = fact.value.integer else {
                return result(.error, group, message: "\(fact.attribute) '\(fact.exact)' is not a number", links: links)
            }
            let values = members.map(\.value.description).joined(separator: ", ")
            return result(
                expected == members.count ? .pass : .fail, group, expected: .integer(expected), observed: .integer(members.count),
                message: "\(members.count) \(items.summary) (\(values)) given with \(statement): expected \(expected), found \(members.count)",
                links: links)
        }
    }
}
