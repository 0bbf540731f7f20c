/// Runs each rule's examples through the real pipeline (normaliser, extractor, evidence) and reports mismatches.
///
/// Every `match` example runs three times: as written, behind a multi-byte prefix (`é😀 `, which puts an astral
/// character before the span so UTF-16 and scalar offsets differ), and wrapped in an HTML page. Spans are compared
/// in source offsets, so an offset bug anywhere between the source and the fact shows here.
public struct ExampleVerifier: Sendable {
    public var ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// One run of one example in one variant.
    public struct Result: Sendable, Hashable {
        public var ruleID: String
        public var example: RuleExample
        public var variant: String
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }

        /// A compiler-style line at the example's place in the rule file.
        public var diagnostic: Diagnostic {
            Diagnostic(
                .error, stage: .rules, "example fails (\(variant)): " + failures.joined(separator: "; "),
                at: example.location, ruleID: ruleID)
        }
    }

    public func verifyAll() -> [Result] {
        ruleSet.rules.flatMap { rule in rule.examples.flatMap { verify(rule, $0) } }
    }

    public func verify(_ rule: Rule, _ example: RuleExample) -> [Result] {
        guard let marked = MarkedText(example.markedText) else {
            return [Result(ruleID: rule.id, example: example, variant: "as written", failures: ["'[[' and ']]' do not pair up"])]
        }
        if example.kind == .noMatch {
            let facts = run(rule, source: marked.text, mediaType: .text)
            let failures = facts.map { "matched '\($0.evidence.exact)' (\($0.type) = \($0.value))" }
            return [Result(ruleID: rule.id, example: example, variant: "as written", failures: failures)]
        }
        var failures: [String] = []
        if !example.values.isEmpty, example.values.count != marked.spans.count {
            failures.append("\(marked.spans.count) spans are marked but \(example.values.count) values are given")
        }
        if marked.spans.isEmpty { failures.append("no span is marked with [[…]]") }
        guard failures.isEmpty else {
            return [Result(ruleID: rule.id, example: example, variant: "as written", failures: failures)]
        }
        let plain = compare(rule, example, marked, source: marked.text, mediaType: .text, shift: { $0 })
        // The prefix goes into the line of the first span, after its bullet, so the astral character sits in the
        // same block as the span (block-local UTF-16 offsets are where such bugs hide) and the structure is kept.
        let prefix = Array("é😀 ".unicodeScalars)
        let insertion = Self.insertionPoint(before: marked.spans[0].lowerBound, in: Array(marked.text.unicodeScalars))
        var prefixedText = Array(marked.text.unicodeScalars)
        prefixedText.insert(contentsOf: prefix, at: insertion)
        let prefixed = compare(rule, example, marked, source: String(String.UnicodeScalarView(prefixedText)), mediaType: .text) {
            let shift = $0.lowerBound >= insertion ? prefix.count : 0
            return ($0.lowerBound + shift)..<($0.upperBound + shift)
        }
        let (html, offsets) = Self.htmlPage(marked.text)
        let wrapped = compare(rule, example, marked, source: html, mediaType: .html) {
            offsets[$0.lowerBound]..<(offsets[$0.upperBound - 1] + Self.escapedLength(marked.text, at: $0.upperBound - 1))
        }
        return [
            Result(ruleID: rule.id, example: example, variant: "as written", failures: plain),
            Result(ruleID: rule.id, example: example, variant: "behind a multi-byte prefix", failures: prefixed),
            Result(ruleID: rule.id, example: example, variant: "wrapped in HTML", failures: wrapped),
        ]
    }

    private func compare(
        _ rule: Rule, _ example: RuleExample, _ marked: MarkedText, source: String, mediaType: MediaType,
        shift: (Range<Int>) -> Range<Int>
    ) -> [String] {
        let facts = run(rule, source: source, mediaType: mediaType)
        var failures: [String] = []
        let sourceScalars = Array(source.unicodeScalars)
        let expected = marked.spans.map(shift)
        var remaining = facts
        for (index, span) in expected.enumerated() {
            let text = String(String.UnicodeScalarView(sourceScalars[span]))
            guard let found = remaining.firstIndex(where: { $0.evidence.sourceStart == span.lowerBound && $0.evidence.sourceEnd == span.upperBound })
            else {
                failures.append("expected a match at '\(text)'" + (facts.isEmpty ? ", found none" : ", found " + Self.describe(facts)))
                continue
            }
            let fact = remaining.remove(at: found)
            if index < example.values.count, !Self.same(fact.value, example.values[index]) {
                failures.append("'\(text)' gave \(fact.type) \(fact.value), expected \(example.values[index])")
            }
        }
        if !remaining.isEmpty { failures.append("unexpected " + Self.describe(remaining)) }
        return failures
    }

    private func run(_ rule: Rule, source: String, mediaType: MediaType) -> [Fact] {
        let document = CorpusLoader().load(bytes: Array(source.utf8), path: "example", mediaType: mediaType)
        let normalized = Normalizer(boilerplate: ruleSet.boilerplate).normalize(document)
        return Extractor(ruleSet: ruleSet, onlyRule: rule.id).extract(from: normalized).facts
    }

    /// Values compare as text, ignoring case, so `16` and `"16"` in YAML both mean sixteen.
    private static func same(_ value: FactValue, _ expected: FactValue) -> Bool {
        value.description.lowercased() == expected.description.lowercased()
    }

    private static func describe(_ facts: [Fact]) -> String {
        facts.map { "'\($0.evidence.exact)' (\($0.type) = \($0.value))" }.joined(separator: ", ")
    }

    /// An HTML page holding `text`, one paragraph per line and a list item for a line that starts with a bullet
    /// (so rules limited to list items can be tried in HTML too), and the offset in the page of each scalar of
    /// `text` (-1 for bullets and line breaks, which the page writes as markup).
    static func htmlPage(_ text: String) -> (String, [Int]) {
        var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><main>"
        var offsets: [Int] = []
        var position = page.unicodeScalars.count
        func write(_ markup: String) {
            page += markup
            position += markup.unicodeScalars.count
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            var scalars = Array(line.unicodeScalars)[...]
            let isItem = scalars.count > 2 && ["•", "-", "*"].contains(scalars.first!) && scalars[scalars.startIndex + 1] == " "
            if isItem {
                offsets += [-1, -1]
                scalars = scalars.dropFirst(2)
            }
            write(isItem ? "<ul><li>" : "<p>")
            for scalar in scalars {
                offsets.append(position)
                write(escape(scalar))
            }
            write(isItem ? "</li></ul>" : "</p>")
            if number < lines.count - 1 { offsets.append(-1) }
        }
        write("</main></body></html>")
        return (page, offsets)
    }

    /// The start of the line holding `offset`, after a list bullet if the line has one.
    static func insertionPoint(before offset: Int, in scalars: [Unicode.Scalar]) -> Int {
        var start = offset
        while start > 0, scalars[start - 1] != "\n" { start -= 1 }
        if start + 1 < scalars.count, ["•", "-", "*"].contains(scalars[start]), scalars[start + 1] == " " { start += 2 }
        return min(start, offset)
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "<": "&lt;"
        case ">": "&gt;"
        case "&": "&amp;"
        default: String(scalar)
        }
    }

    private static func escapedLength(_ text: String, at index: Int) -> Int {
        escape(Array(text.unicodeScalars)[index]).unicodeScalars.count
    }
}
