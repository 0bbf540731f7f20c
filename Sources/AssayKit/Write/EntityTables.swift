/// One table per entity type of the rule set (every fact type whose value is a gazetteer entry's id or name, such as
/// `programme` and `site`), merging every name documents used for an entity into one row, and `entity_facts`,
/// which says which fact named which entity and in what words.
///
/// Domain-free: the tables come from the rule set's types and gazetteers, never from names known to the engine. An
/// entity's aliases are merged by the gazetteer (an alias resolves to one entry), so "Southend on Sea" and
/// "Southend" are one row; `aliases_seen` lists the words documents actually used, including abbreviations a
/// document defines right after the name ("… PIONEERS (PIONEERS)", see `AbbreviationFinder`). Every entry of the
/// gazetteer has a row, so an entity no document names shows with no facts rather than not at all.
struct EntityTables {
    /// The per-type tables, by type name.
    var tables: [DatasetTable] = []
    /// `entity_facts`.
    var links: DatasetTable
    /// The foreign key from the subject column of `facts` and `check_results` to the subject's entity table, when
    /// the attribution type is an entity type.
    var subjectKey: TableSchema.ForeignKey?

    private typealias Field = TableSchema.Field
    private typealias Value = DatasetTable.Value

    /// An entity type with its gazetteer and table name.
    struct EntityType {
        var type: FactType
        var gazetteer: Gazetteer
        var table: String
    }

    /// The entity types of a rule set, by type name, with table names that do not clash with `reserved`.
    static func entityTypes(of ruleSet: RuleSet, reserved: Set<String>) -> [EntityType] {
        ruleSet.types.values.sorted { $0.name < $1.name }.compactMap { type in
            guard type.value == .entityID || type.value == .entityName, let name = type.gazetteer,
                let gazetteer = ruleSet.gazetteers[name]
            else { return nil }
            let plural = Self.plural(type.name)
            let table = reserved.contains(plural) || !plural.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? "\(type.name)_entities" : plural
            return EntityType(type: type, gazetteer: gazetteer, table: table)
        }
    }

    /// Each gazetteer entry's position, by what facts of the type hold as their value: its id or its name.
    static func entryIndexes(_ entityType: EntityType) -> [String: Int] {
        var byKey: [String: Int] = [:]
        for (index, entry) in entityType.gazetteer.entries.enumerated() {
            byKey[entityType.type.value == .entityID ? entry.id : entry.name] = index
        }
        return byKey
    }

    /// What the facts of one entity type say of each gazetteer entry, by the entry's position.
    ///
    /// Held while the tables are written, and a programme is named by most documents of a corpus: so of the facts
    /// naming an entry only their ids are kept, already as the column's JSON text (one buffer, not a string per
    /// fact), and of the documents only how many there are (facts come in document order, so a document is new when
    /// it is not the last one counted).
    private struct Gathered {
        let byKey: [String: Int]
        var seen: [[String]]
        /// `fact_ids` so far: `["f-…","f-…"` without its closing bracket, or empty.
        var factIDs: [[UInt8]]
        var factCounts: [Int]
        var documents: [Int]
        private var lastDocument: [Int]

        init(count: Int, byKey: [String: Int]) {
            self.byKey = byKey
            seen = Array(repeating: [], count: count)
            factIDs = Array(repeating: [], count: count)
            factCounts = Array(repeating: 0, count: count)
            documents = Array(repeating: 0, count: count)
            lastDocument = Array(repeating: -1, count: count)
        }

        mutating func add(_ fact: Fact, abbreviation: String?, inDocumentAt document: Int, at index: Int) {
            for name in [fact.evidence.exact, abbreviation].compactMap({ $0 }) where !seen[index].contains(name) {
                seen[index].append(name)
            }
            factIDs[index].append(factIDs[index].isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
            JSON.string(fact.id).write(into: &factIDs[index])
            factCounts[index] += 1
            if lastDocument[index] != document {
                lastDocument[index] = document
                documents[index] += 1
            }
        }

        /// The `fact_ids` column of entry `index`: a JSON array, as `JSON.array(…).serialized()` writes it.
        func factIDsJSON(_ index: Int) -> String {
            factIDs[index].isEmpty ? "[]" : String(decoding: factIDs[index] + [UInt8(ascii: "]")], as: UTF8.self)
        }
    }

    /// English plural of a type name, for table names: `programme` → `programmes`, `cohort` → `cohorts`.
    static func plural(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("ch") || lower.hasSuffix("sh") { return lower + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) { return lower.dropLast() + "ies" }
        return lower + "s"
    }

