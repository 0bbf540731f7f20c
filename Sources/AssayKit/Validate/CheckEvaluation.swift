/// One check run over one set of facts: what every kind needs (selecting, grouping by subject and document, keys,
/// results) in one place, and each kind's comparison in its own file (`CheckEvaluation+Sum.swift` …).
///
/// Facts without a subject take part in no check: a check cannot tell whose numbers they are.
struct CheckEvaluation {
    let check: Check
    let index: FactIndex
    let texts: DocumentTexts
    let ruleSet: RuleSet

    /// Every fact with a subject, in document order.
    var facts: [Fact] { index.facts }

    /// The facts a selector takes, in document order.
    func selected(_ selector: FactSelector) -> [Fact] {
        facts.filter(selector.matches)
    }

    /// Facts compared together: one subject, and one document when the check's scope is `document`.
    struct Group {
        var subject: String
        var document: String?
        /// In document order, each fact once.
        var facts: [Fact]
    }

    /// The facts split into groups, ordered by subject and then document.
    func groups(_ facts: [Fact]) -> [Group] {
        var seen: Set<String> = []
        var groups: [String: Group] = [:]
        for fact in facts.sorted(by: Self.documentOrder) where seen.insert(fact.id).inserted {
            guard let subject = fact.subject else { continue }
            let document = check.scope == .document ? fact.evidence.document : nil
            groups["\(subject)\u{0}\(document ?? "")", default: Group(subject: subject, document: document, facts: [])].facts.append(fact)
        }
        return groups.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Facts that state the same thing, by `key`: a fact's qualifier `key` when it has one ("wave": 2); otherwise its
    /// place, from 1, among the facts of its document that lack it, in text order. "14 sites were announced … a
    /// further 11 joined" states waves 1 and 2 without naming them. Ordered by key value.
    func keyed(_ facts: [Fact], by key: String) -> [(label: String, facts: [Fact])] {
        var ordinals: [String: Int] = [:]
        var byValue: [String: [Fact]] = [:]
        for fact in facts.sorted(by: Self.documentOrder) {
            let value: String
            if let qualifier = fact.qualifiers[key] {
                value = qualifier.description
            } else {
                ordinals[fact.evidence.document, default: 0] += 1
                value = String(ordinals[fact.evidence.document]!)
            }
            byValue[value, default: []].append(fact)
        }
        return byValue.sorted { a, b in
            if let x = Int(a.key), let y = Int(b.key) { return x < y }
            return a.key < b.key
        }.map { ("\(key) \($0.key)", $0.value) }
    }

    /// A result of this check for a group.
    func result(
        _ status: CheckResult.Status, _ group: Group?, key: String? = nil, expected: FactValue? = nil,
        observed: FactValue? = nil, message: String, links: [CheckResult.Link]
    ) -> CheckResult {
        CheckResult(
            checkID: check.id, kind: check.kind, severity: check.severity, status: status, subject: group?.subject,
            document: group?.document, key: key, expected: expected, observed: observed, message: message, links: links)
    }

    /// " in this document" or " in the corpus", for messages about what is missing.
    var scopePhrase: String {
        check.scope == .document ? " in this document" : " in the corpus"
    }

    /// The integer values of facts, or an error result naming the first fact that is not a number.
    func integers(_ facts: [Fact], _ group: Group, role: String) -> Result<[Int], CheckError> {
        var values: [Int] = []
        for fact in facts {
            guard let value = fact.value.integer else {
                let words = Wording(facts)
                return .failure(CheckError(result: result(
                    .error, group, message: "\(fact.attribute) \(words.ref(fact)) is not a number, so it cannot be compared",
                    links: [CheckResult.Link(role, fact)])))
            }
            values.append(value)
        }
        return .success(values)
    }

    /// An error result carried through `Result`.
    struct CheckError: Error {
        var result: CheckResult
    }

    static func documentOrder(_ a: Fact, _ b: Fact) -> Bool {
        (a.evidence.document, a.evidence.start, a.evidence.end, a.id) < (b.evidence.document, b.evidence.start, b.evidence.end, b.id)
    }
}

/// The facts a validation runs on, sorted once and indexed by document and record for the checks that look up a
/// fact's neighbours (the facts inside a list's items, the other facts of a count's record).
struct FactIndex {
    /// In document order: document path, then start, end and id.
    let facts: [Fact]
    let byDocument: [String: [Fact]]
    let byRecord: [String: [Fact]]

    init(_ facts: [Fact]) {
        self.facts = facts.sorted(by: CheckEvaluation.documentOrder)
        byDocument = Dictionary(grouping: self.facts, by: \.evidence.document)
        byRecord = Dictionary(grouping: self.facts, by: { $0.evidence.document + "\u{0}" + $0.recordID })
    }

    /// The other facts of a fact's record (record ids are unique within a document).
    func recordmates(of fact: Fact) -> [Fact] {
        (byRecord[fact.evidence.document + "\u{0}" + fact.recordID] ?? []).filter { $0.id != fact.id }
    }
}
