/// The tables of what was read and found: documents, spans, facts and the links from facts to their spans.
extension DatasetTables.Context {
    private typealias Field = TableSchema.Field
    private typealias Value = DatasetTable.Value

    /// Every media type and encoding, for the columns' allowed values; the switches make the compiler say when the
    /// loader learns a new one.
    static let mediaTypes: [MediaType] = [.text, .html]
    static let encodings: [TextEncoding] = [.utf8, .utf16LE, .utf16BE, .windows1252, .iso88591]

    private static func listed(_ mediaType: MediaType, _ encoding: TextEncoding) {
        switch mediaType {
        case .text, .html: break
        }
        switch encoding {
        case .utf8, .utf16LE, .utf16BE, .windows1252, .iso88591: break
        }
    }

    func documents() -> DatasetTable {
        let schema = TableSchema(
            name: "documents",
            description: "One row per document read, in path order.",
            fields: [
                Field("doc_id", "Id of the document: `d-` and 12 hex digits of SHA-256 over its path and bytes, so an edited document gets a new id.", required: true, unique: true, pattern: "^d-[0-9a-f]{12}$"),
                Field("path", "Path of the source file, as assay was given it (relative to where it ran when the corpus lies below).", required: true, unique: true),
                Field("media_type", "`text/plain` or `text/html`, sniffed from the bytes and the file name.", required: true, allowed: Self.mediaTypes.map(\.rawValue)),
                Field("encoding", "The character encoding the bytes were decoded from.", required: true, allowed: Self.encodings.map(\.rawValue)),
                Field("sha256", "SHA-256 of the file's bytes, lowercase hex.", required: true, pattern: TableSchema.sha256Pattern),
                Field("bytes", .integer, "Size of the file in bytes.", required: true, minimum: 0),
                Field("title", "The text of the document's title block (an HTML `<title>`), when it has one."),
                Field("blocks", .integer, "Blocks (title, headings, paragraphs, list items, table cells) the text was cut into.", required: true, minimum: 0),
                Field("text_path", "The normalised text that `start`/`end` offsets count into: `text/<doc_id>.txt`.", required: true, unique: true),
                Field("text_sha256", "SHA-256 of that text file.", required: true, pattern: TableSchema.sha256Pattern),
                Field("text_length", .integer, "Length of the normalised text in Unicode code points.", required: true, minimum: 0),
                Field("facts", .integer, "Facts extracted from the document.", required: true, minimum: 0),
                Field("errors", .integer, "Problems of error severity with the document (see `errors.jsonl`).", required: true, minimum: 0),
                Field("warnings", .integer, "Problems of warning severity with the document.", required: true, minimum: 0),
            ],
            primaryKey: ["doc_id"])
        var errorCounts: [String: Int] = [:], warningCounts: [String: Int] = [:]
        for diagnostic in dataset.diagnostics {
            guard let file = diagnostic.location?.file else { continue }
            if diagnostic.severity == .error { errorCounts[file, default: 0] += 1 }
            if diagnostic.severity == .warning { warningCounts[file, default: 0] += 1 }
        }
        let dataset = self.dataset
        let (errors, warnings) = (errorCounts, warningCounts)
        return DatasetTable(schema: schema) { row in
            for document in dataset.documents {
                try row([
                .text(document.docID), .text(document.path), .text(document.mediaType.rawValue), .text(document.encoding.rawValue),
                .text(document.sha256), .integer(document.byteCount), Value(document.title), .integer(document.blockCount),
                .text("text/\(document.docID).txt"), .text(SHA256Hex.digest(Array(document.text.utf8))),
                .integer(document.textLength), .integer(document.facts.count), .integer(errors[document.path] ?? 0),
                .integer(warnings[document.path] ?? 0),
                ])
            }
        }
    }

    func spans() -> DatasetTable {
        let schema = TableSchema(
            name: "spans",
            description: "One row per distinct stretch of a document that a fact or a list item rests on. Offsets count Unicode code points, 0-based, end exclusive.",
            fields: [
                Field("span_id", "Id of the span: `s-` and 16 hex digits of SHA-256 over the document id and the offsets.", required: true, unique: true, pattern: "^s-[0-9a-f]{16}$"),
                Field("doc_id", "The document.", required: true),
                Field("start", .integer, "Start in the normalised text (`text/<doc_id>.txt`).", required: true, minimum: 0),
                Field("end", .integer, "End in the normalised text; the span is text[start:end].", required: true, minimum: 0),
                Field("exact", "The span's words, as in the normalised text.", required: true),
                Field("prefix", "Up to 32 code points before the span."),
                Field("suffix", "Up to 32 code points after the span."),
                Field("line", .integer, "1-based line of the span's start in the source file.", minimum: 1),
                Field("source_start", .integer, "Start in the decoded source file (for HTML: in the markup).", minimum: 0),
                Field("source_end", .integer, "End in the decoded source file.", minimum: 0),
                Field("xpath", "For HTML: the innermost element holding the span, as libxml2's xmlGetNodePath writes it."),
                Field("link", "The source path with an RFC 5147 fragment (`#char=start,end`) on the source offsets."),
                Field("review", "The span highlighted in its document's review page: `review/<doc_id>.html#<span_id>`, relative to the dataset folder.", required: true),
            ],
            primaryKey: ["span_id"],
            foreignKeys: [.init(fields: ["doc_id"], table: "documents", referenced: ["doc_id"])])
        let dataset = self.dataset
        return DatasetTable(schema: schema) { row in
        for document in dataset.documents.withoutTexts {
            var seen: [String: Evidence] = [:]
            for fact in document.facts {
                for evidence in [fact.evidence] + (fact.items ?? []) { seen[DatasetTables.spanID(evidence)] = evidence }
            }
            for (id, evidence) in seen.sorted(by: { ($0.value.start, $0.value.end, $0.key) < ($1.value.start, $1.value.end, $1.key) }) {
                try row([
                    .text(id), .text(evidence.docID), .integer(evidence.start), .integer(evidence.end), .text(evidence.exact),
                    .text(evidence.prefix), .text(evidence.suffix), Value(evidence.line), Value(evidence.sourceStart),
                    Value(evidence.sourceEnd), Value(evidence.xpath), Value(evidence.link),
                    .text(ReviewPages.spanLink(docID: evidence.docID, spanID: id)),
                ])
            }
        }
        }
    }

