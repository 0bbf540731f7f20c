/// `datapackage.json`: the tables as a Frictionless Data Package (v2), so `frictionless validate`, pandas, R and
/// other tools open them with their types, constraints and keys, and can check every file's hash and size.
///
/// Each CSV is a `table` resource with its Table Schema (field types, `required`, `unique`, `pattern`, `enum`,
/// `minimum`), primary key and foreign keys, and its `sha256:` hash and byte count. The text files, `facts.jsonl`
/// and the validation report are not resources: the tables hold the same content, and `documents.text_sha256` and
/// `SHA256SUMS` pin the texts.
enum DataPackage {
    static let path = "datapackage.json"

    static func descriptor(_ tables: [DatasetTable], files: [String: FileDigest]) -> JSON {
        .object([
            ("$schema", .string("https://datapackage.org/profiles/2.0/datapackage.json")),
            ("name", .string("assay-dataset")),
            ("title", .string("Facts extracted by assay, with the words they came from")),
            ("description", .string(
                "Facts extracted from a folder of documents by declarative rules, each linked to the exact span of text it was "
                    + "read from, with the results of the rule files' checks. See README.md for the field guide.")),
            ("resources", .array(tables.map { table in
                let file = files[table.schema.path]
                return .object([
                    ("name", .string(table.schema.name)),
                    ("type", .string("table")),
                    ("path", .string(table.schema.path)),
                    ("scheme", .string("file")),
                    ("format", .string("csv")),
                    ("mediatype", .string("text/csv")),
                    ("encoding", .string("utf-8")),
                    ("description", .string(table.schema.description)),
                    ("hash", .string("sha256:" + (file?.sha256 ?? SHA256Hex.digest([])))),
                    ("bytes", .int(file?.size ?? 0)),
                    ("dialect", .object([
                        ("header", .bool(true)),
                        ("delimiter", .string(",")),
                        ("lineTerminator", .string("\n")),
                        ("quoteChar", .string("\"")),
                        ("doubleQuote", .bool(true)),
                    ])),
                    ("schema", schema(table.schema)),
                ])
            })),
        ])
    }

    private static func schema(_ schema: TableSchema) -> JSON {
        var pairs: [(String, JSON)] = [
            ("fields", .array(schema.fields.map(field))),
            ("missingValues", .array([.string("")])),
            ("primaryKey", .array(schema.primaryKey.map(JSON.string))),
        ]
        if !schema.foreignKeys.isEmpty {
            pairs.append(("foreignKeys", .array(schema.foreignKeys.map { key in
                .object([
                    ("fields", .array(key.fields.map(JSON.string))),
                    ("reference", .object([
                        ("resource", .string(key.table)),
                        ("fields", .array(key.referenced.map(JSON.string))),
                    ])),
                ])
            })))
        }
        return .object(pairs)
    }

    private static func field(_ field: TableSchema.Field) -> JSON {
        var constraints: [(String, JSON)] = []
        if field.required { constraints.append(("required", .bool(true))) }
        if field.unique { constraints.append(("unique", .bool(true))) }
        if let pattern = field.pattern { constraints.append(("pattern", .string(pattern))) }
        if let allowed = field.allowed { constraints.append(("enum", .array(allowed.map(JSON.string)))) }
        if let minimum = field.minimum { constraints.append(("minimum", .int(minimum))) }
        var pairs: [(String, JSON)] = [
            ("name", .string(field.name)),
            ("type", .string(field.kind.rawValue)),
            ("description", .string(field.description)),
        ]
        if !constraints.isEmpty { pairs.append(("constraints", .object(constraints))) }
        return .object(pairs)
    }
}
