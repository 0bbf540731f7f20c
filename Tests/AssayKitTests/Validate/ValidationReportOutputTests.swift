@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// `validation/report.json`: fixed key order, every result with its evidence.
@Suite struct ValidationReportOutputTests {
    static let report: ValidationReport = {
        let length = Check(
            id: "lists", test: .listLength(count: FactSelector(types: ["count"]), items: nil),
            location: AssayKit.SourceLocation(file: "Rules/checks.yaml", line: 3))
        let extraction = Run.extract("Integrated Care Pioneers\n\nFocus on two cohorts: \"older\" people, and carers, too.\n", path: "Corpus/q.txt")
        return Validator(ruleSet: Repository.ruleSet).validate(extraction.facts, texts: DocumentTexts([extraction]), checks: [length])
    }()

    @Test func jsonHasItsKeysInAFixedOrder() throws {
        let json = Self.report.json(subjectField: "programme")
        guard case .object(let top) = json, case .array(let results)? = top.first(where: { $0.0 == "results" })?.1,
            case .object(let result)? = results.first, case .array(let evidence)? = result.first(where: { $0.0 == "evidence" })?.1,
            case .object(let link)? = evidence.first
        else {
            Issue.record("unexpected shape: \(json.serialized())")
            return
        }
        #expect(top.map(\.0) == ["summary", "checks", "results"])
        #expect(result.map(\.0) == [
            "result_id", "check", "kind", "severity", "status", "programme", "document", "key", "expected", "observed", "message", "evidence",
        ])
        #expect(link.map(\.0) == [
            "role", "fact_id", "item", "attribute", "value", "document", "line", "start", "end", "source_start", "source_end", "exact", "link",
        ])
        let text = json.serialized()
        #expect(text.contains("\"status\":\"fail\""))
        #expect(text.contains("\"expected\":2,\"observed\":3"))
    }

    /// The report as the writer streams it (links written straight from their facts) is the JSON tree pretty-printed,
    /// on tricky input: a path that is percent-encoded (non-ASCII, an astral character, a space, a quote), words with
    /// markup characters, list items, and facts whose line and source offsets are unknown.
    @Test func streamedReportEqualsTheJSONTree() throws {
        let checks = [
            Check(id: "lists", test: .listLength(count: FactSelector(types: ["count"]), items: nil), location: AssayKit.SourceLocation(file: "Rules/c.yaml", line: 3)),
            Check(id: "any", test: .required(facts: FactSelector(), forEach: nil), location: AssayKit.SourceLocation(file: "Rules/c.yaml", line: 9)),
        ]
        let text = "Integrated Care Pioneers\n\nThe 25 \"Integrated\" Care Pioneers <&> focus on two cohorts: 'older' people, and carers.\n"
        var facts: [Fact] = []
        for (number, path) in ["Corpus/é 😀 \"q\".txt", "Corpus/plain.txt", "/abs/Ünï/x.txt"].enumerated() {
            var extracted = Run.extract(text, path: path).facts
            if number == 1 {
                // Unknown line and source offsets, for the words and the items.
                extracted = extracted.map { fact in
                    var fact = fact
                    (fact.evidence.line, fact.evidence.sourceStart, fact.evidence.sourceEnd) = (nil, nil, nil)
                    fact.items = fact.items?.map { item in
                        var item = item
                        (item.line, item.sourceStart, item.sourceEnd) = (nil, nil, nil)
                        return item
                    }
                    return fact
                }
            }
            facts += extracted
        }
        try #require(facts.contains { $0.items?.isEmpty == false })
        let report = Validator(ruleSet: Repository.ruleSet).validate(facts, checks: checks)
        try #require(report.results.contains { $0.links.contains { $0.item != nil } })
        var streamed: [UInt8] = []
        try report.writeJSON(subjectField: "programme") { streamed += $0 }
        #expect(String(decoding: streamed, as: UTF8.self) == report.json(subjectField: "programme").serialized(indent: 2) + "\n")
    }

    /// A result's id is the hash of its parts joined as text, made as bytes without the text.
    @Test func resultIDsHashTheirPartsAsText() throws {
        let results = Array(Self.report.results)
        try #require(!results.isEmpty)
        for var result in results {
            for (subject, key) in [(result.subject, result.key), ("é 😀 <&>", "wave 1"), (nil, nil)] {
                (result.subject, result.key) = (subject, key)
                let parts = [result.checkID, result.subject ?? "", result.document ?? "", result.key ?? ""]
                    + result.links.map { "\($0.role):\($0.factID):\($0.item ?? 0)" }
                #expect(result.id == "c-" + String(SHA256Hex.digest(parts.joined(separator: "|")).prefix(16)))
            }
        }
    }

    @Test func quotesAreTheSentenceShortenedAroundTheFact() {
        let long = String(repeating: "word ", count: 60)
        let extraction = Run.extract("Integrated Care Pioneers\n\nFirst sentence. \(long)the 25 Integrated Care Pioneers \(long)end. Next one.\n")
        let fact = extraction.facts.first { $0.attribute == "total_sites" }!
        let quote = DocumentTexts([extraction]).sentence(around: fact.evidence)
        #expect(quote.hasPrefix("…word ") && quote.hasSuffix(" word…"))
        #expect(quote.contains("the 25 Integrated Care Pioneers"))
        #expect(quote.unicodeScalars.count <= DocumentTexts.longestQuote + 2)
        // Without the document's text, the quote is cut from the evidence's own context.
        #expect(DocumentTexts().sentence(around: fact.evidence) == "…word word word word word the 25 Integrated Care Pioneers word…")
    }
}
