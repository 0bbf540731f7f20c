@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// A cached extraction is exactly what Normalize and Extract produced: every field of every type, on the corpus, the
/// HTML and encoding fixtures and the hostile inputs. A type that gains a field fails here until the coder stores it.
@Suite struct ExtractionCoderTests {
    /// The corpus, the HTML "everything" fixture, the encoding fixtures and the hostile corpus, extracted.
    static let extractions: [Extraction] = {
        let pipeline = Pipeline(ruleSet: Repository.ruleSet, jobs: 2)
        var documents = try! CorpusLoader(base: Repository.root).load(from: Repository.corpus).documents
        documents += try! CorpusLoader(base: Repository.root).load(from: Repository.fixtures.appendingPathComponent("html")).documents
        documents += try! CorpusLoader(base: Repository.root).load(from: Repository.fixtures.appendingPathComponent("encodings")).documents
        return pipeline.extract(documents) + HostileInputTests.run.dataset.extractions
    }()

    static func assertSame(_ restored: Extraction, _ original: Extraction) {
        let a = restored.document, b = original.document
        let name = b.source.path
        #expect(a.source.path == b.source.path && a.source.sha256 == b.source.sha256, "\(name)")
        #expect(a.text == b.text, "\(name): text")
        #expect(a.scalars == b.scalars, "\(name): scalars")
        #expect(a.blocks == b.blocks, "\(name): blocks")
        #expect(a.sourceMap.starts == b.sourceMap.starts, "\(name): source map starts")
        #expect(a.sourceMap.ends == b.sourceMap.ends, "\(name): source map ends")
        #expect(a.sourceMap.lineStarts == b.sourceMap.lineStarts, "\(name): line starts")
        #expect(a.diagnostics == b.diagnostics, "\(name): normaliser diagnostics")
        #expect(a.elements.paths == b.elements.paths, "\(name): element paths")
        #expect(a.elements.parents == b.elements.parents, "\(name): element parents")
        #expect(a.scalarElements == b.scalarElements, "\(name): scalar elements")
        #expect(restored.facts == original.facts, "\(name): facts")
        #expect(restored.suppressed == original.suppressed, "\(name): suppressed candidates")
        #expect(restored.diagnostics == original.diagnostics, "\(name): extraction diagnostics")
    }

    @Test func theFixturesCoverWhatMatters() {
        let extractions = Self.extractions
        #expect(extractions.count > 30)
        #expect(extractions.contains { !$0.document.elements.paths.isEmpty }, "an HTML document")
        #expect(extractions.contains { $0.facts.contains { $0.items != nil } }, "a count with list items")
        #expect(extractions.contains { !$0.suppressed.isEmpty }, "suppressed candidates")
        #expect(extractions.contains { !$0.document.diagnostics.isEmpty }, "diagnostics")
        #expect(extractions.contains { $0.document.blocks.contains { $0.cell != nil } }, "table cells")
    }

    @Test func everyExtractionRoundTripsExactly() throws {
        for original in Self.extractions {
            let bytes = ExtractionCoder.encode(original)
            let restored = try ExtractionCoder.decode(bytes, source: original.document.source)
            Self.assertSame(restored, original)
            #expect(ExtractionCoder.encode(restored) == bytes, "\(original.document.source.path): encoding is stable")
        }
    }

    @Test func aTruncatedOrAlteredEntryIsRejectedNotMisread() throws {
        let original = try #require(Self.extractions.first { $0.facts.count > 10 })
        let bytes = ExtractionCoder.encode(original)
        for cut in [0, 1, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
            #expect(throws: (any Error).self, "cut at \(cut)") {
                try ExtractionCoder.decode(Array(bytes.prefix(cut)), source: original.document.source)
            }
        }
        #expect(throws: (any Error).self) { try ExtractionCoder.decode(bytes + [0], source: original.document.source) }
    }

    /// Stored properties per type as the coder knows them: a new field must be taught to `ExtractionCoder` (and its
    /// `formatVersion` bumped), or cached runs would silently lose it.
    @Test func theCoderKnowsEveryField() throws {
        let extraction = try #require(Self.extractions.first { $0.facts.contains { $0.items != nil } })
        let document = extraction.document
        let fact = try #require(extraction.facts.first)
        let block = try #require(document.blocks.first)
        let diagnostic = Diagnostic(.warning, stage: .load, "m", at: SourceLocation(file: "f"))
        let suppressed = SuppressedCandidate(ruleID: "r", type: "t", start: 0, end: 1, exact: "x", reason: "y")
        let counts: [(String, Any, Int)] = [
            ("Extraction", extraction, 4), ("NormalizedDocument", document, 8), ("SourceMap", document.sourceMap, 3),
            ("ElementTable", document.elements, 2), ("Block", block, 4),
            ("TableCell", TableCell(row: 0, column: 0, headers: [], isHeader: false), 4), ("Fact", fact, 12),
            ("Evidence", fact.evidence, 12), ("SuppressedCandidate", suppressed, 7), ("Diagnostic", diagnostic, 6),
            ("SourceLocation", SourceLocation(file: "f"), 4),
        ]
        for (name, value, known) in counts {
            #expect(Mirror(reflecting: value).children.count == known, "\(name) has new fields: store them in ExtractionCoder and bump its formatVersion")
        }
    }
}
