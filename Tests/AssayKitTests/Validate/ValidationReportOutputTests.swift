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
