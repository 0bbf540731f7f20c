@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The "everything" fixture: one HTML page with every construct the normaliser handles, and its golden block list.
/// When the normaliser changes on purpose, review the printed rendering and replace `everything.golden.txt`.
@Suite struct EverythingFixtureTests {
    static let folder = Repository.fixtures.appendingPathComponent("html")

    static func render(_ document: NormalizedDocument) -> String {
        document.blocks.map { block in
            var kind = block.kind.name
            switch block.kind {
            case .heading(let level): kind += "(\(level))"
            case .listItem(let list, let depth): kind += "(list \(list), depth \(depth))"
            case .tableCell(let row, let column, let headers):
                kind += "(row \(row), column \(column)" + (headers.isEmpty ? "" : ", headers \(headers.joined(separator: " / "))") + ")"
            default: break
            }
            if let section = block.section { kind += " §\(section)" }
            return kind + " | " + document.text(in: block.range)
        }.joined(separator: "\n") + "\n"
    }

    @Test func blocksMatchTheGoldenList() throws {
        let corpus = try CorpusLoader(base: Repository.root).load(from: Self.folder.appendingPathComponent("everything.html"))
        let document = Normalizer(boilerplate: Repository.ruleSet.boilerplate).normalize(try #require(corpus.documents.first))
        let rendered = Self.render(document)
        let golden = try? String(contentsOf: Self.folder.appendingPathComponent("everything.golden.txt"), encoding: .utf8)
        #expect(rendered == golden, "rendering:\n\(rendered)")
        #expect(!document.text.contains("LEAK"))
        #expect(!document.text.contains("Skip to main content"))
        #expect(document.diagnostics.filter { $0.severity != .note }.isEmpty)
    }
}
