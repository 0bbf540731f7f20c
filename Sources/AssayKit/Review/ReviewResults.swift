/// The report's results as the review pages read them: whole, in order, for the index; and for each document, the
/// results that compared its words, each cut down to the links in that document, for its page and its rows of the
/// index's fact table.
///
/// Why cut and spilled: a corpus-wide result links facts in thousands of documents, and each of those pages shows
/// it. Read whole for each page, it would be decoded thousands of times over; indexed in memory by document and by
/// fact, the index grew with the corpus several times over. So the results are read once, in order, and each
/// document's part of each is written to a `ResultSpill` of its own; memory keeps the entries' positions by
/// document. Safe to read from any number of threads at once.
///
/// A build's parts hold their document's links only, and where their result's head (id, counts, fields, message)
/// is in the report's own spill: written into every part, the heads of corpus-wide results (messages of some 12 KB,
/// each in hundreds of documents) were 151 of the 186 MB the parts took at 10,000 documents.
public struct ReviewResults: Sendable {
    let report: ValidationReport
    private let cut: Cut
    /// Each document's entries (positions in `cut`), in result order, by doc id.
    private let byDocument: [String: [Int32]]
    /// How much of a result's head a mark reads first (see `mark(at:of:heads:)`): ids and check names are tens of
    /// bytes.
    private let markHeadBytes: Int

    private enum Cut: Sendable {
        /// Each entry: the position of its result in `heads`, the length of that result's head there, and the links
        /// (`EncodedResultCut`).
        case parts(ResultSpill, heads: CheckResults)
        /// Whole entries.
        case spill(ResultSpill)
        /// Where no temporary file can be made.
        case memory([ReviewCheck])
    }

    public init(_ report: ValidationReport) {
        self.init(report, markHeadBytes: 256)
    }

    init(_ report: ValidationReport, markHeadBytes: Int) {
        self.report = report
        self.markHeadBytes = markHeadBytes
        let spill = try? ResultSpill()
        if let spill, report.results.isSpilled {
            (cut, byDocument) = (.parts(spill, heads: report.results), Self.cutEncoded(report.results, into: spill))
        } else {
            (cut, byDocument) = Self.cutDecoded(report.results, into: spill)
        }
    }

    /// Spilled results (a build's) are cut as they are encoded, a few parts to a write: no result is decoded and
    /// encoded again (see `EncodedResultCut`), and no head is written again. Returns each document's entries.
    private static func cutEncoded(_ results: CheckResults, into spill: ResultSpill) -> [String: [Int32]] {
        var byDocument: [String: [Int32]] = [:]
        var encoded: [UInt8] = [], lengths: [Int] = [], docIDs: [String] = []
        func write() {
            // The spill is this process's own file in the temporary folder: a full disk there is not a finding.
            let positions = try! spill.append(encoded: encoded, lengths: lengths)
            for (position, docID) in zip(positions, docIDs) { byDocument[docID, default: []].append(Int32(position)) }
            (encoded, lengths, docIDs) = ([], [], [])
        }
        for position in results.indices {
            // The results' spill was written by this process just before: an entry that does not decode is a bug.
            let cut = try! EncodedResultCut(results.encodedEntry(at: position)!)
            for (part, docID) in cut.docIDs.enumerated() {
                let before = encoded.count
                var head = BinaryWriter(capacity: 16)
                head.int(position)
                head.int(cut.headLength)
                encoded += head.bytes
                encoded += cut.links(part)
                lengths.append(encoded.count - before)
                docIDs.append(docID)
                if encoded.count >= 1 << 16 { write() }
            }
        }
        if !lengths.isEmpty { write() }
        return byDocument
    }