    func facts(subjectKey: TableSchema.ForeignKey?) -> DatasetTable {
        let ruleSet = dataset.ruleSet
        var foreignKeys: [TableSchema.ForeignKey] = [
            .init(fields: ["doc_id"], table: "documents", referenced: ["doc_id"]),
            .init(fields: ["span_id"], table: "spans", referenced: ["span_id"]),
            .init(fields: ["rule_id"], table: "rules", referenced: ["rule_id"]),
        ]
        if let subjectKey { foreignKeys.append(subjectKey) }
        let schema = TableSchema(
            name: "facts",
            description: "One row per extracted fact, in document order, then by position in the text.",
            fields: [
                Field("fact_id", "Id of the fact: `f-` and 16 hex digits of SHA-256 over document, rule, type, attribute, span and value.", required: true, unique: true, pattern: "^f-[0-9a-f]{16}$"),
                Field("doc_id", "The document.", required: true),
                Field("span_id", "The words the value was read from.", required: true),
                Field("record_id", "Facts from one match of one rule share it (a count and its date).", required: true, pattern: "^r-[0-9a-f]{12}$"),
                Field("type", "The fact type, as the rule files declare it.", required: true, allowed: ruleSet.types.keys.sorted()),
                Field("attribute", "What the value says about its subject (`wave_sites`, `launched` …), as the rule's field names it.", required: true),
                Field("value", "The normalised value: a whole number, an ISO 8601 date or interval, an entity's id or name, or text.", required: true),
                Field("value_kind", "How the value was read: `integer`, `date`, `entity_id`, `entity_name` or `text`.", required: true, allowed: FactType.ValueKind.allCases.map(\.rawValue)),
                Field("value_integer", .integer, "The value as a number, for integer facts."),
                Field(subjectField, "The entity the fact is about, by attribution (empty when it cannot be told)."),
                Field("qualifiers", .object, "Further keys of the fact (`wave`, `region` …), as a JSON object.", required: true),
                Field("rule_id", "The rule that extracted it.", required: true),
                Field("items", .integer, "For a count that introduces a list: how many items the list has (the items are in `fact_spans`).", minimum: 0),
            ],
            primaryKey: ["fact_id"], foreignKeys: foreignKeys)
        let dataset = self.dataset
        return DatasetTable(schema: schema) { row in
        for document in dataset.documents.withoutTexts {
        for fact in document.facts {
            let qualifiers = JSON.object(fact.qualifiers.sorted { $0.key < $1.key }.map { ($0.key, JSON($0.value)) })
            try row([
                .text(fact.id), .text(fact.evidence.docID), .text(DatasetTables.spanID(fact.evidence)), .text(fact.recordID),
                .text(fact.type), .text(fact.attribute), .text(fact.value.description),
                .text(ruleSet.types[fact.type]?.value.rawValue ?? FactType.ValueKind.text.rawValue), Value(fact.value.integer),
                Value(fact.subject), .text(qualifiers.serialized()), .text(fact.ruleID), Value(fact.items?.count),
            ])
        }
        }
        }
    }

    func factSpans() -> DatasetTable {
        let schema = TableSchema(
            name: "fact_spans",
            description: "Every span a fact rests on: its own words (position 0) and, for a count that introduces a list, each item of the list (positions 1, 2 …).",
            fields: [
                Field("fact_id", "The fact.", required: true),
                Field("position", .integer, "0 for the fact's own words; n for the n-th list item.", required: true, minimum: 0),
                Field("role", "`value` (the fact's own words) or `item` (a list item).", required: true, allowed: ["value", "item"]),
                Field("span_id", "The span.", required: true),
            ],
            primaryKey: ["fact_id", "position"],
            foreignKeys: [
                .init(fields: ["fact_id"], table: "facts", referenced: ["fact_id"]),
                .init(fields: ["span_id"], table: "spans", referenced: ["span_id"]),
            ])
        let dataset = self.dataset
        return DatasetTable(schema: schema) { row in
            for document in dataset.documents.withoutTexts {
                for fact in document.facts {
                    try row([.text(fact.id), .integer(0), .text("value"), .text(DatasetTables.spanID(fact.evidence))])
                    for (index, item) in (fact.items ?? []).enumerated() {
                        try row([.text(fact.id), .integer(index + 1), .text("item"), .text(DatasetTables.spanID(item))])
                    }
                }
            }
        }
    }
}
