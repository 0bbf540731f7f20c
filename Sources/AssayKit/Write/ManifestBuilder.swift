/// Builds `manifest.json`: what went in (the tool, every document and rule file, with SHA-256), what came out
/// (every output file with SHA-256 and size), and counts.
///
/// It holds no time stamps or host names, so two runs on the same inputs write the same bytes. It lists every output
/// but itself, `SHA256SUMS` (which hashes the manifest) and `dataset.sqlite` (whose bytes depend on the SQLite
/// library that wrote it; its rows are those of `data/*.csv`, which are listed).
enum ManifestBuilder {
    static let path = "manifest.json"

    /// Writes the manifest to `write` a piece at a time: the documents are read back one by one and the outputs
    /// listed as they are sorted, so neither list is held as JSON (see `JSONStreamWriter`). `documents`, when given,
    /// hands over the list of documents as `writeDocuments` wrote it, made while the other files were.
    static func write(
        for dataset: Dataset, outputs: [FileDigest], documents: ((([UInt8]) throws -> Void) throws -> Void)? = nil,
        to write: ([UInt8]) throws -> Void
    ) throws {
        var json = JSONStreamWriter(indent: 2)
        func flush(ifOver limit: Int) throws { if json.bytes.count > limit { try write(json.take()) } }
        json.beginObject()
        json.key("tool")
        json.value(.object([("name", .string("assay")), ("version", .string(AssayVersion.current))]))
        json.key("rule_set_sha256")
        json.value(.string(dataset.ruleSet.fingerprint))
        json.key("inputs")
        json.beginObject()
        json.key("documents")
        assert(json.level == documentsDepth)
        json.valueWrittenApart()
        try write(json.take())
        try (documents ?? { try writeDocuments(of: dataset, to: $0) })(write)
        json.key("rules")
        json.value(.array(dataset.ruleSet.files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) }))
        json.end()
        json.key("outputs")
        json.beginArray()
        for file in outputs.sorted(by: { DatasetWriter.pathOrder($0.path, $1.path) }) {
            json.value(.object([("path", .string(file.path)), ("sha256", .string(file.sha256)), ("bytes", .int(file.size))]))
            try flush(ifOver: 1 << 16)
        }
        json.end()
        let byType = dataset.overview.factsByType
        let errorCount = dataset.diagnostics.filter { $0.severity == .error }.count
        let warningCount = dataset.diagnostics.filter { $0.severity == .warning }.count
        json.key("unhashed_outputs")
        json.value(.array([
            .object([
                ("path", .string(SQLiteWriter.path)),
                ("reason", .string("SQLite writes its library version into the file, so its bytes differ between machines; its tables hold the rows of data/*.csv")),
            ]),
        ]))
        json.key("counts")
        json.value(.object([
            ("documents", .int(dataset.documents.count)),
            ("facts", .int(dataset.overview.facts)),
            ("facts_by_type", .object(byType.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("errors", .int(errorCount)),
            ("warnings", .int(warningCount)),
            ("checks", .int(dataset.validation.checks.count)),
            ("check_results", .object(CheckResult.Status.allCases.map { ($0.rawValue, .int(dataset.validation.count($0))) })),
        ]))
        json.end()
        try write(json.take() + [0x0A])
    }

    /// How deep the list of documents sits in the manifest: in `inputs`, in the whole.
    static let documentsDepth = 2

    /// The manifest's list of documents (`inputs.documents`), written apart from the rest (see `write`): each
    /// document's path, id, hash, type, encoding and counts, its record read back one at a time.
    static func writeDocuments(of dataset: Dataset, to write: ([UInt8]) throws -> Void) throws {
        var json = JSONStreamWriter(indent: 2, depth: documentsDepth)
        json.beginArray()
        for document in dataset.documents.withoutTexts {
            json.value(.object([
                ("path", .string(document.path)),
                ("doc_id", .string(document.docID)),
                ("sha256", .string(document.sha256)),
                ("media_type", .string(document.mediaType.rawValue)),
                ("encoding", .string(document.encoding.rawValue)),
                ("bytes", .int(document.byteCount)),
                ("blocks", .int(document.blockCount)),
                ("facts", .int(document.facts.count)),
            ]))
            if json.bytes.count > 1 << 16 { try write(json.take()) }
        }
        json.end()
        try write(json.take())
    }
}
