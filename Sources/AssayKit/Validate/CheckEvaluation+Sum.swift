extension CheckEvaluation {
    /// `sum`: in each group, the parts add up to every total stated. One result per total.
    ///
    /// With a key, parts with the same key are one part stated again (the same wave in two documents) and count
    /// once; if they disagree the sum cannot be taken and the group is an error (`agree` says which is right).
    func sum(parts: FactSelector, total: FactSelector, key: String?) -> [CheckResult] {
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
                    guard Set(same.map(\.value)).count == 1 else {
                        return [result(
                            .error, group, key: label,
                            message: "\(parts.summary) of \(label) disagree: \(words.refs(same)); the parts cannot be added",
                            links: same.map { CheckResult.Link("part", $0) })]
                    }
                    counted.append(same[0])
                }
            }
            let values: [Int], totalValues: [Int]
            switch (integers(counted, group, role: "part"), integers(totals, group, role: "total")) {
            case (.failure(let error), _), (_, .failure(let error)): return [error.result]
            case (.success(let a), .success(let b)): (values, totalValues) = (a, b)
            }
            let sum = values.reduce(0, +)
            let equation = "\(parts.summary) " + counted.map(words.ref).joined(separator: " + ") + " = \(sum)"
            let partLinks = stated.map { CheckResult.Link("part", $0) }
            return zip(totals, totalValues).map { fact, value in
                let holds = value == sum
                return result(
                    holds ? .pass : .fail, group, expected: .integer(value), observed: .integer(sum),
                    message: "\(equation) \(holds ? "=" : "≠") \(fact.attribute) \(words.ref(fact)): expected \(value), found \(sum)",
                    links: partLinks + [CheckResult.Link("total", fact)])
            }
        }
    }
}
