extension CheckEvaluation {
    /// `date_order`: no `after` date comes before a `before` date of the same group. One result per `after` fact.
    ///
    /// Dates compare by what they can mean: "2013" and "November 2013" overlap, so neither is before the other;
    /// only an `after` date that certainly ends before a `before` date begins fails.
    func dateOrder(before: FactSelector, after: FactSelector) -> [CheckResult] {
        groups(selected(before) + selected(after)).flatMap { group -> [CheckResult] in
            let earlier = group.facts.filter(before.matches)
            let later = group.facts.filter { after.matches($0) && !before.matches($0) }
            let words = Wording(group.facts)
            if earlier.isEmpty || later.isEmpty {
                let (missing, present, role) = earlier.isEmpty ? (before, later, "after") : (after, earlier, "before")
                return [result(
                    .skipped, group, message: "no \(missing.summary) stated\(scopePhrase) to order with \(words.labelled(present))",
                    links: present.map { CheckResult.Link(role, $0) })]
            }
            var bounds: [FactKey: DateBounds] = [:]
            for fact in earlier + later {
                guard let date = DateBounds(fact.value.description) else {
                    return [result(
                        .error, group, message: "\(fact.attribute) \(words.ref(fact)) is not a date, so it cannot be ordered",
                        links: [CheckResult.Link(earlier.contains(fact) ? "before" : "after", fact)])]
                }
                bounds[fact.key] = date
            }
            let latestStart = earlier.max { bounds[$0.key]!.earliest < bounds[$1.key]!.earliest }!
            // A result links the `before` facts that decide it, not every one: with one result per `after` fact, linking
            // all of them would grow with the square of the corpus.
            // An `after` date that ends no earlier than every `before` date begins violates none: the usual case,
            // decided without comparing it with each `before` date (that was quadratic across a corpus).
            let latestBeginning = bounds[latestStart.key]!.earliest
            return later.map { fact in
                let violated = bounds[fact.key]!.latest >= latestBeginning ? [] : earlier.filter { bounds[fact.key]!.isBefore(bounds[$0.key]!) }
                let holds = violated.isEmpty
                let deciding = holds ? [latestStart] : violated
                let others = holds && earlier.count > 1 ? " (the latest of \(earlier.count) \(latestStart.attribute) dates)" : ""
                let compared = holds ? "is not before \(words.labelled(deciding))\(others)" : "is before \(words.labelled(violated))"
                let bound = holds ? latestStart : violated.max { bounds[$0.key]!.earliest < bounds[$1.key]!.earliest }!
                return result(
                    holds ? .pass : .fail, group, expected: .string("not before \(bound.value)"), observed: fact.value,
                    message: "\(fact.attribute) \(words.ref(fact)) \(compared): expected not before \(bound.value), found \(fact.value)",
                    links: deciding.map { CheckResult.Link("before", $0) } + [CheckResult.Link("after", fact)])
            }
        }
    }
}
