extension CheckEvaluation {
    /// `agree`: every statement of the same attribute of the same subject (and, with a key, the same key) has the
    /// same value. One result per attribute and key; a thing stated once has nothing to agree with and is skipped.
    ///
    /// The first statement in document order is the expected value; the others are found to equal it or not.
    func agree(facts selector: FactSelector, key: Check.Key?) -> [CheckResult] {
        groups(selected(selector)).flatMap { group -> [CheckResult] in
            let attributes = Array(Set(group.facts.map(\.attribute))).sorted()
            return attributes.flatMap { attribute -> [CheckResult] in
                let stated = group.facts.filter { $0.attribute == attribute }
                let sets = key.map { keyed(stated, by: $0) } ?? [(nil, stated)]
                return sets.map { label, same in
                    let words = Wording(same)
                    let what = attribute + (label.map { " of \($0)" } ?? "")
                    let resultKey = attribute + (label.map { ", \($0)" } ?? "")
                    let links = same.map { CheckResult.Link("fact", $0) }
                    guard same.count > 1 else {
                        return result(.skipped, group, key: resultKey, message: "\(what) is stated once, \(words.refs(same)): nothing to compare", links: links)
                    }
                    let expected = same[0].value
                    var values: [FactValue] = []
                    for fact in same where !values.contains(fact.value) { values.append(fact.value) }
                    let differing = values.filter { $0 != expected }
                    if differing.isEmpty {
                        return result(
                            .pass, group, key: resultKey, expected: expected, observed: expected,
                            message: "\(what) agree: \(words.refs(same)): expected \(expected), found \(expected)", links: links)
                    }
                    let sides = values.map { value in words.refs(same.filter { $0.value == value }) }.joined(separator: " ≠ ")
                    let observed: FactValue = differing.count == 1 ? differing[0] : .string(differing.map(\.description).joined(separator: " and "))
                    return result(
                        .fail, group, key: resultKey, expected: expected, observed: observed,
                        message: "\(what) disagree: \(sides): expected \(expected), found \(observed)", links: links)
                }
            }
        }
    }
}
