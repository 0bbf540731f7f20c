/// Builds `manifest.json`: what went in (the tool, every document and rule file, with SHA-256), what came out
/// (every output file with SHA-256 and size), and counts.
///
/// It holds no time stamps or host names, so two runs on the same inputs write the same bytes. It lists every output
/// but itself, `SHA256SUMS` (which hashes the manifest) and `dataset.sqlite` (whose bytes depend on the SQLite
/// library that wrote it; its rows are those of `data/*.csv`, which are listed).
enum ManifestBuilder {
    static let path = "manifest.json"

    static func manifest(for dataset: Dataset, outputs: [FileDigest]) -> JSON {
        let byType = dataset.overview.factsByType
        let documents: [JSON] = dataset.documents.withoutTexts.map { document in
            .object([
                ("path", .string(document.path)),
                ("doc_id", .string(document.docID)),
                ("sha256", .string(document.sha256)),
                ("media_type", .string(document.mediaType.rawValue)),
                ("encoding", .string(document.encoding.rawValue)),
                ("bytes", .int(document.byteCount)),
                ("blocks", .int(document.blockCount)),
                ("facts", .int(document.facts.count)),
            ])
        }
        let errorCount = dataset.diagnostics.filter { $0.severity == .error }.count
        let warningCount = dataset.diagnostics.filter { $0.severity == .warning }.count
        return .object([
            ("tool", .object([("name", .string("assay")), ("version", .string(AssayVersion.current))])),
            ("rule_set_sha256", .string(dataset.ruleSet.fingerprint)),
            ("inputs", .object([
                ("documents", .array(documents)),
                ("rules", .array(dataset.ruleSet.files.map {
                    .object([("path", .string($0.path)), ("sha256", .string($0.sha256))])
                })),
            ])),
            ("outputs", .array(outputs.sorted { DatasetWriter.pathOrder($0.path, $1.path) }.map { file in
                .object([("path", .string(file.path)), ("sha256", .string(file.sha256)), ("bytes", .int(file.size))])
            })),
            ("unhashed_outputs", .array([
                .object([
                    ("path", .string(SQLiteWriter.path)),
                    ("reason", .string("SQLite writes its library version into the file, so its bytes differ between machines; its tables hold the rows of data/*.csv")),
                ]),
            ])),
            ("counts", .object([
                ("documents", .int(dataset.documents.count)),
                ("facts", .int(dataset.overview.facts)),
                ("facts_by_type", .object(byType.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("errors", .int(errorCount)),
                ("warnings", .int(warningCount)),
                ("checks", .int(dataset.validation.checks.count)),
                ("check_results", .object(CheckResult.Status.allCases.map { ($0.rawValue, .int(dataset.validation.count($0))) })),
            ])),
        ])
    }
}
