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
            if let error = notANumber(parts, group, role: "part") ?? notANumber(wholes, group, role: "whole") { return [error] }
            let bound = wholes.map { $0.value.integer! }.min()!
            let wholeLinks = wholes.map { CheckResult.Link("whole", $0) }
            return parts.map { fact in
                let value = fact.value.integer!
                let larger = wholes.filter { value > $0.value.integer! }
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
