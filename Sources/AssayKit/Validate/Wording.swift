/// How results name facts in their messages: the value, the words when they differ from it, and the line; the
/// document too when a result involves more than one, so that both sides of a failure say where they are.
///
/// "25 (line 12)", "16 ('Sixteen', line 11)", "14 (b.txt line 3)". A document is named by its file name, or by its
/// whole path when two documents of the result share a file name. Lines are 1-based lines of the source.
struct Wording {
    /// Nil when every fact is in one document.
    private let names: [String: String]?

    init(_ facts: [CheckedFact]) {
        // A group's facts come a document at a time, each document's sharing one source: one path per run is enough
        // (a corpus-wide group has thousands of facts, and hashing each one's path was most of making the wording).
        var paths: [String] = []
        var previous: DocumentSource?
        for fact in facts where fact.source !== previous {
            paths.append(fact.document)
            previous = fact.source
        }
        self.init(documents: paths)
    }

    init(_ evidence: [Evidence]) {
        self.init(documents: evidence.map(\.document))
    }

    init(documents paths: [String]) {
        // Most wordings are of one document (a group of a document-scoped check, a single fact): no set to make.
        guard let first = paths.first, paths.contains(where: { $0 != first }) else {
            names = nil
            return
        }
        // Each document's file name made once (a corpus-wide group names thousands of documents).
        var fileNames: [String: String] = [:]
        for document in paths where fileNames[document] == nil { fileNames[document] = Self.fileName(document) }
        var sharing: [String: Int] = [:]
        for name in fileNames.values { sharing[name, default: 0] += 1 }
        var names: [String: String] = [:]
        for (document, name) in fileNames { names[document] = sharing[name] == 1 ? name : document }
        self.names = names
    }

    /// A document as messages name it: its file name, or its path when another document shares the file name.
    func name(of document: String) -> String {
        names?[document] ?? Self.fileName(document)
    }

    /// Where a span is: "line 5", or "b.txt line 5" when the result spans documents.
    func place(_ evidence: Evidence) -> String {
        let line = evidence.line.map { "line \($0)" } ?? "character \(evidence.sourceStart ?? evidence.start)"
        guard let name = names?[evidence.document] else { return line }
        return name + " " + line
    }

    /// A fact as a message shows it: "25 (line 12)", or "16 ('Sixteen', line 11)" when the words are not the value.
    func ref(_ fact: CheckedFact) -> String {
        let words = fact.exact
        if words == fact.value.description { return "\(fact.value) (\(place(fact.evidence)))" }
        return "\(fact.value) ('\(words)', \(place(fact.evidence)))"
    }

    /// Past `longestList` facts, the first ones and a count of the rest: every fact is linked to the result
    /// anyway (`check_evidence`), and a message that lists a whole corpus's statements helps no reader.
    func refs(_ facts: [CheckedFact]) -> String {
        guard facts.count > Self.longestList else { return facts.map(ref).joined(separator: ", ") }
        let shown = facts.prefix(Self.longestList - 1).map(ref).joined(separator: ", ")
        return shown + " and \(facts.count - Self.longestList + 1) more"
    }

    static let longestList = 8

    /// Facts with their attribute, grouped by it: "total_sites 25 (line 12), 25 (line 32)".
    func labelled(_ facts: [CheckedFact]) -> String {
        var order: [String] = []
        var byAttribute: [String: [CheckedFact]] = [:]
        for fact in facts {
            if byAttribute[fact.attribute] == nil { order.append(fact.attribute) }
            byAttribute[fact.attribute, default: []].append(fact)
        }
        return order.map { "\($0) " + refs(byAttribute[$0]!) }.joined(separator: " and ")
    }

    /// The lines of some spans of one document: "line 23", "lines 16-19", "lines 5, 7 and 9".
    static func lines(_ evidence: [Evidence]) -> String {
        let lines = Array(Set(evidence.compactMap(\.line))).sorted()
        guard let first = lines.first, let last = lines.last else { return "unknown lines" }
        if lines.count == 1 { return "line \(first)" }
        if last - first == lines.count - 1 { return "lines \(first)-\(last)" }
        return "lines " + lines.dropLast().map(String.init).joined(separator: ", ") + " and \(last)"
    }

    /// The last non-empty part of the path between slashes (split as characters). An ASCII path not ending in a
    /// slash is cut at its last slash byte, which is the same there: no character of it joins a slash to another.
    static func fileName(_ path: String) -> String {
        let utf8 = path.utf8
        if utf8.last != UInt8(ascii: "/"), utf8.allSatisfy({ $0 < 0x80 }) {
            guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
            return String(path[utf8.index(after: slash)...])
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
