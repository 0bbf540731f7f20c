import Foundation

/// Answers "which rules matched here, what was set aside, and why did this rule not fire?" for one document.
///
/// Input: a normalised document and the rule set. Output: an `Explanation` holding the facts, the candidates the
/// overlap policy or value reading suppressed (with reasons), and, for a named rule that produced nothing, its
/// nearest misses: blocks where its keywords occur, how far its pattern got there (the longest prefix of its
/// top-level pieces that matches), and the piece that failed.
public struct Explainer: Sendable {
    public var ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    public struct NearMiss: Sendable, Hashable {
        public var line: Int?
        /// The block's text, for context.
        public var context: String
        /// What the longest matching prefix of the pattern matched, and the pattern pieces it used.
        public var matched: String?
        public var matchedPieces: String
        /// The first piece that did not match after it, or nil when not even the first piece matched.
        public var failedPiece: String?
    }

    public struct Explanation: Sendable {
        public var document: String
        public var facts: [Fact]
        public var suppressed: [SuppressedCandidate]
        public var suppressedLines: [Int?]
        public var rule: String?
        public var nearMisses: [NearMiss]
        /// The rule's keywords, when none of them occurs where the rule was looked for.
        public var missingKeywords: [String]

        /// The explanation for people, one finding per line.
        public var rendered: String {
            var lines: [String] = []
            let scope = rule.map { "rule \($0)" } ?? "all rules"
            lines.append("\(document): \(facts.count) fact(s) from \(scope)")
            for fact in facts {
                let line = fact.evidence.line.map(String.init) ?? "?"
                lines.append("  line \(line): \(fact.ruleID) matched '\(fact.evidence.exact)' → \(fact.type) \(fact.attribute) = \(fact.value)"
                    + " (\(fact.subject ?? "no subject"))")
            }
            if !suppressed.isEmpty {
                lines.append("suppressed candidates:")
                for (candidate, line) in zip(suppressed, suppressedLines) {
                    lines.append("  line \(line.map(String.init) ?? "?"): \(candidate.ruleID) '\(candidate.exact)' (\(candidate.type)): \(candidate.reason)")
                }
            }
            if let rule, facts.isEmpty {
                if !missingKeywords.isEmpty {
                    lines.append("none of the keywords of \(rule) occurs here (" + missingKeywords.map { "'\($0)'" }.joined(separator: ", ")
                        + "), so the rule never runs here")
                }
                if nearMisses.isEmpty {
                    lines.append("no near miss: no piece of the pattern of \(rule) matches here")
                } else {
                    lines.append("nearest misses of \(rule):")
                    for miss in nearMisses {
                        let line = miss.line.map(String.init) ?? "?"
                        if let matched = miss.matched, let failed = miss.failedPiece {
                            lines.append("  line \(line): '\(matched)' matched \(miss.matchedPieces), then \(failed) did not match after it")
                        } else if let matched = miss.matched {
                            lines.append("  line \(line): '\(matched)' matched \(miss.matchedPieces)")
                        } else {
                            lines.append("  line \(line): the keywords occur but not even the pattern's first piece \(miss.failedPiece ?? "") matches")
                        }
                        lines.append("    in: \(miss.context)")
                    }
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Explains `document`, for all rules or one, over the whole document or one source line.
    public func explain(_ document: NormalizedDocument, rule ruleID: String? = nil, line: Int? = nil) -> Explanation {
        let extraction = Extractor(ruleSet: ruleSet, onlyRule: ruleID).extract(from: document)
        let lineOf = { (start: Int) -> Int? in
            document.sourceMap.sourceRange(of: start..<start + 1).map { document.sourceMap.line(ofSourceOffset: $0.lowerBound) }
        }
        let facts = extraction.facts.filter { line == nil || $0.evidence.line == line }
        let suppressed = extraction.suppressed.filter { line == nil || lineOf($0.start) == line }
        var misses: [NearMiss] = []
        var keywordsFound = true
        var keywords: [String] = []
        if let ruleID, facts.isEmpty, let rule = ruleSet.rules.first(where: { $0.id == ruleID }) {
            misses = nearMisses(of: rule, in: document, line: line, lineOf: lineOf, keywordsFound: &keywordsFound)
            keywords = rule.keywords
        }
        return Explanation(
            document: document.source.path, facts: facts, suppressed: suppressed, suppressedLines: suppressed.map { lineOf($0.start) },
            rule: ruleID, nearMisses: misses, missingKeywords: keywordsFound ? [] : keywords)
    }

    private func nearMisses(
        of rule: Rule, in document: NormalizedDocument, line: Int?, lineOf: (Int) -> Int?, keywordsFound: inout Bool
    ) -> [NearMiss] {
        let pieces = PatternPieces.split(rule.pattern)
        var expander = PatternExpander(lexicon: ruleSet.lexicon, gazetteers: ruleSet.gazetteers)
        // Prefixes of the pattern, longest first, compiled once.
        var prefixes: [(count: Int, regex: NSRegularExpression)] = []
        if let pieces {
            for count in stride(from: pieces.count - 1, through: 1, by: -1) {
                let text = pieces[0..<count].joined()
                guard let expanded = expander.expand(text, at: rule.location, line: [], ruleID: rule.id),
                    let regex = try? NSRegularExpression(pattern: expanded, options: rule.caseSensitive ? [] : [.caseInsensitive])
                else { continue }
                prefixes.append((count, regex))
            }
        }
        let inScope = document.blocks.filter { line == nil || lineOf($0.range.lowerBound) == line }
        let withKeywords = inScope.filter { block in
            let lowered = document.text(in: block.range).lowercased()
            return rule.keywords.isEmpty || rule.keywords.contains { lowered.contains($0) }
        }
        // Where the keywords occur, if anywhere; otherwise every block, so a pattern can still show how far it got.
        keywordsFound = !withKeywords.isEmpty
        var misses: [(score: Int, miss: NearMiss)] = []
        for block in withKeywords.isEmpty ? inScope : withKeywords {
            let start = block.range.lowerBound
            let text = document.text(in: block.range)
            var best: NearMiss?
            var score = 0
            for (count, regex) in prefixes {
                guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)),
                    let range = Range(match.range, in: text), !text[range].isEmpty
                else { continue }
                best = NearMiss(
                    line: lineOf(start), context: text, matched: String(text[range]),
                    matchedPieces: "`" + pieces![0..<count].joined() + "`", failedPiece: "`" + pieces![count] + "`")
                score = count
                break
            }
            if best == nil, !rule.keywords.isEmpty, !withKeywords.isEmpty {
                best = NearMiss(line: lineOf(start), context: text, matched: nil, matchedPieces: "", failedPiece: pieces.map { "`\($0[0])`" })
            }
            if let best { misses.append((score, best)) }
        }
        // The blocks where the pattern got furthest, at most three, in document order among equals.
        let top = misses.map(\.score).max() ?? 0
        return Array(misses.filter { $0.score == top }.prefix(3).map(\.miss))
    }
}

/// Splits a pattern into its top-level pieces (atoms with their quantifiers, groups, `{name}` references), so a
/// near miss can say how far the pattern got. Nil when the pattern has a top-level `|`, whose prefixes mean nothing.
enum PatternPieces {
    static func split(_ pattern: String) -> [String]? {
        let scalars = Array(pattern.unicodeScalars)
        var pieces: [String] = []
        var index = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        while index < scalars.count {
            let start = index
            switch scalars[index] {
            case "\\":
                index += 2
                if index <= scalars.count, "pPxN".unicodeScalars.contains(scalars[index - 1]), index < scalars.count, scalars[index] == "{" {
                    index = (scalars[index...].firstIndex(of: "}") ?? scalars.count - 1) + 1
                }
            case "[":
                var end = index + 1
                while end < scalars.count, scalars[end] != "]" { end += scalars[end] == "\\" ? 2 : 1 }
                index = end + 1
            case "(":
                var depth = 0
                var end = index
                while end < scalars.count {
                    if scalars[end] == "\\" { end += 2; continue }
                    if scalars[end] == "(" { depth += 1 }
                    if scalars[end] == ")" { depth -= 1; if depth == 0 { break } }
                    end += 1
                }
                index = end + 1
            case "{":
                index = (scalars[index...].firstIndex(of: "}") ?? scalars.count - 1) + 1
            case "|":
                return nil
            default:
                index += 1
            }
            index = min(index, scalars.count)
            // The quantifier belongs to its atom.
            while index < scalars.count, "*+?".unicodeScalars.contains(scalars[index]) { index += 1 }
            if index < scalars.count, scalars[index] == "{", let close = scalars[index...].firstIndex(of: "}"),
                text((index + 1)..<close).allSatisfy({ $0.isNumber || $0 == "," })
            {
                index = close + 1
                while index < scalars.count, "+?".unicodeScalars.contains(scalars[index]) { index += 1 }
            }
            pieces.append(text(start..<index))
        }
        // Literal runs read better as one piece: "s", "i", "t", "e", "s" → "sites".
        var merged: [String] = []
        for piece in pieces {
            if let last = merged.last, piece.count == 1, piece.unicodeScalars.first!.properties.isAlphabetic,
                last.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic })
            {
                merged[merged.count - 1] = last + piece
            } else {
                merged.append(piece)
            }
        }
        return merged
    }
}
