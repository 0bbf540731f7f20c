import Foundation

/// Writes a dataset to a folder: the tables (`data/*.csv`, `datapackage.json`, `dataset.sqlite`), `facts.jsonl`,
/// `text/<doc_id>.txt`, `errors.jsonl`, `validation/`, `README.md`, `manifest.json` and `SHA256SUMS`.
///
/// Input: `Dataset`. Everything is first written to a staging folder beside the destination
/// (`.Output.tmp-<pid>`), which is then swapped with the destination in one atomic `renameat2(RENAME_EXCHANGE)`
/// (two renames where the system cannot), so at every moment `Output/` is either the previous dataset or the new
/// one, whole. The swap runs inside `StagingArea.publish`, so a SIGINT or SIGTERM handler that calls
/// `StagingArea.abandon()` removes the staging folder and never interrupts the swap. Litter of a killed run (a
/// staging folder or a moved-aside old output named after a process that no longer runs) is removed, or put back,
/// by the next run.
///
/// `render` gives the files without writing them, which `assay build --check` compares with the folder.
public struct DatasetWriter: Sendable {
    /// Called when the staging folder is complete, just before the swap. For tests of interruption: they pause the
    /// build here to send it a signal.
    public var beforePublish: (@Sendable () -> Void)?

    public init(beforePublish: (@Sendable () -> Void)? = nil) {
        self.beforePublish = beforePublish
    }

    /// Every file of the dataset except `dataset.sqlite`, in the order they are written: the data, then
    /// `datapackage.json` (which hashes the tables), `README.md`, `manifest.json` (which hashes all before it) and
    /// `SHA256SUMS` (which hashes everything, the manifest included).
    public func render(_ dataset: Dataset) -> [DatasetFile] {
        renderWithTables(dataset).files
    }

    private func renderWithTables(_ dataset: Dataset) -> (files: [DatasetFile], tables: [DatasetTable]) {
        let field = dataset.ruleSet.attribution?.field ?? "subject"
        var files: [DatasetFile] = []
        func add(_ path: String, _ text: String) { files.append(DatasetFile(path: path, bytes: Array(text.utf8))) }
        add("facts.jsonl", dataset.facts.map { FactJSON.json($0, subjectField: field).serialized() + "\n" }.joined())
        for document in dataset.documents { add("text/\(document.docID).txt", document.text) }
        add("errors.jsonl", dataset.diagnostics.filter { $0.severity != .note }.map { Self.errorJSON($0).serialized() + "\n" }.joined())
        let validation = dataset.validation
        add("validation/report.json", validation.json(subjectField: field).serialized(indent: 2) + "\n")
        let tables = DatasetTables(dataset).tables
        var tableBytes: [String: [UInt8]] = [:]
        for table in tables {
            let bytes = table.csv()
            tableBytes[table.schema.path] = bytes
            files.append(DatasetFile(path: table.schema.path, bytes: bytes))
        }
        files += ReviewPages.files(for: dataset)
        add(DataPackage.path, DataPackage.descriptor(tables, files: tableBytes).serialized(indent: 2) + "\n")
        add(OutputReadme.path, OutputReadme.text(dataset, tables: tables))
        add(ManifestBuilder.path, ManifestBuilder.manifest(for: dataset, outputs: files).serialized(indent: 2) + "\n")
        files.append(DatasetFile(path: Checksums.path, bytes: Checksums.file(files)))
        return (files, tables)
    }

    public func write(_ dataset: Dataset, to destination: URL) throws {
        let manager = FileManager.default
        let destination = destination.standardizedFileURL
        let staging = Self.sibling(of: destination, "tmp", FileSystem.processID)
        Self.removeLitter(beside: destination)
        do {
            try StagingArea.shared.begin(staging)
            defer { StagingArea.shared.end(staging) }
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            let (files, tables) = renderWithTables(dataset)
            var folders: Set<String> = [""]
            for file in files {
                let folder = (file.path as NSString).deletingLastPathComponent
                if folders.insert(folder).inserted {
                    try manager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                }
                try FileSystem.write(file.bytes, to: staging.appendingPathComponent(file.path))
            }
            try SQLiteWriter.write(
                tables, subjectField: DatasetTables.subjectField(dataset.ruleSet), to: staging.appendingPathComponent(SQLiteWriter.path))
            beforePublish?()
            try StagingArea.shared.publish { try Self.publish(staging, to: destination) }
        } catch let interrupted as StagingArea.Interrupted {
            throw interrupted
        } catch {
            try? manager.removeItem(at: staging)
            throw AssayError.writeFailed("\(destination.path): \(error.localizedDescription)")
        }
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

    /// Paths compared as UTF-8 bytes, the same on every machine.
    static func pathOrder(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    /// `.Output.tmp-<pid>` or `.Output.old-<pid>` beside `Output`.
    static func sibling(of destination: URL, _ kind: String, _ pid: Int32) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(kind)-\(pid)")
    }

    /// Puts the new output in place of the old, then removes the old. Where the system can exchange two paths
    /// atomically, `destination` never ceases to exist; otherwise the old output moves aside first (and a run killed
    /// between the two renames leaves it as `.Output.old-<pid>`, which the next run puts back).
    private static func publish(_ staging: URL, to destination: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: destination.path) else {
            try manager.moveItem(at: staging, to: destination)
            return
        }
        if FileSystem.exchange(staging, destination) {
            // The staging path now holds the previous output.
            try? manager.removeItem(at: staging)
            return
        }
        let old = sibling(of: destination, "old", FileSystem.processID)
        try? manager.removeItem(at: old)
        try manager.moveItem(at: destination, to: old)
        do {
            try manager.moveItem(at: staging, to: destination)
        } catch {
            try? manager.moveItem(at: old, to: destination)
            throw error
        }
        try? manager.removeItem(at: old)
    }

    /// Removes what killed runs left beside `destination`: staging folders, and old outputs (put back first when the
    /// run died between moving the old output aside and moving the new one in).
    static func removeLitter(beside destination: URL) {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        let prefix = ".\(destination.lastPathComponent)."
        for name in names.sorted() where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let kind = rest.prefix { $0 != "-" }
            guard kind == "tmp" || kind == "old", let pid = Int32(rest.dropFirst(kind.count + 1)), !FileSystem.isRunning(pid) else { continue }
            let url = parent.appendingPathComponent(name)
            if kind == "old", !manager.fileExists(atPath: destination.path) {
                try? manager.moveItem(at: url, to: destination)
            } else {
                try? manager.removeItem(at: url)
            }
        }
    }
}
