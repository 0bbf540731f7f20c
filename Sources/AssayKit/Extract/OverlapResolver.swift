/// Chooses among candidates whose spans overlap, by the rule set's `OverlapPolicy` (by default: higher rule
/// priority, then the longer span, then the earlier one; the rule id breaks ties). By default only candidates of
/// the same type compete. Every candidate that loses is returned with the reason.
struct OverlapResolver {
    var policy = OverlapPolicy()

    func resolve(_ candidates: [Candidate], rules: [Rule]) -> (kept: [Candidate], suppressed: [(Candidate, String, winner: Int)]) {
        let ordered = candidates.sorted { a, b in
            for criterion in policy.order {
                switch criterion {
                case .priority:
                    let pa = rules[a.ruleIndex].priority, pb = rules[b.ruleIndex].priority
                    if pa != pb { return pa > pb }
                case .longest:
                    if a.span.count != b.span.count { return a.span.count > b.span.count }
                case .earliest:
                    if a.span.lowerBound != b.span.lowerBound { return a.span.lowerBound < b.span.lowerBound }
                }
            }
            if rules[a.ruleIndex].id != rules[b.ruleIndex].id { return rules[a.ruleIndex].id < rules[b.ruleIndex].id }
            if a.span.lowerBound != b.span.lowerBound { return a.span.lowerBound < b.span.lowerBound }
            return a.field.group < b.field.group
        }
        var kept: [Candidate] = []
        var suppressed: [(Candidate, String, winner: Int)] = []
        for candidate in ordered {
            if let winner = kept.first(where: { (policy.acrossTypes || $0.type == candidate.type) && $0.span.overlaps(candidate.span) }) {
                let reason = winner.span == candidate.span && winner.value == candidate.value
                    && rules[winner.ruleIndex].id == rules[candidate.ruleIndex].id
                    ? "duplicate of the same rule's match"
                    : "overlaps '\(winner.type)' from rule '\(rules[winner.ruleIndex].id)', which wins by "
                        + policy.order.map(\.rawValue).joined(separator: ", then ")
                suppressed.append((candidate, reason, winner.ruleIndex))
            } else {
                kept.append(candidate)
            }
        }
        return (kept.sorted { $0.span.lowerBound < $1.span.lowerBound || ($0.span.lowerBound == $1.span.lowerBound && $0.span.upperBound < $1.span.upperBound) }, suppressed)
    }
}
