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
    /// Review pages made at once (the output is the same bytes whatever the number).
    public var jobs = 1

    public init(beforePublish: (@Sendable () -> Void)? = nil) {
        self.beforePublish = beforePublish
    }

    /// Every file of the dataset except `dataset.sqlite`, in the order they are written: the data, then
    /// `datapackage.json` (which hashes the tables), `README.md`, `manifest.json` (which hashes all before it) and
    /// `SHA256SUMS` (which hashes everything, the manifest included).
    public func render(_ dataset: Dataset) -> [DatasetFile] {
        let sink = DatasetSink(.memory)
        try! render(dataset, into: sink)
        return sink.collected
    }

    /// Whether `folder` holds exactly what `write` would put there, comparing one file at a time.
    public func compare(_ dataset: Dataset, with folder: URL) throws -> OutputComparison {
        let sink = DatasetSink(.comparison(folder))
        try render(dataset, into: sink)
        var comparison = sink.comparison!
        comparison.finish()
        return comparison
    }

    /// Makes every file into `sink`, one at a time and each in pieces, handing every table row to `row` too (for
    /// `dataset.sqlite`). Documents are read one at a time from the dataset's records, so nothing here grows with
    /// the corpus but the digests.
    func render(
        _ dataset: Dataset, tables: [DatasetTable]? = nil, into sink: DatasetSink, row: ((String, [DatasetTable.Value]) throws -> Void)? = nil
    ) throws {
        let field = dataset.ruleSet.attribution?.field ?? "subject"
        try sink.file("facts.jsonl") { out in
            for document in dataset.documents {
                for fact in document.facts { try out.write(FactJSON.json(fact, subjectField: field).serialized() + "\n") }
            }
        }
        for document in dataset.documents { try sink.file("text/\(document.docID).txt", text: document.text) }
        try sink.file("errors.jsonl") { out in
            for diagnostic in dataset.diagnostics where diagnostic.severity != .note { try out.write(Self.errorJSON(diagnostic).serialized() + "\n") }
        }
        try sink.file("validation/report.json") { out in try dataset.validation.writeJSON(subjectField: field, to: out.write) }
        let tables = tables ?? DatasetTables(dataset).tables
        var tableDigests: [String: FileDigest] = [:], rowCounts: [String: Int] = [:]
        for table in tables {
            var count = 0
            tableDigests[table.schema.path] = try sink.file(table.schema.path) { out in
                try out.write(table.header())
                var line: [UInt8] = []
                try table.produce { cells in
                    count += 1
                    line.removeAll(keepingCapacity: true)
                    DatasetTable.append(cells, of: table, to: &line)
                    try out.write(line)
                    try row?(table.schema.name, cells)
                }
            }
            rowCounts[table.schema.name] = count
        }
        try ReviewPages.write(dataset, into: sink, jobs: jobs)
        try sink.file(DataPackage.path, text: DataPackage.descriptor(tables, files: tableDigests).serialized(indent: 2) + "\n")
        try sink.file(OutputReadme.path, text: OutputReadme.text(dataset, tables: tables, rowCounts: rowCounts))
        let digests = sink.digests
        try sink.file(ManifestBuilder.path, text: ManifestBuilder.manifest(for: dataset, outputs: digests).serialized(indent: 2) + "\n")
        try sink.file(Checksums.path, bytes: Checksums.file(sink.digests))
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
            let tables = DatasetTables(dataset).tables
            try SQLiteWriter.session(
                tables.map(\.schema), subjectField: DatasetTables.subjectField(dataset.ruleSet),
                at: staging.appendingPathComponent(SQLiteWriter.path)
            ) { insert in
                try withoutActuallyEscaping(insert) { insert in
                    try render(dataset, tables: tables, into: DatasetSink(.folder(staging)), row: insert)
                }
            }
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
