/// Turns what Normalize and Extract made of one document into bytes and back, for `ExtractionCache`.
///
/// Everything both stages produce is kept (the normalised text, blocks, source map, HTML element table, the facts
/// with their evidence and list items, the suppressed candidates and every diagnostic), so a restored extraction is
/// indistinguishable from a fresh one to every later stage and command. The source document itself is not stored:
/// the cache key holds its path and SHA-256, and the loader has just read it. Evidence fields that repeat the
/// document's path, id and hash are stored once. `CacheRoundTripTests` fails when one of these types gains a field
/// this coder does not know about.
enum ExtractionCoder {
    /// Bumped whenever the layout below changes; entries of another version are misses.
    static let formatVersion: UInt64 = 1

    static func encode(_ extraction: Extraction) -> [UInt8] {
        let document = extraction.document
        var out = BinaryWriter(capacity: document.scalars.count * 3 + 1_024)
        out.string(document.text)
        out.array(document.blocks) { $0.block($1) }
        out.deltas(document.sourceMap.starts)
        out.deltas(document.sourceMap.ends)
        out.deltas(document.sourceMap.lineStarts)
        out.array(document.diagnostics) { $0.diagnostic($1) }
        out.strings(document.elements.paths)
        out.deltas(document.elements.parents)
        out.deltas(document.scalarElements)
        let source = EvidenceOwner(document.source)
        out.array(extraction.facts) { $0.fact($1, in: source) }
        out.array(extraction.suppressed) { $0.suppressed($1) }
        out.array(extraction.diagnostics) { $0.diagnostic($1) }
        return out.bytes
    }

    static func decode(_ bytes: [UInt8], source: SourceDocument) throws -> Extraction {
        var input = BinaryReader(bytes)
        let text = try input.string()
        let blocks = try input.array { try $0.block() }
        var map = SourceMap()
        map.starts = try input.deltas(as: Int32.self)
        map.ends = try input.deltas(as: Int32.self)
        map.lineStarts = try input.deltas(as: Int.self)
        let diagnostics = try input.array { try $0.diagnostic() }
        let paths = try input.strings()
        let parents = try input.deltas(as: Int32.self)
        guard paths.count == parents.count else { throw BinaryReader.Malformed() }
        var elements = ElementTable()
        for (path, parent) in zip(paths, parents) { _ = elements.add(path: path, parent: parent) }
        let scalarElements = try input.deltas(as: Int32.self)
        let document = NormalizedDocument(
            source: source, text: text, scalars: Array(text.unicodeScalars), blocks: blocks, sourceMap: map,
            diagnostics: diagnostics, elements: elements, scalarElements: scalarElements)
        let owner = EvidenceOwner(source)
        let facts = try input.array { try $0.fact(in: owner) }
        let suppressed = try input.array { try $0.suppressed() }
        let extractionDiagnostics = try input.array { try $0.diagnostic() }
        guard input.isAtEnd else { throw BinaryReader.Malformed() }
        return Extraction(document: document, facts: facts, suppressed: suppressed, diagnostics: extractionDiagnostics)
    }
}

extension BinaryWriter {
    fileprivate mutating func block(_ block: Block) {
        switch block.kind {
        case .title: unsigned(0)
        case .heading(let level):
            unsigned(1)
            int(level)
        case .paragraph: unsigned(2)
        case .listItem(let list, let depth):
            unsigned(3)
            int(list)
            int(depth)
        case .tableCell(let row, let column, let headers):
            unsigned(4)
            int(row)
            int(column)
            strings(headers)
        }
        int(block.range.lowerBound)
        int(block.range.upperBound)
        optional(block.cell) { out, cell in
            out.int(cell.row)
            out.int(cell.column)
            out.strings(cell.headers)
            out.bool(cell.isHeader)
        }
        optionalInt(block.section)
    }

    mutating func diagnostic(_ diagnostic: Diagnostic) {
        string(diagnostic.severity.rawValue)
        string(diagnostic.stage.rawValue)
        string(diagnostic.message)
        optional(diagnostic.location) { out, location in
            out.string(location.file)
            out.optionalInt(location.line)
            out.optionalInt(location.column)
            out.optionalInt(location.byteOffset)
        }
        optionalString(diagnostic.ruleID)
        strings(diagnostic.notes)
    }

    mutating func value(_ value: FactValue) {
        switch value {
        case .integer(let integer):
            unsigned(0)
            int(integer)
        case .string(let string):
            unsigned(1)
            self.string(string)
        }
    }

