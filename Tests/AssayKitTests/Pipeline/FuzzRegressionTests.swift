@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Inputs the fuzzers found crashes with, run through the same invariants as the fuzz targets.
@Suite struct FuzzRegressionTests {
    static let folder = Repository.fixtures.appendingPathComponent("fuzz-regressions")

    static let inputs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !$0.hasSuffix(".md") }.sorted()

    @Test func thereAreRegressions() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs.filter { $0.hasPrefix("normalizer-") })
    func normalizerKeepsItsInvariants(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        for mediaType in [MediaType.text, .html] {
            let document = CorpusLoader().load(bytes: bytes, path: name, mediaType: mediaType)
            let normalized = Normalizer(ruleSet: Repository.ruleSet).normalize(document)
            let text = Array(normalized.text.unicodeScalars)
            let sourceCount = document.text.unicodeScalars.count
            for index in 0..<text.count {
                if let range = normalized.sourceMap.sourceRange(of: index..<index + 1) {
                    #expect(range.lowerBound >= 0 && range.upperBound <= sourceCount)
                }
            }
            for fact in Extractor(ruleSet: Repository.ruleSet).extract(from: normalized).facts {
                #expect(Array(fact.evidence.exact.unicodeScalars) == Array(text[fact.evidence.start..<fact.evidence.end]))
            }
        }
    }

    @Test(arguments: inputs.filter { $0.hasPrefix("rule-loader-") })
    func ruleLoaderReportsInsteadOfCrashing(_ name: String) throws {
        let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
        let lines = text.filter { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count + 1
        for diagnostic in RuleSetLoader().compile([(name, text)]).1 {
            if let line = diagnostic.location?.line { #expect(line >= 1 && line <= lines + 1, "\(diagnostic.rendered)") }
            // The caret snippet shows the line the diagnostic names.
            if let line = diagnostic.location?.line, line <= lines, diagnostic.notes.count >= 1 {
                #expect(!diagnostic.rendered.isEmpty)
            }
        }
    }
}
