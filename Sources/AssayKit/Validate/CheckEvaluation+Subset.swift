extension CheckEvaluation {
    /// `subset`: no part is larger than a whole of the same group. One result per part.
    func subset(part: FactSelector, whole: FactSelector) -> [CheckResult] {
        groups(selected(part) + selected(whole)).flatMap { group -> [CheckResult] in
            let wholes = group.facts.filter(whole.matches)
            let parts = group.facts.filter { part.matches($0) && !whole.matches($0) }
            let words = Wording(group.facts)
            if wholes.isEmpty {
                return [result(
                    .skipped, group, message: "no \(whole.summary) stated\(scopePhrase) to compare \(words.labelled(parts)) with",
                    links: parts.map { CheckResult.Link("part", $0) })]
            }
            if parts.isEmpty {
                return [result(
                    .skipped, group, message: "no \(part.summary) stated\(scopePhrase) to compare with \(words.labelled(wholes))",
                    links: wholes.map { CheckResult.Link("whole", $0) })]
            }
            let partValues: [Int], wholeValues: [Int]
            switch (integers(parts, group, role: "part"), integers(wholes, group, role: "whole")) {
            case (.failure(let error), _), (_, .failure(let error)): return [error.result]
            case (.success(let a), .success(let b)): (partValues, wholeValues) = (a, b)
            }
            let bound = wholeValues.min()!
            let wholeLinks = wholes.map { CheckResult.Link("whole", $0) }
            return zip(parts, partValues).map { fact, value in
                let larger = zip(wholes, wholeValues).filter { value > $0.1 }.map(\.0)
                let holds = larger.isEmpty
                let compared = holds ? "≤ \(words.labelled(wholes))" : "> \(words.labelled(larger))"
                return result(
                    holds ? .pass : .fail, group, expected: .string("at most \(bound)"), observed: .integer(value),
                    message: "\(fact.attribute) \(words.ref(fact)) \(compared): expected at most \(bound), found \(value)",
                    links: [CheckResult.Link("part", fact)] + wholeLinks)
            }
        }
    }
}
