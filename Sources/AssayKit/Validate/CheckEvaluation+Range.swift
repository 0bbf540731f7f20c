extension CheckEvaluation {
    /// `range`: every value of a group is within the bounds. One result per group, naming the values outside.
    func range(facts selector: FactSelector, minimum: Int?, maximum: Int?) -> [CheckResult] {
        let (bounds, outsideBounds) = switch (minimum, maximum) {
        case let (low?, high?): ("\(low)..\(high)", "outside \(low)..\(high)")
        case let (low?, nil): ("at least \(low)", "below \(low)")
        case let (nil, high?): ("at most \(high)", "above \(high)")
        case (nil, nil): ("any value", "outside any value")
        }
        return groups(selected(selector)).map { group in
            let words = Wording(group.facts)
            let links = group.facts.map { CheckResult.Link("fact", $0) }
            if let error = notANumber(group.facts, group, role: "fact") { return error }
            let values = group.facts.map { $0.value.integer! }
            let outside = zip(group.facts, values).filter { _, value in
                minimum.map { value < $0 } == true || maximum.map { value > $0 } == true
            }
            let low = values.min()!, high = values.max()!
            if outside.isEmpty {
                return result(
                    .pass, group, expected: .string(bounds), observed: low == high ? .integer(low) : .string("\(low)..\(high)"),
                    message: "\(words.labelled(group.facts)) within \(bounds): expected \(bounds), found \(low == high ? "\(low)" : "\(low)..\(high)")",
                    links: links)
            }
            let found = outside.map { String($0.1) }.joined(separator: " and ")
            return result(
                .fail, group, expected: .string(bounds), observed: outside.count == 1 ? .integer(outside[0].1) : .string(found),
                message: "\(words.labelled(outside.map(\.0))) \(outsideBounds): expected \(bounds), found \(found)", links: links)
        }
    }
}
