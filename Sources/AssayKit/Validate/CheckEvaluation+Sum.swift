extension CheckEvaluation {
    /// `sum`: in each group, the parts add up to every total stated. One result per total.
    ///
    /// With a key, parts with the same key are one part stated again (the same wave in two documents) and count
    /// once; if they disagree the sum cannot be taken and the group is an error (`agree` says which is right).
    func sum(parts: FactSelector, total: FactSelector, key: Check.Key?) -> [CheckResult] {
        groups(selected(parts) + selected(total)).flatMap { group -> [CheckResult] in
            let totals = group.facts.filter(total.matches)
            let stated = group.facts.filter { parts.matches($0) && !total.matches($0) }
            let words = Wording(group.facts)
            if totals.isEmpty {
                return [result(
                    .skipped, group, message: "no \(total.summary) stated\(scopePhrase) to compare \(parts.summary) \(words.refs(stated)) with",
                    links: stated.map { CheckResult.Link("part", $0) })]
            }
            if stated.isEmpty {
                return [result(
                    .skipped, group, message: "no \(parts.summary) stated\(scopePhrase) to add up to \(words.labelled(totals))",
                    links: totals.map { CheckResult.Link("total", $0) })]
            }
            var counted = stated
            if let key {
                counted = []
                for (label, same) in keyed(stated, by: key) {
                    // A fact without a key is alone in its set, so only a labelled set can disagree.
                    guard Set(same.map(\.value)).count == 1 else {
                        return [result(
                            .error, group, key: label,
                            message: "\(parts.summary) of \(label ?? "one key") disagree: \(words.refs(same)); the parts cannot be added",
                            links: same.map { CheckResult.Link("part", $0) })]
                    }
                    counted.append(same[0])
                }
            }
            if let error = notANumber(counted, group, role: "part") ?? notANumber(totals, group, role: "total") { return [error] }
            let sum = counted.reduce(0) { $0 + $1.value.integer! }
            let equation = "\(parts.summary) " + counted.map(words.ref).joined(separator: " + ") + " = \(sum)"
            let partLinks = stated.map { CheckResult.Link("part", $0) }
            return totals.map { fact in
                let value = fact.value.integer!
                let holds = value == sum
                return result(
                    holds ? .pass : .fail, group, expected: .integer(value), observed: .integer(sum),
                    message: "\(equation) \(holds ? "=" : "≠") \(fact.attribute) \(words.ref(fact)): expected \(value), found \(sum)",
                    links: partLinks + [CheckResult.Link("total", fact)])
            }
        }
    }
}
