import Foundation

/// Writes a dataset to a folder: `facts.jsonl`, `text/<doc_id>.txt`, `errors.jsonl`, `validation/report.json`,
/// `validation/results.csv` and `manifest.json`.
///
/// Input: `Dataset`. Everything is first written to a fresh folder beside the destination, which then replaces the
/// destination in two renames, so an interrupted run leaves the previous output as it was and never a half-written one.
public struct DatasetWriter: Sendable {
    public init() {}

    public func write(_ dataset: Dataset, to destination: URL) throws {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging.appendingPathComponent("text"), withIntermediateDirectories: true)
            try manager.createDirectory(at: staging.appendingPathComponent("validation"), withIntermediateDirectories: true)
            try writeFiles(dataset, into: staging)
            try publish(staging, to: destination)
        } catch {
            try? manager.removeItem(at: staging)
            throw AssayError.writeFailed("\(destination.path): \(error.localizedDescription)")
        }
    }

    private func writeFiles(_ dataset: Dataset, into folder: URL) throws {
        let field = dataset.ruleSet.attribution?.field ?? "subject"
        var outputs: [(String, [UInt8])] = []
        let factLines = dataset.facts.map { FactJSON.json($0, subjectField: field).serialized() + "\n" }
        outputs.append(("facts.jsonl", Array(factLines.joined().utf8)))
        for extraction in dataset.extractions {
            let document = extraction.document
            outputs.append(("text/\(document.source.docID).txt", Array(document.text.utf8)))
        }
        let errorLines = dataset.diagnostics.filter { $0.severity != .note }.map { Self.errorJSON($0).serialized() + "\n" }
        outputs.append(("errors.jsonl", Array(errorLines.joined().utf8)))
        let validation = dataset.validation
        outputs.append(("validation/report.json", Array((validation.json(subjectField: field).serialized(indent: 2) + "\n").utf8)))
        outputs.append(("validation/results.csv", Array(validation.csv(subjectField: field).utf8)))
        for (path, bytes) in outputs {
            try Data(bytes).write(to: folder.appendingPathComponent(path))
        }
        let manifest = ManifestBuilder.manifest(for: dataset, outputs: outputs)
        try Data((manifest.serialized(indent: 2) + "\n").utf8).write(to: folder.appendingPathComponent("manifest.json"))
    }

    static func errorJSON(_ diagnostic: Diagnostic) -> JSON {
        .object([
            ("document", JSON(diagnostic.location?.file)),
            ("stage", .string(diagnostic.stage.rawValue)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("line", JSON(diagnostic.location?.line)),
            ("byte_offset", JSON(diagnostic.location?.byteOffset)),
        ])
    }

    /// Swaps `staging` in for `destination`: the old output moves aside, the new one takes its name, the old one goes.
    private func publish(_ staging: URL, to destination: URL) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: destination.path) {
            let old = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            try? manager.removeItem(at: old)
            try manager.moveItem(at: destination, to: old)
            do {
                try manager.moveItem(at: staging, to: destination)
            } catch {
                try? manager.moveItem(at: old, to: destination)
                throw error
            }
            try? manager.removeItem(at: old)
        } else {
            try manager.moveItem(at: staging, to: destination)
        }
    }
}
