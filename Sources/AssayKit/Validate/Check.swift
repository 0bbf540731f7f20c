/// A rule about the extracted facts: parts add up to a total, a stated count matches its list, two statements of the
/// same thing agree, a part is no larger than its whole, a value is in range, one event comes no later than another,
/// a subject has an attribute.
///
/// Declared under `checks:` in `Rules/` (compiled by `RuleSetBuilder+Checks.swift`), evaluated by `Validator`.
/// A check selects its facts by type, attribute, subject and qualifiers, never by document, so the same checks run
/// on any corpus; facts are compared within one subject (the programme), in each document or across the corpus.
public struct Check: Sendable, Hashable {
    /// The kinds of check, as written in the rule files.
    public enum Kind: String, Sendable, CaseIterable {
        case sum
        case listLength = "list_length"
        case agree
        case subset
        case range
        case dateOrder = "date_order"
        case required
    }

    /// What a failure means: `error` fails `assay build` and `assay validate`; `warning` only with `--strict`.
    public enum Severity: String, Sendable, CaseIterable {
        case error, warning
    }

    /// Where facts are compared: within each document (the document states both sides), or across the corpus.
    public enum Scope: String, Sendable, CaseIterable {
        case document, corpus
    }

    /// What tells statements of the same thing apart (which wave a size is about): a qualifier, and for facts that
    /// lack it, optionally their order in the document.
    public struct Key: Sendable, Hashable {
        public var qualifier: String
        /// When true, a fact without the qualifier takes its place, from 1, among its document's facts that lack
        /// it: "14 … were announced … a further 11 … joined" states waves 1 and 2 without naming them. When false,
        /// such a fact is only itself.
        public var byOrder: Bool

        public init(qualifier: String, byOrder: Bool = false) {
            self.qualifier = qualifier
            self.byOrder = byOrder
        }
    }

    /// What the check compares, with the facts each side selects.
    public enum Test: Sendable, Hashable {
        /// The parts add up to each total. With `key`, parts with the same key are one part stated again.
        case sum(parts: FactSelector, total: FactSelector, key: Key?)
        /// A count equals the number of its items: the list the count introduces, or, with `items`, the facts of
        /// the count's own record that `items` selects ("Two waves … (14 pilots and 11 pilots respectively)").
        case listLength(count: FactSelector, items: FactSelector?)
        /// Every statement of the same attribute of the same subject (with the same key) has the same value.
        case agree(facts: FactSelector, key: Key?)
        /// No part is larger than any whole.
        case subset(part: FactSelector, whole: FactSelector)
        /// Every value is at least `minimum` and at most `maximum`.
        case range(facts: FactSelector, minimum: Int?, maximum: Int?)
        /// No `after` date comes before a `before` date.
        case dateOrder(before: FactSelector, after: FactSelector)
        /// Each subject (each entry of the gazetteer `forEach`, or each subject with any fact) has a selected fact.
        case required(facts: FactSelector, forEach: String?)

        public var kind: Kind {
            switch self {
            case .sum: .sum
            case .listLength: .listLength
            case .agree: .agree
            case .subset: .subset
            case .range: .range
            case .dateOrder: .dateOrder
            case .required: .required
            }
        }

        /// Every selector of the test, in the order the sides are named.
        public var selectors: [FactSelector] {
            switch self {
            case .sum(let parts, let total, _): [parts, total]
            case .listLength(let count, let items): [count] + (items.map { [$0] } ?? [])
            case .agree(let facts, _), .range(let facts, _, _), .required(let facts, _): [facts]
            case .subset(let part, let whole): [part, whole]
            case .dateOrder(let before, let after): [before, after]
            }
        }
    }

    public var id: String
    public var test: Test
    public var severity: Severity
    public var scope: Scope
    public var description: String?
    /// Where the check's `id` is in its rule file.
    public var location: SourceLocation
    public var examples: [CheckExample]

    public var kind: Kind { test.kind }

    public init(
        id: String, test: Test, severity: Severity = .error, scope: Scope = .document, description: String? = nil,
        location: SourceLocation, examples: [CheckExample] = []
    ) {
        self.id = id
        self.test = test
        self.severity = severity
        self.scope = scope
        self.description = description
        self.location = location
        self.examples = examples
    }
}
