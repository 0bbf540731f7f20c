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
    /// Threads that make the files (the output is the same bytes whatever the number).
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

    /// Makes every file into `sink`, each in pieces, and `dataset.sqlite` at `database` when one is given. Documents
    /// are read one at a time from the dataset's records, so nothing here grows with the corpus but the digests.
    ///
    /// The files fall into groups that read the dataset independently (the tables with `dataset.sqlite`, the review
    /// document pages, the review index, `facts.jsonl`, the texts, the report), run on `jobs` threads, each into its own part of the sink. The
    /// parts join the sink in one fixed order, and the files that describe the others (`datapackage.json` …
    /// `SHA256SUMS`) are made after every group is done, so no byte depends on which group finished first.
    func render(_ dataset: Dataset, into sink: DatasetSink, database: URL? = nil) throws {
        let field = dataset.ruleSet.attribution?.field ?? "subject"
        let (facts, errors, report, data, reviewIndex) = (sink.part(), sink.part(), sink.part(), sink.part(), sink.part())
        let reviewShared = ReviewPages.Shared(dataset)
        let written = ResultSlots<(tables: [DatasetTable], written: TablesWritten)>(count: 1)
        // Each text's digest as it is written, so the documents table need not read and hash the text again.
        let textDigests = TextDigests(count: dataset.documents.count)
        let jobs = max(1, jobs)
        // The texts and the document pages in a few runs of documents per job, each run a group of its own, so that the
        // threads that finish the single long files first share them and all end together.
        let runs = Self.chunks(dataset.documents.count, jobs: jobs)
        let texts = runs.map { _ in sink.part() }, pages = runs.map { _ in sink.part() }
        // Threads take the groups in this order as they free up: the long single files first, the runs last. The
        // tables (which feed dataset.sqlite a row at a time, in order, so are one piece) are the longest. They need
        // the checks only for their last three tables (`DatasetTables.madeFromChecks`), but they wait for the checks
        // to end before they start: the checks' facts and the tables' first pass (SQLite's cache, a stream per table)
        // together made the build's peak (10,000 documents, two jobs: 80-83 MB, 73-74 waiting), and the wait is
        // short, as facts.jsonl and the texts take most of the checks' time. The review index is the next longest.
        let writeTables: @Sendable () throws -> Void = {
            _ = dataset.validation
            let tables = DatasetTables(dataset, textDigests: textDigests)
            written[0] = (tables.tables, try Self.writeTables(tables, of: dataset, into: data, database: database))
        }
        var needNoChecks: [@Sendable () throws -> Void] = [
            { try Self.writeFacts(dataset, subjectField: field, into: facts) },
            { try Self.writeErrors(dataset, into: errors) },
        ]
        for (run, part) in zip(runs, texts) { needNoChecks.append({ try Self.writeTexts(dataset, run, into: part, digests: textDigests) }) }
        // The manifest lists the documents before the outputs, which are known only at the end: its list of documents
        // is made beside the other files (while the checks run), not after them all on one thread.
        let manifestDocuments = TemporaryBytes(named: "assay-manifest")
        needNoChecks.append({ try ManifestBuilder.writeDocuments(of: dataset, to: manifestDocuments.append) })
        var needChecks: [@Sendable () throws -> Void] = [
            { try ReviewPages.writeIndex(dataset, reviewShared, into: reviewIndex) },
            { try report.file("validation/report.json") { out in try dataset.validation.writeJSON(subjectField: field, to: out.write) } },
        ]
        for (run, part) in zip(runs, pages) {
            needChecks.append({ try ReviewPages.writeDocumentPages(dataset, reviewShared, run, into: part) })
        }
        // When the checks are still to run, one thread runs them first while the others write what does not need
        // them; every file that needs them waits for them where it first reads them.
        let ordered = dataset.validationIsPending
            ? [{ _ = dataset.validation }] + needNoChecks + [writeTables] + needChecks : [writeTables] + needChecks + needNoChecks
        // What a group held (the tables' SQLite cache, a long review page) goes back to the system when it ends, and
        // what any group frees, every 30 ms while they run.
        let groups: [@Sendable () throws -> Void] = ordered.map { group in { try group(); FreedMemory.release() } }
        let releasing = FreedMemory.Periodic(every: 0.03)
        defer { releasing.stop() }
        try ConcurrentGroups.run(groups, jobs: jobs)
        for part in [facts] + texts + [errors, report, data] + pages + [reviewIndex] { sink.absorb(part) }
        let (tables, tablesWritten) = written[0]!
        try sink.file(DataPackage.path, text: DataPackage.descriptor(tables, files: tablesWritten.digests).serialized(indent: 2) + "\n")
        try sink.file(OutputReadme.path, text: OutputReadme.text(dataset, tables: tables, rowCounts: tablesWritten.rowCounts))
        let digests = sink.digests
        try sink.file(ManifestBuilder.path) { out in
            try ManifestBuilder.write(for: dataset, outputs: digests, documents: manifestDocuments.forEachPiece, to: out.write)
        }
        try sink.file(Checksums.path, bytes: Checksums.file(sink.digests))
    }

    /// What writing the tables tells the files that describe them: each CSV's digest by path, and each table's rows.
    struct TablesWritten: Sendable {
        var digests: [String: FileDigest] = [:]
        var rowCounts: [String: Int] = [:]
    }

    /// `data/*.csv`, and `dataset.sqlite` at `database` from the same rows in the same passes.
    private static func writeTables(_ tables: DatasetTables, of dataset: Dataset, into sink: DatasetSink, database: URL?) throws -> TablesWritten {
        guard let database else { return try writeTables(tables, into: sink, insert: nil) }
        var written = TablesWritten()
        try SQLiteWriter.session(tables.tables.map(\.schema), subjectField: DatasetTables.subjectField(dataset.ruleSet), at: database) { insert in
            try withoutActuallyEscaping(insert) { insert in written = try writeTables(tables, into: sink, insert: insert) }
        }
        return written
    }

    /// Runs each pass of `tables` with the files of all the tables it fills open, each in a part of its own; the
    /// parts join `sink` in the tables' order (those made from the checks last), whatever order the passes ran in.
    private static func writeTables(
        _ tables: DatasetTables, into sink: DatasetSink, insert: ((String) throws -> SQLiteWriter.Insert)?
    ) throws -> TablesWritten {
        var written = TablesWritten()
        var parts: [String: DatasetSink] = [:]
        let schemas = Dictionary(uniqueKeysWithValues: tables.tables.map { ($0.schema.name, $0.schema) })
        func open(_ names: ArraySlice<String>, _ writers: [TableWriter], then fill: ([TableWriter]) throws -> Void) throws {
            guard let name = names.first else { return try fill(writers) }
            let (schema, part) = (schemas[name]!, sink.part())
            parts[name] = part
            written.digests[schema.path] = try part.file(schema.path) { out in
                let writer = TableWriter(schema, insert: try insert?(name)) { try out.write($0) }
                try open(names.dropFirst(), writers + [writer], then: fill)
                try writer.finish()
                written.rowCounts[name] = writer.rowCount
            }
        }
        for pass in tables.passes { try open(pass.tables[...], [], then: pass.fill) }
        let names = tables.tables.map(\.schema.name)
        for name in names.filter({ !DatasetTables.madeFromChecks.contains($0) }) + names.filter(DatasetTables.madeFromChecks.contains) {
            sink.absorb(parts[name]!)
        }
        return written
    }

    private static func writeFacts(_ dataset: Dataset, subjectField: String, into sink: DatasetSink) throws {
        try sink.file("facts.jsonl") { out in
            var line: [UInt8] = []
            for document in dataset.documents.withoutTexts {
                for fact in document.facts {
                    line.removeAll(keepingCapacity: true)
                    FactJSON.json(fact, subjectField: subjectField).write(into: &line)
                    line.append(0x0A)
                    try out.write(line)
                }
            }
        }
    }

    /// `text/<doc_id>.txt` for the documents at `positions`: the texts alone are read back, not the facts beside them.
    /// Each file's digest goes to `digests`, by position.
    private static func writeTexts(_ dataset: Dataset, _ positions: Range<Int>, into sink: DatasetSink, digests: TextDigests) throws {
        let documents = dataset.documents, docIDs = dataset.overview.docIDs
        for position in positions {
            digests[position] = try sink.file("text/\(docIDs[position]).txt", text: documents.text(at: position)).sha256
        }
    }

    /// `0..<count` cut into a few ranges per job, so that the threads end together.
    static func chunks(_ count: Int, jobs: Int) -> [Range<Int>] {
        let pieces = jobs <= 1 ? 1 : 4 * jobs, size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    private static func writeErrors(_ dataset: Dataset, into sink: DatasetSink) throws {
        try sink.file("errors.jsonl") { out in
            for diagnostic in dataset.diagnostics where diagnostic.severity != .note { try out.write(Self.errorJSON(diagnostic).serialized() + "\n") }
        }
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
            try render(dataset, into: DatasetSink(.folder(staging)), database: staging.appendingPathComponent(SQLiteWriter.path))
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

    /// Paths compared as UTF-8 bytes, the same on every machine. Sorting a large output's 20,000 paths compares them
    /// some 300,000 times, so no comparison copies a path's bytes.
    static func pathOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
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
