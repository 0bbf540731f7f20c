/// The tables of what was read and found: documents, spans, facts and the links from facts to their spans (and, by
/// `EntityTables`, to the entities they name), made in one pass over the records.
extension DatasetTables.Context {
    private typealias Field = TableSchema.Field

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

    var documentsSchema: TableSchema {
        TableSchema(
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
    }

    var spansSchema: TableSchema {
        TableSchema(
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
    }

    func factsSchema(subjectKey: TableSchema.ForeignKey?) -> TableSchema {
        let ruleSet = dataset.ruleSet
        var foreignKeys: [TableSchema.ForeignKey] = [
            .init(fields: ["doc_id"], table: "documents", referenced: ["doc_id"]),
            .init(fields: ["span_id"], table: "spans", referenced: ["span_id"]),
            .init(fields: ["rule_id"], table: "rules", referenced: ["rule_id"]),
        ]
        if let subjectKey { foreignKeys.append(subjectKey) }
        return TableSchema(
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
    }

    var factSpansSchema: TableSchema {
        TableSchema(
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
    }

    /// `documents`, `spans`, `facts`, `fact_spans` and `entity_facts`, and what the entity tables count, made in one
    /// pass over the records. Each span's id (a hash) is made once per fact or item and used by every table naming it.
    func recordTables(
        subjectKey: TableSchema.ForeignKey?, entities: EntityTables, textDigests: TextDigests?
    ) -> (schemas: [TableSchema], pass: DatasetTables.Pass) {
        let schemas = [documentsSchema, spansSchema, factsSchema(subjectKey: subjectKey), factSpansSchema, entities.linksSchema]
        var errorCounts: [String: Int] = [:], warningCounts: [String: Int] = [:]
        for diagnostic in dataset.diagnostics {
            guard let file = diagnostic.location?.file else { continue }
            if diagnostic.severity == .error { errorCounts[file, default: 0] += 1 }
            if diagnostic.severity == .warning { warningCounts[file, default: 0] += 1 }
        }
        let (errors, warnings) = (errorCounts, warningCounts)
        let pass = DatasetTables.Pass(tables: schemas.map(\.name)) { [self] writers in
            let (documents, spans, facts, factSpans, links) = (writers[0], writers[1], writers[2], writers[3], writers[4])
            let records = dataset.documents
            var spanIDs: [String] = []
            for (position, record) in records.withoutTexts.enumerated() {
                spanIDs.removeAll(keepingCapacity: true)
                for fact in record.facts {
                    spanIDs.append(DatasetTables.spanID(fact.evidence))
                    for item in fact.items ?? [] { spanIDs.append(DatasetTables.spanID(item)) }
                }
                let textSHA256 = textDigests?[position] ?? SHA256Hex.digest(records.text(at: position))
                try documentRow(record, textSHA256: textSHA256, errors: errors[record.path] ?? 0, warnings: warnings[record.path] ?? 0, into: documents)
                try spanRows(record, spanIDs: spanIDs, into: spans)
                try factRows(record, spanIDs: spanIDs, into: facts, factSpans)
                try entities.add(record, at: position, links: links)
            }
            try entities.finishLinks(links)
        }
        return (schemas, pass)
    }

    private func documentRow(_ document: DocumentRecord, textSHA256: String, errors: Int, warnings: Int, into row: TableWriter) throws {
        row.text(document.docID); row.text(document.path); row.text(document.mediaType.rawValue); row.text(document.encoding.rawValue)
        row.text(document.sha256); row.integer(document.byteCount); row.text(document.title); row.integer(document.blockCount)
        row.text("text/\(document.docID).txt"); row.text(textSHA256); row.integer(document.textLength)
        row.integer(document.facts.count); row.integer(errors); row.integer(warnings)
        try row.endRow()
    }

    /// The document's distinct spans, by start, end and id. `spanIDs`: each fact's span id, then its items', in order.
    private func spanRows(_ document: DocumentRecord, spanIDs: [String], into row: TableWriter) throws {
        var seen: [String: Evidence] = [:]
        var next = spanIDs.startIndex
        for fact in document.facts {
            seen[spanIDs[next]] = fact.evidence
            next += 1
            for item in fact.items ?? [] {
                seen[spanIDs[next]] = item
                next += 1
            }
        }
        for (id, evidence) in seen.sorted(by: { ($0.value.start, $0.value.end, $0.key) < ($1.value.start, $1.value.end, $1.key) }) {
            row.text(id); row.text(evidence.docID); row.integer(evidence.start); row.integer(evidence.end); row.text(evidence.exact)
            row.text(evidence.prefix); row.text(evidence.suffix); row.integer(evidence.line); row.integer(evidence.sourceStart)
            row.integer(evidence.sourceEnd); row.text(evidence.xpath); row.text(evidence.link)
            row.text(ReviewPages.spanLink(docID: evidence.docID, spanID: id))
            try row.endRow()
        }
    }

    /// Each fact, and the spans it rests on. `spanIDs` as for `spanRows`.
    private func factRows(_ document: DocumentRecord, spanIDs: [String], into row: TableWriter, _ spanRow: TableWriter) throws {
        let types = dataset.ruleSet.types
        var next = spanIDs.startIndex
        var qualifiers: [UInt8] = []
        for fact in document.facts {
            let spanID = spanIDs[next]
            next += 1
            qualifiers.removeAll(keepingCapacity: true)
            JSON.object(fact.qualifiers.sorted { $0.key < $1.key }.map { ($0.key, JSON($0.value)) }).write(into: &qualifiers)
            row.text(fact.id); row.text(fact.evidence.docID); row.text(spanID); row.text(fact.recordID); row.text(fact.type)
            row.text(fact.attribute); row.text(fact.value.description)
            row.text(types[fact.type]?.value.rawValue ?? FactType.ValueKind.text.rawValue); row.integer(fact.value.integer)
            row.text(fact.subject); qualifiers.withUnsafeBufferPointer { row.text(utf8: $0) }; row.text(fact.ruleID)
            row.integer(fact.items?.count)
            try row.endRow()
            spanRow.text(fact.id); spanRow.integer(0); spanRow.text("value"); spanRow.text(spanID)
            try spanRow.endRow()
            for item in 0..<(fact.items?.count ?? 0) {
                spanRow.text(fact.id); spanRow.integer(item + 1); spanRow.text("item"); spanRow.text(spanIDs[next])
                try spanRow.endRow()
                next += 1
            }
        }
    }
}
