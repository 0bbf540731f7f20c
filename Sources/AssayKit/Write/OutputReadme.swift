/// `Output/README.md`: what each file is, how to open the dataset (a browser or spreadsheet, `sqlite3`, Datasette,
/// `frictionless`, pandas), and the field guide, generated from the same table schemas that write the CSVs, so it
/// cannot fall out of step with them.
enum OutputReadme {
    static let path = "README.md"

    static func text(_ dataset: Dataset, tables: [DatasetTable], rowCounts: [String: Int]) -> String {
        let subject = DatasetTables.subjectField(dataset.ruleSet)
        let facts = dataset.overview.facts, documents = dataset.documents.count
        let firstTable = tables.first { $0.schema.name == "facts" }?.schema.path ?? "data/facts.csv"
        var out = """
            # The dataset

            Written by `assay build` (assay \(AssayVersion.current)) from \(documents) document\(documents == 1 ? "" : "s") with \
            the rule files listed in `manifest.json`: \(facts) fact\(facts == 1 ? "" : "s"), each linked to the exact words it was \
            read from, and the results of \(dataset.validation.checks.count) check\(dataset.validation.checks.count == 1 ? "" : "s"). \
            This file is generated; do not edit it.

            - Regenerate: `assay build` (documents whose bytes, path, rules and tool are unchanged come from the cache).
            - Is it current? `assay build --check` exits 1 and says what would change.
            - What changed between two versions? `assay diff OLD NEW` lists facts added, removed and changed.

            ## Files

            | file | what it holds |
            |---|---|
            | `datapackage.json` | Frictionless Data Package: every table below with its types, constraints, keys, hash and size |
            | `data/*.csv` | the tables (field guide below): UTF-8, a header row, RFC 4180 quoting, LF line ends |
            | `dataset.sqlite` | the same tables in SQLite, with primary and foreign keys and views; written by every build, not kept in git |
            | `facts.jsonl` | one fact per line with its evidence nested, as `assay extract` prints them; read back by `assay validate` |
            | `text/<doc_id>.txt` | each document's normalised text: `start`/`end` offsets count Unicode code points into it |
            | `errors.jsonl` | every problem with a document: stage, severity, message, line or byte offset |
            | `validation/report.json` | every check result with the facts on each side and their words |
            | `review/index.html` | review pages for a browser (no server, no network): the run's summary, the checks (failures first), every fact (filter by type, \(subject), attribute, check status) and the documents |
            | `review/<doc_id>.html` | one document's normalised text with every fact's words highlighted and labelled by type; hover over or tab to a span for its value, attribute, \(subject) and rule |
            | `manifest.json` | the tool version, the SHA-256 of every input document, rule file and output file, and counts |
            | `SHA256SUMS` | SHA-256 of every file but itself and `dataset.sqlite`: `sha256sum -c SHA256SUMS` checks them |

            ## How to open it

            - **Review pages**: open `review/index.html` in a browser. A span's `review` column (`data/spans.csv`) links to its words in
              its document's page, a check result's (`data/check_results.csv`) to the result on the index.
            - **A spreadsheet or a browser**: open `\(firstTable)`; each fact's words are in `data/spans.csv` (join on
              `span_id`) and its document in `data/documents.csv` (join on `doc_id`).
            - **sqlite3**: `sqlite3 dataset.sqlite "select document, line, type, attribute, value, \(subject), exact from fact_evidence"`;
              failed checks: `select * from failed_checks`.
            - **Datasette**: `datasette dataset.sqlite` (`pip install datasette`), then browse tables and views; foreign keys link rows.
            - **frictionless**: `frictionless validate datapackage.json` checks types, constraints, keys, hashes and sizes.
            - **pandas**: `pandas.read_csv("data/facts.csv")`, or `frictionless` to read with the declared types.
            - **Evidence in its document**: a span's `link` is the source path with an RFC 5147 fragment
              (`#char=start,end` in the decoded source); `text/<doc_id>.txt` sliced at `start:end` (code points) gives `exact`.

            ## Views in `dataset.sqlite`

            | view | answers |
            |---|---|
            | `fact_evidence` | each fact with its words, context, line, offsets, link, document and rule |
            | `failed_checks` | every failed or unevaluable check result, one row per fact or list item it compared |
            | `list_items` | the items of every list a count introduces, with their words and lines |
            | `entity_mentions` | which entity each fact named, in which words, where |

            ## Field guide

            Empty cells are null. Offsets count Unicode code points, 0-based, end exclusive.

            """
        for table in tables {
            let schema = table.schema
            let rows = rowCounts[schema.name] ?? 0
            out += "\n### `\(schema.name)` (`\(schema.path)`, \(rows) row\(rows == 1 ? "" : "s"))\n\n"
            out += schema.description + "\n\n"
            out += "Primary key: " + schema.primaryKey.map { "`\($0)`" }.joined(separator: ", ") + "."
            if !schema.foreignKeys.isEmpty {
                out += " Links: " + schema.foreignKeys.map { key in
                    "`\(key.fields.joined(separator: ", "))` → `\(key.table).\(key.referenced.joined(separator: ", "))`"
                }.joined(separator: "; ") + "."
            }
            out += "\n\n| column | type | meaning |\n|---|---|---|\n"
            for field in schema.fields {
                var type = field.kind.rawValue
                if field.required { type += ", required" }
                let meaning = field.description.replacingOccurrences(of: "|", with: "\\|")
                out += "| `\(field.name)` | \(type) | \(meaning) |\n"
            }
        }
        return out
    }
}
