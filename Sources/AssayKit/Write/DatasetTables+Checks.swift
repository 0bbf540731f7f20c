/// The tables of rules and checks: what extracted the facts, what was checked, each result and the facts and list
/// items it compared.
extension DatasetTables.Context {
    private typealias Field = TableSchema.Field
    private typealias Value = DatasetTable.Value

    func rules() -> DatasetTable {
        let schema = TableSchema(
            name: "rules",
            description: "One row per extraction rule of the rule files, by id.",
            fields: [
                Field("rule_id", "The rule's id, unique across the rule files.", required: true, unique: true),
                Field("file", "The rule file it is declared in.", required: true),
                Field("line", .integer, "1-based line of the rule in that file.", minimum: 1),
                Field("priority", .integer, "Higher wins when facts of one type overlap.", required: true),
                Field("description", "What the rule is for, as its author wrote."),
                Field("pattern", "The rule's pattern as written, before `{name}` references are expanded.", required: true),
                Field("facts", .integer, "Facts it extracted in this dataset.", required: true, minimum: 0),
            ],
            primaryKey: ["rule_id"])
        var counts: [String: Int] = [:]
        for (rule, count) in dataset.overview.factsByRule { counts[rule, default: 0] += count }
        let rows: [[Value]] = dataset.ruleSet.rules.sorted { $0.id < $1.id }.map { rule in
            [
                .text(rule.id), .text(rule.location.file), Value(rule.location.line), .integer(rule.priority),
                Value(rule.description), .text(rule.pattern), .integer(counts[rule.id] ?? 0),
            ]
        }
        return DatasetTable(schema: schema, rows: rows)
    }

    func checks() -> DatasetTable {
        let schema = TableSchema(
            name: "checks",
            description: "One row per check of the rule files (`checks:` sections), by id, with its overall status.",
            fields: [
                Field("check_id", "The check's id.", required: true, unique: true),
                Field("kind", "What it compares: `sum`, `list_length`, `agree`, `subset`, `range`, `date_order` or `required`.", required: true, allowed: Check.Kind.allCases.map(\.rawValue)),
                Field("severity", "`error` fails `assay build` and `assay validate`; `warning` only with `--strict`.", required: true, allowed: Check.Severity.allCases.map(\.rawValue)),
                Field("scope", "`document`: both sides in one document; `corpus`: across documents.", required: true, allowed: Check.Scope.allCases.map(\.rawValue)),
                Field("status", "The worst of its results: `fail`, then `error`, `pass`, `skipped`.", required: true, allowed: CheckResult.Status.allCases.map(\.rawValue)),
                Field("results", .integer, "Results it gave (rows in `check_results`).", required: true, minimum: 0),
                Field("file", "The rule file it is declared in.", required: true),
                Field("line", .integer, "1-based line of its id in that file.", minimum: 1),
                Field("description", "What must hold, as its author wrote."),
            ],
            primaryKey: ["check_id"])
        // The checks' results are read when the rows are written, not when the table is made (see `madeFromChecks`).
        let dataset = self.dataset
        return DatasetTable(schema: schema) { table in
            let validation = dataset.validation
            for check in validation.checks {
                try table.row([
                    .text(check.id), .text(check.kind.rawValue), .text(check.severity.rawValue), .text(check.scope.rawValue),
                    .text(validation.status(of: check.id).rawValue), .integer(validation.resultCount(of: check.id)),
                    .text(check.location.file), Value(check.location.line), Value(check.description),
                ])
            }
        }
    }

    /// `check_results` and `check_evidence`, made in one pass over the results (each read back once).
    func resultTables(subjectKey: TableSchema.ForeignKey?) -> (schemas: [TableSchema], pass: DatasetTables.Pass) {
        let schemas = [checkResultsSchema(subjectKey: subjectKey), checkEvidenceSchema]
        let (dataset, docIDs) = (self.dataset, self.docIDs)
        let pass = DatasetTables.Pass(tables: schemas.map(\.name)) { writers in
            let (results, evidence) = (writers[0], writers[1])
            try dataset.validation.results.forEachWithID { result, id in
                results.text(id); results.text(result.checkID); results.text(result.status.rawValue); results.text(result.subject)
                results.text(result.document.flatMap { docIDs[$0] }); results.text(result.key); results.text(result.expected?.description)
                results.text(result.observed?.description); results.text(result.message); results.text(ReviewPages.resultLink(id))
                try results.endRow()
                for (index, link) in result.links.enumerated() {
                    evidence.text(id); evidence.integer(index + 1); evidence.text(link.role); evidence.text(link.factID)
                    evidence.integer(link.item); evidence.text(DatasetTables.spanID(link.evidence))
                    try evidence.endRow()
                }
            }
        }
        return (schemas, pass)
    }

    private func checkResultsSchema(subjectKey: TableSchema.ForeignKey?) -> TableSchema {
        var foreignKeys: [TableSchema.ForeignKey] = [
            .init(fields: ["check_id"], table: "checks", referenced: ["check_id"]),
            .init(fields: ["doc_id"], table: "documents", referenced: ["doc_id"]),
        ]
        if let subjectKey { foreignKeys.append(subjectKey) }
        return TableSchema(
            name: "check_results",
            description: "One row per evaluation of a check: for one subject (and one document, for document-scoped checks), what was expected and found.",
            fields: [
                Field("result_id", "Id of the result: `c-` and 16 hex digits of SHA-256 over the check, the group and the facts compared.", required: true, unique: true, pattern: "^c-[0-9a-f]{16}$"),
                Field("check_id", "The check.", required: true),
                Field("status", "`pass`, `fail`, `error` (could not be evaluated: never a silent pass) or `skipped` (does not apply here).", required: true, allowed: CheckResult.Status.allCases.map(\.rawValue)),
                Field(subjectField, "The subject the compared facts are about."),
                Field("doc_id", "For a document-scoped result: the document both sides are in."),
                Field("key", "What the compared facts have in common beyond the subject (`wave_sites, wave 1`)."),
                Field("expected", "The value or condition expected."),
                Field("observed", "The value found."),
                Field("message", "The finding in words, quoting the facts and their lines.", required: true),
                Field("review", "The result in the review pages, linking to the words on each side: `review/index.html#<result_id>`, relative to the dataset folder.", required: true),
            ],
            primaryKey: ["result_id"], foreignKeys: foreignKeys)
    }

    private var checkEvidenceSchema: TableSchema {
        TableSchema(
            name: "check_evidence",
            description: "The facts and list items each check result compared, in the order the result names them.",
            fields: [
                Field("result_id", "The result.", required: true),
                Field("position", .integer, "1-based position among the result's evidence.", required: true, minimum: 1),
                Field("role", "The side of the check: `part`, `total`, `count`, `item`, `fact`, `whole`, `before`, `after` …", required: true),
                Field("fact_id", "The fact; for a list item, the count whose list it is.", required: true),
                Field("item", .integer, "For a list item: its position in the list, from 1.", minimum: 1),
                Field("span_id", "The words compared: the fact's, or the list item's.", required: true),
            ],
            primaryKey: ["result_id", "position"],
            foreignKeys: [
                .init(fields: ["result_id"], table: "check_results", referenced: ["result_id"]),
                .init(fields: ["fact_id"], table: "facts", referenced: ["fact_id"]),
                .init(fields: ["span_id"], table: "spans", referenced: ["span_id"]),
            ])
    }
}