    mutating func evidence(_ evidence: Evidence, in source: EvidenceOwner) {
        // The document's own path, id and hash (always, in practice) cost one byte.
        let own = evidence.document == source.path && evidence.docID == source.docID && evidence.sha256 == source.sha256
        bool(own)
        if !own {
            string(evidence.document)
            string(evidence.docID)
            string(evidence.sha256)
        }
        int(evidence.start)
        int(evidence.end)
        string(evidence.exact)
        string(evidence.prefix)
        string(evidence.suffix)
        optionalInt(evidence.line)
        optionalInt(evidence.sourceStart)
        optionalInt(evidence.sourceEnd)
        optionalString(evidence.xpath)
    }

    mutating func fact(_ fact: Fact, in source: EvidenceOwner) {
        string(fact.id)
        string(fact.type)
        value(fact.value)
        string(fact.attribute)
        optionalString(fact.subject)
        array(fact.qualifiers.sorted { $0.key < $1.key }) { out, pair in
            out.string(pair.key)
            out.value(pair.value)
        }
        string(fact.ruleID)
        string(fact.ruleFile)
        int(fact.ruleLine)
        string(fact.recordID)
        evidence(fact.evidence, in: source)
        optional(fact.items) { out, items in out.array(items) { $0.evidence($1, in: source) } }
    }

    fileprivate mutating func suppressed(_ candidate: SuppressedCandidate) {
        string(candidate.ruleID)
        string(candidate.type)
        int(candidate.start)
        int(candidate.end)
        string(candidate.exact)
        string(candidate.reason)
        optionalString(candidate.winnerRuleID)
    }
}

extension BinaryReader {
    fileprivate mutating func block() throws -> Block {
        let kind: Block.Kind
        switch try unsigned() {
        case 0: kind = .title
        case 1: kind = .heading(level: try int())
        case 2: kind = .paragraph
        case 3: kind = .listItem(list: try int(), depth: try int())
        case 4: kind = .tableCell(row: try int(), column: try int(), headers: try strings())
        default: throw Malformed()
        }
        let lower = try int(), upper = try int()
        guard lower <= upper else { throw Malformed() }
        let cell = try optional { input in
            TableCell(row: try input.int(), column: try input.int(), headers: try input.strings(), isHeader: try input.bool())
        }
        return Block(kind: kind, range: lower..<upper, cell: cell, section: try optionalInt())
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()), let stage = Diagnostic.Stage(rawValue: try string())
        else { throw Malformed() }
        let message = try string()
        let location = try optional { input in
            SourceLocation(file: try input.string(), line: try input.optionalInt(), column: try input.optionalInt(), byteOffset: try input.optionalInt())
        }
        return Diagnostic(severity, stage: stage, message, at: location, ruleID: try optionalString(), notes: try strings())
    }

    mutating func value() throws -> FactValue {
        switch try unsigned() {
        case 0: .integer(try int())
        case 1: .string(try string())
        default: throw Malformed()
        }
    }

    mutating func evidence(in source: EvidenceOwner) throws -> Evidence {
        let own = try bool()
        let document = own ? source.path : try string()
        let docID = own ? source.docID : try string()
        let sha256 = own ? source.sha256 : try string()
        return Evidence(
            document: document, docID: docID, sha256: sha256, start: try int(), end: try int(), exact: try string(),
            prefix: try string(), suffix: try string(), line: try optionalInt(), sourceStart: try optionalInt(),
            sourceEnd: try optionalInt(), xpath: try optionalString())
    }

    mutating func fact(in source: EvidenceOwner) throws -> Fact {
        let id = try string(), type = try string(), value = try value(), attribute = try string()
        let subject = try optionalString()
        var qualifiers: [String: FactValue] = [:]
        for _ in 0..<(try count()) { qualifiers[try string()] = try self.value() }
        return Fact(
            id: id, type: type, value: value, attribute: attribute, subject: subject, qualifiers: qualifiers,
            ruleID: try string(), ruleFile: try string(), ruleLine: try int(), recordID: try string(),
            evidence: try evidence(in: source), items: try optional { input in try input.array { try $0.evidence(in: source) } })
    }

    fileprivate mutating func suppressed() throws -> SuppressedCandidate {
        SuppressedCandidate(
            ruleID: try string(), type: try string(), start: try int(), end: try int(), exact: try string(),
            reason: try string(), winnerRuleID: try optionalString())
    }
}

/// The document a fact was found in, which its evidence names (almost always) and the coder therefore stores once.
struct EvidenceOwner {
    var path: String
    var docID: String
    var sha256: String

    init(_ source: SourceDocument) {
        (path, docID, sha256) = (source.path, source.docID, source.sha256)
    }

    init(path: String, docID: String, sha256: String) {
        (self.path, self.docID, self.sha256) = (path, docID, sha256)
    }
}