    init(_ dataset: Dataset, reserved: Set<String>) {
        let types = Self.entityTypes(of: dataset.ruleSet, reserved: reserved)
        // Per type, per gazetteer entry: the names seen, the facts and the documents naming it, gathered in one pass
        // over the records (each read back decodes all its facts).
        var gathered = types.map { Gathered(count: $0.gazetteer.entries.count, byKey: Self.entryIndexes($0)) }
        let typeIndexes = Dictionary(types.indices.map { (types[$0].type.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Per type, the positions of the documents that name an entity of it: `entity_facts`, written a type at a
        // time, reads back only those (at 10,000 documents, a site is named in one document of five).
        var naming: [[Int32]] = types.map { _ in [] }
        for (documentPosition, document) in dataset.documents.withoutTexts.enumerated() {
            for (position, fact) in document.facts.enumerated() {
                guard let typeIndex = typeIndexes[fact.type], case .string(let key) = fact.value,
                    let index = gathered[typeIndex].byKey[key]
                else { continue }
                gathered[typeIndex].add(fact, abbreviation: document.abbreviations[position], inDocumentAt: documentPosition, at: index)
                if naming[typeIndex].last != Int32(documentPosition) { naming[typeIndex].append(Int32(documentPosition)) }
            }
        }
        for (entityType, gathered) in zip(types, gathered) {
            let entries = entityType.gazetteer.entries
            let seen = gathered.seen
            let schema = TableSchema(
                name: entityType.table,
                description: "One row per entry of the `\(entityType.gazetteer.name)` gazetteer: the entities that `\(entityType.type.name)` facts name, every alias merged.",
                fields: [
                    Field("entity_id", "The entry's id in the gazetteer.", required: true, unique: true),
                    Field("name", "The entry's canonical name.", required: true, unique: true),
                    Field("aliases", .array, "Every name the gazetteer knows it by, as a JSON array.", required: true),
                    Field("aliases_seen", .array, "The words documents named it with, in order of first use, including abbreviations they define (JSON array).", required: true),
                    Field("documents", .integer, "Documents that name it.", required: true, minimum: 0),
                    Field("facts", .integer, "Facts that name it (rows in `entity_facts`).", required: true, minimum: 0),
                    Field("fact_ids", .array, "Those facts' ids, in document order (JSON array).", required: true),
                ],
                primaryKey: ["entity_id"])
            let rows: [[Value]] = entries.indices.map { index in
                let entry = entries[index]
                return [
                    .text(entry.id), .text(entry.name), .text(JSON.array(entry.aliases.map(JSON.string)).serialized()),
                    .text(JSON.array(seen[index].map(JSON.string)).serialized()), .integer(gathered.documents[index]),
                    .integer(gathered.factCounts[index]), .text(gathered.factIDsJSON(index)),
                ]
            }
            tables.append(DatasetTable(schema: schema, rows: rows))
        }
        links = DatasetTable(
            schema: TableSchema(
                name: "entity_facts",
                description: "Which fact named which entity, and in what words.",
                fields: [
                    Field("fact_id", "The fact.", required: true, unique: true),
                    Field("entity_type", "The fact type, whose entity table is named after it.", required: true, allowed: types.map(\.type.name)),
                    Field("entity_id", "The entity, by its id in that table.", required: true),
                    Field("seen_as", "The words the document named it with.", required: true),
                    Field("abbreviation", "An abbreviation the document defines for it right after those words."),
                ],
                primaryKey: ["fact_id"],
                foreignKeys: [.init(fields: ["fact_id"], table: "facts", referenced: ["fact_id"])])
        ) { [naming] row in
            // By entity type, then in document order: made again while written, not held.
            let documents = dataset.documents.withoutTexts
            for (entityType, naming) in zip(types, naming) {
                let byKey = Self.entryIndexes(entityType)
                for documentPosition in naming {
                    let document = documents[Int(documentPosition)]
                    for (position, fact) in document.facts.enumerated() where fact.type == entityType.type.name {
                        guard case .string(let key) = fact.value, let index = byKey[key] else { continue }
                        try row([
                            .text(fact.id), .text(entityType.type.name), .text(entityType.gazetteer.entries[index].id),
                            .text(fact.evidence.exact), Value(document.abbreviations[position]),
                        ])
                    }
                }
            }
        }
        if let attribution = dataset.ruleSet.attribution, let subject = types.first(where: { $0.type.name == attribution.type }) {
            subjectKey = TableSchema.ForeignKey(
                fields: [DatasetTables.subjectField(dataset.ruleSet)], table: subject.table,
                referenced: [subject.type.value == .entityID ? "entity_id" : "name"])
        }
    }
}
