/// Chooses among candidates of the same type whose spans overlap: higher rule priority first, then the longer
/// span, then the earlier one, then the rule id. Candidates of different types may overlap freely.
struct OverlapResolver {
    func resolve(_ candidates: [Candidate], rules: [Rule]) -> (kept: [Candidate], suppressed: [(Candidate, String)]) {
        let ordered = candidates.sorted { a, b in
            let pa = rules[a.ruleIndex].priority, pb = rules[b.ruleIndex].priority
            if pa != pb { return pa > pb }
            if a.span.count != b.span.count { return a.span.count > b.span.count }
            if a.span.lowerBound != b.span.lowerBound { return a.span.lowerBound < b.span.lowerBound }
            if rules[a.ruleIndex].id != rules[b.ruleIndex].id { return rules[a.ruleIndex].id < rules[b.ruleIndex].id }
            return a.field.group < b.field.group
        }
        var kept: [Candidate] = []
        var suppressed: [(Candidate, String)] = []
        for candidate in ordered {
            if let winner = kept.first(where: { $0.type == candidate.type && $0.span.overlaps(candidate.span) }) {
                let reason = winner.span == candidate.span && winner.value == candidate.value
                    && rules[winner.ruleIndex].id == rules[candidate.ruleIndex].id
                    ? "duplicate of the same rule's match"
                    : "overlaps a \(winner.type) from rule '\(rules[winner.ruleIndex].id)' that wins by priority, length or position"
                suppressed.append((candidate, reason))
            } else {
                kept.append(candidate)
            }
        }
        return (kept.sorted { $0.span.lowerBound < $1.span.lowerBound || ($0.span.lowerBound == $1.span.lowerBound && $0.span.upperBound < $1.span.upperBound) }, suppressed)
    }
}
