@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Every fact's evidence is exact: `exact` is the text between `start` and `end` of the normalised text, and the
/// source between `source_start` and `source_end` folds to the same text.
@Suite struct ProvenanceTests {
    @Test func everyCorpusFactIsExact() throws {
        let dataset = AcceptanceTests.dataset
        #expect(!dataset.facts.isEmpty)
        for extraction in dataset.extractions {
            let text = Array(extraction.document.text.unicodeScalars)
            let source = Array(extraction.document.source.text.unicodeScalars)
            for fact in extraction.facts {
                let evidence = fact.evidence
                let slice = String(String.UnicodeScalarView(text[evidence.start..<evidence.end]))
                #expect(Array(slice.unicodeScalars) == Array(evidence.exact.unicodeScalars), "\(fact.id)")
                let start = try #require(evidence.sourceStart), end = try #require(evidence.sourceEnd)
                let original = String(String.UnicodeScalarView(source[start..<end]))
                #expect(Self.collapse(original) == evidence.exact, "\(fact.id): source '\(original)'")
                #expect(evidence.link == "\(evidence.document)#char=\(start),\(end)")
                let line = source[..<start].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                #expect(evidence.line == line)
            }
        }
    }

    /// The written files agree with the facts: `exact` is the slice of `Output/text/<doc_id>.txt`.
    @Test func writtenTextFilesMatchTheFacts() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try DatasetWriter().write(AcceptanceTests.dataset, to: output)
        let lines = try String(contentsOf: output.appendingPathComponent("facts.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == AcceptanceTests.dataset.facts.count)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let evidence = try #require(object["evidence"] as? [String: Any])
            let docID = try #require(evidence["doc_id"] as? String)
            let text = try String(contentsOf: output.appendingPathComponent("text/\(docID).txt"), encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            let start = try #require(evidence["start"] as? Int), end = try #require(evidence["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == evidence["exact"] as? String)
        }
    }

    /// Offsets count Unicode scalars, so astral characters and combining marks before a fact do not shift it.
    @Test func offsetsSurviveAstralCharactersAndCombiningMarks() throws {
        let text = "🏥 Cafe\u{301} 👩‍⚕️ note.\n\nThe 25 Integrated Care Pioneers are acting as exemplars.\n"
        let extraction = Run.extract(text)
        let count = try #require(extraction.facts.first { $0.type == "count" })
        #expect(count.value == .integer(25))
        let scalars = Array(text.unicodeScalars)
        let start = try #require(count.evidence.sourceStart)
        #expect(String(String.UnicodeScalarView(scalars[start..<start + 2])) == "25")
        #expect(count.evidence.exact == "25")
    }

    /// An independent fold: quotes, dashes and spaces as the README documents, runs of spaces to one.
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            var mapped: Unicode.Scalar = scalar
            switch scalar {
            case "\u{2018}", "\u{2019}": mapped = "'"
            case "\u{201C}", "\u{201D}": mapped = "\""
            case "\u{2013}", "\u{2014}": mapped = "-"
            case " ", "\n", "\t", "\r", "\u{A0}":
                space = true
                continue
            default: break
            }
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.append(mapped)
        }
        return String(out)
    }
}
