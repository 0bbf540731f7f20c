/// One evaluation of one check: for one subject (and one document, for document-scoped checks), what was expected,
/// what was found, a sentence that says so with the words and lines, and a link to every fact involved.
public struct CheckResult: Sendable, Hashable {
    /// `error` means the check could not be evaluated (no evidence at all, a value of the wrong kind): never a
    /// silent pass. `skipped` means it does not apply here (a document states parts but no total).
    public enum Status: String, Sendable, CaseIterable, Comparable {
        case pass, fail, error, skipped

        /// Worst first when ordering: fail, error, pass, skipped.
        private var rank: Int {
            switch self {
            case .fail: 0
            case .error: 1
            case .pass: 2
            case .skipped: 3
            }
        }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    /// A fact (or a list item) the result rests on, with its part in the comparison.
    ///
    /// A link holds the checked fact itself, shared with every other link to it (a corpus-wide result links
    /// thousands of facts, and a fact is linked by several results); its attribute, value and words are read from it.
    public struct Link: Sendable, Hashable {
        /// The side of the check: `part`, `total`, `count`, `item`, `in_item`, `fact`, `whole`, `before`, `after`.
        public let role: String
        /// For a list item: its position in the list, from 1.
        public let item: Int?
        let fact: CheckedFact

        init(_ role: String, _ fact: CheckedFact) {
            self.role = role
            self.fact = fact
            item = nil
        }

        init(item: Int, of fact: CheckedFact) {
            role = "item"
            self.fact = fact
            self.item = item
        }

        /// A link as `ResultSpill` reads it back.
        init(role: String, item: Int?, fact: CheckedFact) {
            (self.role, self.item, self.fact) = (role, item, fact)
        }

        /// The fact; for a list item, the count whose list it is.
        public var factID: String { fact.id }
        public var attribute: String { fact.attribute }
        /// Nil for a list item (its words are the evidence).
        public var value: FactValue? { item == nil ? fact.value : nil }
        /// The fact's words, or the list item's.
        public var evidence: Evidence { item.map { fact.itemEvidence($0 - 1) } ?? fact.evidence }

        /// The document's path and the start of the words (`evidence`'s), without making the whole evidence.
        var place: (String, Int) {
            (fact.document, Int(item.map { fact.items![$0 - 1].start } ?? fact.start))
        }
    }

    public var checkID: String
    public var kind: Check.Kind
    public var severity: Check.Severity
    public var status: Status
    /// The subject the facts are about (the programme); nil only for a check that found nothing at all.
    public var subject: String?
    /// For a document-scoped result: the document both sides are in.
    public var document: String?
    /// For `agree` and keyed sums: what the compared facts have in common beyond the subject ("wave_sites, wave 1",
    /// "total_sites").
    public var key: String?
    /// A number, a date, or a condition such as "at most 16".
    public var expected: FactValue?
    public var observed: FactValue?
    public var message: String
    public var links: [Link]

    /// Stable across runs: the check, the group and the facts, never run order.
    /// The hash is of "check|subject|document|key|role:fact_id:item|…", made as bytes: every result's id is made
    /// when it is spilled, and a corpus-wide result links thousands of facts (a string per link was most of the work).
    public var id: String {
        var key: [UInt8] = []
        key.reserveCapacity(64 + 40 * links.count)
        for (position, part) in [checkID, subject ?? "", document ?? "", self.key ?? ""].enumerated() {
            if position > 0 { key.append(UInt8(ascii: "|")) }
            key += part.utf8
        }
        for link in links {
            key.append(UInt8(ascii: "|"))
            key += link.role.utf8
            key.append(UInt8(ascii: ":"))
            link.fact.key.append(to: &key)
            key.append(UInt8(ascii: ":"))
            key += String(link.item ?? 0).utf8
        }
        return SHA256Hex.prefixed("c-", digestOf: key, hexDigits: 16)
    }

    /// The documents the linked facts are in, sorted.
    public var documents: [String] { Set(links.map(\.fact.document)).sorted() }

    /// Whether this result fails a gate: a failed or unevaluable check of error severity, or of any severity when
    /// `strict`. An unevaluable check fails too, so losing the evidence never turns a gate green.
    public func failsGate(strict: Bool) -> Bool {
        (status == .fail || status == .error) && (severity == .error || strict)
    }
}
