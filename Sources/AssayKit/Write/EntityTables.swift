/// One table per entity type of the rule set (every fact type whose value is a gazetteer entry's id or name, such as
/// `programme` and `site`), merging every name documents used for an entity into one row, and `entity_facts`,
/// which says which fact named which entity and in what words.
///
/// Domain-free: the tables come from the rule set's types and gazetteers, never from names known to the engine. An
/// entity's aliases are merged by the gazetteer (an alias resolves to one entry), so "Southend on Sea" and
/// "Southend" are one row; `aliases_seen` lists the words documents actually used, including abbreviations a
/// document defines right after the name ("… PIONEERS (PIONEERS)", see `AbbreviationFinder`). Every entry of the
/// gazetteer has a row, so an entity no document names shows with no facts rather than not at all.
///
/// What the tables count is gathered, and `entity_facts` written, as the pass over the records that makes the facts
/// table hands each record on (`add`), so the records are not read again; the per-type tables are written after it.
struct EntityTables: Sendable {
    /// The per-type tables, by type name.
    var tables: [DatasetTable] = []
    /// `entity_facts`, whose rows `add` and `finishLinks` write.
    var linksSchema: TableSchema
    /// The foreign key from the subject column of `facts` and `check_results` to the subject's entity table, when
    /// the attribution type is an entity type.
    var subjectKey: TableSchema.ForeignKey?
    private let types: [EntityType]
    private let typeIndexes: [String: Int]
    private let gathering: Gathering

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

    /// What the pass over the records gathers: per entity type, what its facts say of each entry, and the rows of
    /// `entity_facts` of every type but the first, held until the pass ends (the table lists the links a type at a
    /// time, so only the first type's can be written as they come).
    private final class Gathering: @unchecked Sendable {
        var gathered: [Gathered]
        var heldLinks: [HeldRows]

        init(_ types: [EntityType]) {
            gathered = types.map { Gathered(count: $0.gazetteer.entries.count, byKey: EntityTables.entryIndexes($0)) }
            heldLinks = types.dropFirst().map { _ in HeldRows() }
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
        self.types = types
        typeIndexes = Dictionary(types.indices.map { (types[$0].type.name, $0) }, uniquingKeysWith: { first, _ in first })
        let gathering = Gathering(types)
        self.gathering = gathering
        for (typeIndex, entityType) in types.enumerated() {
            let entries = entityType.gazetteer.entries
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
            // Written once the records' pass has gathered what the facts say.
            tables.append(DatasetTable(schema: schema) { table in
                let gathered = gathering.gathered[typeIndex]
                for (index, entry) in entries.enumerated() {
                    try table.row([
                        .text(entry.id), .text(entry.name), .text(JSON.array(entry.aliases.map(JSON.string)).serialized()),
                        .text(JSON.array(gathered.seen[index].map(JSON.string)).serialized()), .integer(gathered.documents[index]),
                        .integer(gathered.factCounts[index]), .text(gathered.factIDsJSON(index)),
                    ])
                }
            })
        }
        linksSchema = TableSchema(
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
        if let attribution = dataset.ruleSet.attribution, let subject = types.first(where: { $0.type.name == attribution.type }) {
            subjectKey = TableSchema.ForeignKey(
                fields: [DatasetTables.subjectField(dataset.ruleSet)], table: subject.table,
                referenced: [subject.type.value == .entityID ? "entity_id" : "name"])
        }
    }

    /// Gathers what `document`'s facts say of entities (the document is at `position` in the records) and writes or
    /// holds their rows of `entity_facts`.
    func add(_ document: DocumentRecord, at position: Int, links: TableWriter) throws {
        for (index, fact) in document.facts.enumerated() {
            guard let typeIndex = typeIndexes[fact.type], case .string(let key) = fact.value,
                let entry = gathering.gathered[typeIndex].byKey[key]
            else { continue }
            let abbreviation = document.abbreviations[index]
            gathering.gathered[typeIndex].add(fact, abbreviation: abbreviation, inDocumentAt: position, at: entry)
            let (type, entityID) = (types[typeIndex].type.name, types[typeIndex].gazetteer.entries[entry].id)
            let row: TableRows = typeIndex == 0 ? links : gathering.heldLinks[typeIndex - 1]
            row.text(fact.id); row.text(type); row.text(entityID); row.text(fact.evidence.exact); row.text(abbreviation)
            try row.endRow()
        }
    }

    /// Writes the held rows of `entity_facts`, once every record has been added.
    func finishLinks(_ links: TableWriter) throws {
        for held in gathering.heldLinks { try held.write(to: links) }
    }
}
