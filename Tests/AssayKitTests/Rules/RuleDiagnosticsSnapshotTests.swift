@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// Each folder of `Fixtures/broken-rules` produces exactly the diagnostics in its `expected.txt`: file, line,
/// column, message, the source line and a caret.
@Suite struct RuleDiagnosticsSnapshotTests {
    static let root = Repository.fixtures.appendingPathComponent("broken-rules")

    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { !$0.hasSuffix(".md") }.sorted()

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func diagnosticsMatchTheSnapshot(_ name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let (_, diagnostics) = try RuleSetLoader(base: folder).loadReportingAll(from: folder)
        let rendered = diagnostics.filter { $0.severity != .note }.map { $0.rendered + "\n" }.joined()
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        #expect(rendered == expected)
        #expect(diagnostics.hasErrors)
    }
}