    /// Results in memory are cut as values, into `spill` when there is one, else kept.
    private static func cutDecoded(_ results: CheckResults, into spill: ResultSpill?) -> (Cut, [String: [Int32]]) {
        var kept: [ReviewCheck] = []
        var byDocument: [String: [Int32]] = [:]
        var count = 0
        results.forEachWithID { result, id in
            // One pass over the links, grouping them by document in the order the documents first come. A document's
            // links mostly come one after another, sharing its source: its group is looked up once per run.
            var groups: [(docID: String, links: [CheckResult.Link])] = [], groupOf: [String: Int] = [:]
            var previous: (source: DocumentSource, group: Int)?
            for link in result.links {
                let source = link.fact.source
                var group = previous?.group ?? 0
                if previous?.source !== source {
                    if let known = groupOf[source.docID] {
                        group = known
                    } else {
                        group = groups.count
                        groups.append((source.docID, []))
                        groupOf[source.docID] = group
                    }
                    previous = (source, group)
                }
                groups[group].links.append(link)
            }
            // A few documents' parts at a time: a corpus-wide result has thousands, each with the whole message.
            for start in stride(from: 0, to: groups.count, by: 64) {
                let parts = groups[start..<min(start + 64, groups.count)].map { group in
                    var part = result
                    part.links = group.links
                    return (result: part, id: id, linkCount: result.links.count)
                }
                if let spill {
                    // The spill is this process's own file in the temporary folder: a full disk there is not a finding.
                    count = try! spill.append(parts).upperBound
                } else {
                    kept += parts.map { ReviewCheck($0.result, id: $0.id, evidenceCount: $0.linkCount) }
                    count = kept.count
                }
                for (offset, part) in parts.enumerated() {
                    byDocument[part.result.links[0].fact.source.docID, default: []].append(Int32(count - parts.count + offset))
                }
            }
        }
        return (spill.map(Cut.spill) ?? .memory(kept), byDocument)
    }

    /// The results whose words are in the document `docID`, in result order, each with that document's links only.
    func checks(in docID: String) -> [ReviewCheck] {
        (byDocument[docID] ?? []).map { position in
            switch cut {
            case .parts(let spill, let heads):
                let entry = ResultSpill.entry(decoding: Self.entry(at: Int(position), of: spill, heads: heads))
                return ReviewCheck(entry.result, id: entry.id, evidenceCount: entry.linkCount)
            case .spill(let spill):
                let entry = spill.entry(at: Int(position))
                return ReviewCheck(entry.result, id: entry.id, evidenceCount: entry.linkCount)
            case .memory(let kept):
                return kept[Int(position)]
            }
        }
    }

    /// What the fact table shows of the same results, without their messages and words (see `ReviewMark`).
    func marks(in docID: String) -> [ReviewMark] {
        (byDocument[docID] ?? []).map { position in
            switch cut {
            case .parts(let spill, let heads): mark(at: Int(position), of: spill, heads: heads)
            case .spill(let spill): spill.mark(at: Int(position))
            case .memory(let kept): kept[Int(position)].mark(in: nil)
            }
        }
    }

    /// A mark reads only the start of its result's head, which a corpus-wide result's message makes some 12 KB,
    /// read twice for each of its documents (the index's filters, then its rows); the whole head only when its id,
    /// check and status do not fit in the start.
    private func mark(at position: Int, of spill: ResultSpill, heads: CheckResults) -> ReviewMark {
        let part = spill.encodedEntry(at: position)
        var input = BinaryReader(part)
        let (result, headLength) = (try! input.int(), try! input.int())
        let linksStart = input.offset
        if let mark = ResultSpill.mark(head: heads.encodedPrefix(at: result, count: min(headLength, markHeadBytes))!, links: &input) {
            return mark
        }
        input.offset = linksStart
        return ResultSpill.mark(head: heads.encodedPrefix(at: result, count: headLength)!, links: &input)!
    }

    /// The part at `position` as a whole entry: its result's head, read from `heads`, then its links.
    private static func entry(at position: Int, of spill: ResultSpill, heads: CheckResults) -> [UInt8] {
        let part = spill.encodedEntry(at: position)
        var input = BinaryReader(part)
        // Both spills are this process's own files, written just before: a part that does not decode is a bug.
        let (result, headLength) = (try! input.int(), try! input.int())
        return heads.encodedPrefix(at: result, count: headLength)! + part[input.offset...]
    }

    /// Each whole result of one of `statuses`, those of the first status first, each status's in result order
    /// (`statuses` worst first gives `ReviewCheck.worstFirst`).
    func forEach(_ statuses: [CheckResult.Status], _ body: (ReviewCheck) throws -> Void) rethrows {
        let results = report.results
        for status in statuses {
            for position in results.indices where report.status(at: position) == status {
                let (result, id) = results.withID(at: position)
                try body(ReviewCheck(result, id: id))
            }
        }
    }

    /// Whether any result has one of `statuses`.
    func contains(_ statuses: [CheckResult.Status]) -> Bool {
        statuses.contains { report.count($0) > 0 }
    }
}
