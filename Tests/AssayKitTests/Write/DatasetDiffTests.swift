@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// `assay diff` and `assay build --check` say what changed, fact by fact: a fact is followed by its document, type,
/// attribute and span; its value, subject, qualifiers or rule may change.
@Suite struct DatasetDiffTests {
    static let base = DatasetSnapshot(WrittenDataset.dataset)

    @Test func aDatasetDoesNotDifferFromItself() throws {
        let read = try DatasetSnapshot.read(from: WrittenDataset.folder)
        #expect(read.subjectField == "programme")
        #expect(read.documents == Self.base.documents)
        let difference = DatasetDiff(old: read, new: Self.base)
        #expect(difference.isEmpty, "\(difference.lines)")
        #expect(difference.summary == "documents: 0 added, 0 removed, 0 changed; facts: 0 added, 0 removed, 0 changed")
    }

    @Test func addedRemovedAndChangedFactsAndDocuments() throws {
        var new = Self.base
        let removed = new.facts.remove(at: 0)
        let index = 5
        let original = new.facts[index]
        var changed = original
        changed.value = .integer(999)
        changed.subject = "someone-else"
        new.facts[index] = changed
        var added = new.facts[6]
        added.attribute = "new_attribute"
        new.facts.append(added)
        new.documents[1].sha256 = String(repeating: "0", count: 64)
        new.documents.removeLast()
        new.documents.append(.init(path: "Corpus/new.txt", sha256: String(repeating: "1", count: 64)))
        let difference = DatasetDiff(old: Self.base, new: new)
        #expect(difference.removedFacts == [removed])
        #expect(difference.addedFacts == [added])
        #expect(difference.changedFacts.map(\.fields) == [["value", "programme"]])
        #expect(difference.changedDocuments.count == 1)
        #expect(difference.addedDocuments.map(\.path) == ["Corpus/new.txt"])
        #expect(difference.removedDocuments.count == 1)
        #expect(difference.summary == "documents: 1 added, 1 removed, 1 changed; facts: 1 added, 1 removed, 1 changed")
        let lines = difference.lines
        #expect(lines.first == "+ document Corpus/new.txt")
        #expect(lines.contains { $0.hasPrefix("~ \(changed.evidence.document):") && $0.contains("value \(original.value) → 999") && $0.contains("programme \(original.subject ?? "null") → someone-else") })
        #expect(lines.contains { $0.hasPrefix("- \(removed.evidence.document):") })
        #expect(lines.contains { $0.hasPrefix("+ ") && $0.contains("new_attribute") })
    }

    @Test func aFolderWithoutADatasetIsUnusable() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: AssayError.self) { try DatasetSnapshot.read(from: folder) }
    }
}
