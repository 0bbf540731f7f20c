/// Per rule, what it did on a corpus: facts produced, candidates set aside, whether it never fires or is always
/// shadowed by another rule, and how many of its facts took part in failed checks (in the spirit of Snorkel's
/// labeling-function summary: coverage, overlaps, conflicts).
public struct RuleCoverage: Sendable {
    public struct Row: Sendable, Hashable {
        public var ruleID: String
        public var location: SourceLocation
        public var facts: Int
        public var documents: Int
        /// Candidates the overlap policy set aside in favour of another rule.
        public var shadowed: Int
        /// Candidates whose text gave no value.
        public var unreadable: Int
        /// The rules that won over this rule's candidates, by id.
        public var shadowedBy: [String]
        /// Facts of this rule involved in checks that failed.
        public var factsInFailedChecks: Int

        public var neverFires: Bool { facts == 0 && shadowed == 0 && unreadable == 0 }
        public var alwaysShadowed: Bool { facts == 0 && shadowed > 0 }
    }

    public var rows: [Row]

    public init(dataset: Dataset) {
        var facts: [String: Int] = [:], documents: [String: Set<String>] = [:]
        var shadowed: [String: Int] = [:], unreadable: [String: Int] = [:], winners: [String: Set<String>] = [:]
        for extraction in dataset.extractions {
            for fact in extraction.facts {
                facts[fact.ruleID, default: 0] += 1
                documents[fact.ruleID, default: []].insert(fact.evidence.document)
            }
            for candidate in extraction.suppressed {
                if let winner = candidate.winnerRuleID {
                    if winner != candidate.ruleID {
                        shadowed[candidate.ruleID, default: 0] += 1
                        winners[candidate.ruleID, default: []].insert(winner)
                    }
                } else {
                    unreadable[candidate.ruleID, default: 0] += 1
                }
            }
        }
        let failedFactIDs = Set(dataset.validation.results.filter { $0.status == .fail }.flatMap { $0.links.map(\.factID) })
        var inFailed: [String: Int] = [:]
        for fact in dataset.facts where failedFactIDs.contains(fact.id) { inFailed[fact.ruleID, default: 0] += 1 }
        rows = dataset.ruleSet.rules.map { rule in
            Row(
                ruleID: rule.id, location: rule.location, facts: facts[rule.id] ?? 0, documents: documents[rule.id]?.count ?? 0,
                shadowed: shadowed[rule.id] ?? 0, unreadable: unreadable[rule.id] ?? 0,
                shadowedBy: (winners[rule.id] ?? []).sorted(), factsInFailedChecks: inFailed[rule.id] ?? 0)
        }
    }

    /// A table for people, and a closing line naming the rules that need a look.
    public var rendered: String {
        let header = ["rule", "facts", "documents", "shadowed", "unreadable", "in failed checks", "note"]
        let table = rows.map { row -> [String] in
            var note = ""
            if row.neverFires { note = "never fires" }
            if row.alwaysShadowed { note = "always shadowed by " + row.shadowedBy.joined(separator: ", ") }
            return [row.ruleID, "\(row.facts)", "\(row.documents)", "\(row.shadowed)", "\(row.unreadable)", "\(row.factsInFailedChecks)", note]
        }
        let widths = header.indices.map { column in ([header] + table).map { $0[column].count }.max() ?? 0 }
        let lines = ([header] + table).map { cells in
            cells.enumerated().map { index, cell in
                index == 0 || index == cells.count - 1
                    ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let never = rows.filter(\.neverFires).count, shadowed = rows.filter(\.alwaysShadowed).count
        return (lines + ["\(rows.count) rules: \(never) never fire, \(shadowed) always shadowed"]).joined(separator: "\n") + "\n"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
