@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// `facts.jsonl` reads back into the facts that were written, and a line that is not a fact says where it is.
@Suite struct FactReaderTests {
    static let reader = FactReader(subjectField: "programme")

    @Test func readsBackWhatWasWritten() throws {
        let facts = AcceptanceTests.dataset.facts
        let text = facts.map { FactJSON.json($0, subjectField: "programme").serialized() + "\n" }.joined()
        let read = try Self.reader.read(text, file: "facts.jsonl")
        #expect(read.count == facts.count)
        #expect(read == facts)
        #expect(read.contains { $0.items?.count == 4 })
        #expect(read.contains { $0.evidence.xpath != nil })
    }

    /// What `assay validate` reports on a written dataset is exactly what `assay build` wrote in it.
    @Test func validatingAWrittenDatasetGivesTheBuildsReport() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataset = AcceptanceTests.dataset
        try DatasetWriter().write(dataset, to: folder.appendingPathComponent("Output"))
        let (facts, texts) = try Self.reader.readDataset(at: folder.appendingPathComponent("Output"))
        let report = Validator(ruleSet: Repository.ruleSet).validate(facts, texts: texts)
        let written = try String(contentsOf: folder.appendingPathComponent("Output/validation/report.json"), encoding: .utf8)
        #expect(report.json(subjectField: "programme").serialized(indent: 2) + "\n" == written)
    }

    @Test(arguments: [
        ("{\"fact_id\":1}", "facts.jsonl:2: not a fact: 'fact_id' must be text"),
        ("{\"fact_id\":\"f\"", "facts.jsonl:2: not a fact: the line is not valid JSON"),
        ("[1,2]", "facts.jsonl:2: not a fact: not a JSON object"),
        ("{}", "facts.jsonl:2: not a fact: 'fact_id' is missing"),
    ])
    func aMalformedLineSaysWhere(_ line: String, _ message: String) throws {
        let good = FactJSON.json(AcceptanceTests.dataset.facts[0], subjectField: "programme").serialized()
        let error = #expect(throws: AssayError.self) { try Self.reader.read(good + "\n" + line + "\n", file: "facts.jsonl") }
        #expect(error?.description == message)
    }

    @Test func aWrongValueInsideTheEvidenceIsNamedByItsPath() throws {
        let good = FactJSON.json(AcceptanceTests.dataset.facts[0], subjectField: "programme").serialized()
        let bad = good.replacingOccurrences(of: "\"line\":", with: "\"line\":true,\"was\":")
        let error = #expect(throws: AssayError.self) { try Self.reader.read(bad, file: "f") }
        #expect(error?.description == "f:1: not a fact: 'evidence.line' must be a whole number or null")
    }

    @Test func aMissingDatasetSaysWhatToDo() {
        let error = #expect(throws: AssayError.self) {
            try Self.reader.readDataset(at: URL(fileURLWithPath: "/nonexistent/Output"), named: "Output")
        }
        #expect(error?.description == "no dataset at 'Output': Output/facts.jsonl does not exist (run 'assay build' first)")
    }
}
