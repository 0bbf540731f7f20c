/// Chooses among candidates whose spans overlap, by the rule set's `OverlapPolicy` (by default: higher rule
/// priority, then the longer span, then the earlier one; the rule id breaks ties). By default only candidates of
/// the same type compete. Every candidate that loses is returned with the reason.
struct OverlapResolver {
    var policy = OverlapPolicy()

    func resolve(_ candidates: [Candidate], rules: [Rule]) -> (kept: [Candidate], suppressed: [(Candidate, String, winner: Int)]) {
        // Positions are sorted, not candidates: moving a candidate retains and releases its many references.
        let ordered = candidates.indices.sorted { first, second in
            let a = candidates[first].span, b = candidates[second].span
            let ruleA = candidates[first].ruleIndex, ruleB = candidates[second].ruleIndex
            for criterion in policy.order {
                switch criterion {
                case .priority:
                    let pa = rules[ruleA].priority, pb = rules[ruleB].priority
                    if pa != pb { return pa > pb }
                case .longest:
                    if a.count != b.count { return a.count > b.count }
                case .earliest:
                    if a.lowerBound != b.lowerBound { return a.lowerBound < b.lowerBound }
                }
            }
            if rules[ruleA].id != rules[ruleB].id { return rules[ruleA].id < rules[ruleB].id }
            if a.lowerBound != b.lowerBound { return a.lowerBound < b.lowerBound }
            return candidates[first].field.group < candidates[second].field.group
        }
        var kept: [Candidate] = []
        var suppressed: [(Candidate, String, winner: Int)] = []
        for index in ordered {
            let candidate = candidates[index]
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
