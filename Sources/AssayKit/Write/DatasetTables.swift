import Foundation

/// The dataset as related tables, in the order they are written and loaded (a table comes after every table its
/// foreign keys name): documents, spans, rules, checks, one table per entity type, facts, fact_spans,
/// entity_facts, check_results, check_evidence.
///
/// Why this split: a fact's words are a span (`spans`, one row per distinct stretch of a document, its id a hash of
/// the document id and offsets, so it is stable while the document is), and a fact can rest on several spans (a
/// count and the items of the list it introduces), so facts link to spans through `fact_spans` rather than holding
/// one span's columns. Check results link to the facts and list items they compared in `check_evidence`. Entities
/// (programmes, sites … whatever entity types the rule set declares) merge every alias a document used into one
/// row each, and `entity_facts` says which fact saw which entity under which name.
///
/// Input: `Dataset`. Rows are in dataset order (documents by path, facts by position), never in hash order, and
/// every id is derived from content, so the same inputs give the same bytes.
///
/// The rows are made in passes (`Pass`), each filling one or more tables: the tables of documents, spans, facts and
/// their links to spans and entities in one pass over the records, so each record is read back and its facts decoded
/// once, not once per table (a record of a 10,000-document corpus was read five times, which made up much of writing
/// the tables); the check results and their evidence in one pass over the results; every other table on its own.
struct DatasetTables: Sendable {
    /// Every table, in the order above.
    var tables: [DatasetTable]
    /// Every table's rows, in the order they are made: the tables from the checks' results last.
    var passes: [Pass]

    /// Rows of one or more tables made together: `fill` is given a writer per table, in the order of `tables`.
    struct Pass: Sendable {
        var tables: [String]
        let fill: @Sendable ([TableWriter]) throws -> Void
    }

    /// `textDigests`: each document's `text/<doc_id>.txt` digest by position, where already written (the texts are
    /// written beside the tables; a text not yet written is read back and hashed).
    init(_ dataset: Dataset, textDigests: TextDigests? = nil) {
        let context = Context(dataset)
        let entities = EntityTables(dataset, reserved: Set(Self.coreNames))
        let records = context.recordTables(subjectKey: entities.subjectKey, entities: entities, textDigests: textDigests)
        let results = context.resultTables(subjectKey: entities.subjectKey)
        let (rules, checks) = (context.rules(), context.checks())
        let madeInPasses = Dictionary(
            uniqueKeysWithValues: (records.schemas + results.schemas).map { ($0.name, DatasetTable(schema: $0, produce: nil)) })
        tables = ["documents", "spans"].map { madeInPasses[$0]! } + [rules, checks] + entities.tables
        tables += ["facts", "fact_spans", "entity_facts", "check_results", "check_evidence"].map { madeInPasses[$0]! }
        // The entity tables count what the records' pass saw, so come after it.
        passes = [records.pass] + ([rules] + entities.tables + [checks]).map(Self.pass) + [results.pass]
    }

    /// A table that makes its own rows, as a pass of its own.
    private static func pass(_ table: DatasetTable) -> Pass {
        Pass(tables: [table.schema.name]) { try table.produce!($0[0]) }
    }

    /// The tables whose rows come from the checks' results. They are written after all the others, so that a build
    /// can write the rest while the checks still run; every table is still listed (and loaded into SQLite's schema)
    /// in the order above, and each CSV's bytes do not depend on when it was written.
    static let madeFromChecks: Set<String> = ["checks", "check_results", "check_evidence"]

    /// Names no entity table may take.
    static let coreNames = [
        "documents", "spans", "rules", "checks", "facts", "fact_spans", "entity_facts", "check_results", "check_evidence",
    ]

    /// `s-` and 16 hex digits of SHA-256 over the document id and the span's offsets. The document id changes with
    /// the document's bytes, so the offsets always point into the same text.
    ///
    /// Every table of spans, facts and evidence, and every review page, names spans by this id, a few hundred
    /// thousand times in a 10,000-document build: so the hashed text is put together as bytes and only the 8 bytes
    /// of the digest the id shows are turned into hex, rather than formatting the whole digest to keep 16 digits.
    static func spanID(_ evidence: Evidence) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(64)
        key += spanKeyPrefix
        key += evidence.docID.utf8
        key.append(UInt8(ascii: "|"))
        // Numbers this short are formatted without allocating.
        key += String(evidence.start).utf8
        key.append(UInt8(ascii: "|"))
        key += String(evidence.end).utf8
        return SHA256Hex.prefixed("s-", digestOf: key, hexDigits: 16)
    }

    private static let spanKeyPrefix = Array("span/v1|".utf8)

    /// The column facts and check results name their subject under: the attribution field (`programme`), unless
    /// another column of `facts` already has that name.
    static func subjectField(_ ruleSet: RuleSet) -> String {
        let field = ruleSet.attribution?.field ?? "subject"
        let taken: Set<String> = [
            "fact_id", "doc_id", "span_id", "record_id", "type", "attribute", "value", "value_kind", "value_integer",
            "qualifiers", "rule_id", "items", "check_id", "status", "key", "expected", "observed", "message", "result_id",
        ]
        return taken.contains(field) ? "subject" : field
    }

    /// What every table builder needs: the dataset, and each document's id by path.
    struct Context: Sendable {
        let dataset: Dataset
        let subjectField: String
        let docIDs: [String: String]

        init(_ dataset: Dataset) {
            self.dataset = dataset
            subjectField = DatasetTables.subjectField(dataset.ruleSet)
            // From the overview: reading every record back for two strings would decode all their facts.
            docIDs = Dictionary(zip(dataset.overview.paths, dataset.overview.docIDs), uniquingKeysWith: { _, last in last })
        }
    }
}

/// Each document's `text/<doc_id>.txt` SHA-256 by position, set as the texts are written, for the documents table's
/// `text_sha256`: the table need not read each text back and hash it again. Kept as 32 bytes each, not as hex
/// strings (which took a megabyte at 10,000 documents, beside the checks' peak of memory).
final class TextDigests: @unchecked Sendable {
    private var digests: [UInt8]
    private var known: [Bool]
    private let lock = NSLock()

    init(count: Int) {
        digests = Array(repeating: 0, count: 32 * count)
        known = Array(repeating: false, count: count)
    }

    /// The digest as lowercase hex, or nil before its text is written.
    subscript(position: Int) -> String? {
        get {
            lock.withLock {
                guard known[position] else { return nil }
                return String(unsafeUninitializedCapacity: 64) { out in
                    for index in 0..<32 {
                        let byte = digests[32 * position + index]
                        out[2 * index] = Self.hexDigits[Int(byte >> 4)]
                        out[2 * index + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    }
                    return 64
                }
            }
        }
        set {
            let hex = Array((newValue ?? "").utf8)
            precondition(hex.count == 64, "a SHA-256 in hex has 64 digits")
            lock.withLock {
                for index in 0..<32 { digests[32 * position + index] = Self.value(hex[2 * index]) << 4 | Self.value(hex[2 * index + 1]) }
                known[position] = true
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func value(_ digit: UInt8) -> UInt8 {
        digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
    }
}
