/// Decides which subject entity (the programme, for this corpus) each fact is about.
///
/// In order of precedence:
/// 1. a fact of the subject type is about itself, and so are the other facts of its record (the match names it);
/// 2. otherwise, a fact in a table cell is about the one subject the cell's column or row headers name (the journal
///    table's columns are its programmes);
/// 3. otherwise, the scope in force at the fact: a sentence that mentions exactly one subject, or holds a fact that
///    identifies one by a known attribute (a launch year, say), opens that subject's scope from the sentence's
///    start; a sentence that mentions several closes the scope (its facts get none);
/// 4. otherwise, the subject the document's title names, if the rule set says titles name the subject.
///
/// Scopes start at the sentence so that "Two waves of pilots launched since 2013" is attributed as a whole to the
/// programme its launch year identifies, although the count comes first.
struct Attributor {
    let attribution: Attribution
    let ruleSet: RuleSet

    private enum Scope: Equatable {
        case subject(String)
        case mixed
    }

    func subjects(for candidates: [Candidate], in document: NormalizedDocument) -> [String?] {
        let gazetteer = ruleSet.types[attribution.type]?.gazetteer.flatMap { ruleSet.gazetteers[$0] }
        // Subject named by each record, from its own facts of the subject type.
        var recordSubjects: [String: Set<String>] = [:]
        for candidate in candidates where candidate.type == attribution.type {
            if case .string(let id) = candidate.value { recordSubjects[candidate.recordID, default: []].insert(id) }
        }
        // Scope events, grouped by the sentence they start.
        var sentenceSubjects: [Int: Set<String>] = [:]
        for candidate in candidates {
            var named: String?
            if candidate.type == attribution.type, case .string(let id) = candidate.value {
                named = id
            } else if attribution.identifyBy.contains(candidate.field.attribute), let gazetteer {
                named = identify(candidate.value, attribute: candidate.field.attribute, in: gazetteer)
            }
            guard let named else { continue }
            let start = sentenceStart(of: candidate.span.lowerBound, in: document)
            sentenceSubjects[start, default: []].insert(named)
        }
        let events: [(position: Int, scope: Scope)] = sentenceSubjects.keys.sorted().map { position in
            let names = sentenceSubjects[position]!
            return (position, names.count == 1 ? .subject(names.first!) : .mixed)
        }
        let titleSubject = attribution.titleIsSubject ? subjectOfTitle(document, events: events) : nil

        return candidates.map { candidate -> String? in
            if candidate.type == attribution.type, case .string(let id) = candidate.value { return id }
            if let named = recordSubjects[candidate.recordID], named.count == 1 { return named.first }
            if attribution.fromTableHeaders, let gazetteer, let cell = block(holding: candidate.span.lowerBound, in: document)?.cell {
                let named = Set(cell.headers.flatMap { gazetteer.entries(mentionedIn: $0).map(\.id) })
                if named.count == 1 { return named.first }
            }
            if let event = lastEvent(atOrBefore: candidate.span.lowerBound, in: events) {
                if case .subject(let id) = event.scope { return id }
                return nil
            }
            return titleSubject
        }
    }

    /// The entry whose known value of `attribute` matches `value` (a date matches by its start), when exactly one does.
    private func identify(_ value: FactValue, attribute: String, in gazetteer: Gazetteer) -> String? {
        let stated = value.description.split(separator: "/").first.map(String.init) ?? value.description
        let matches = gazetteer.entries.filter { entry in
            guard let known = entry.attributes[attribute]?.description else { return false }
            return stated == known || stated.hasPrefix(known + "-")
        }
        return matches.count == 1 ? matches[0].id : nil
    }

    private func subjectOfTitle(_ document: NormalizedDocument, events: [(position: Int, scope: Scope)]) -> String? {
        guard let title = document.blocks.first, title.kind == .title || { if case .heading = title.kind { true } else { false } }()
        else { return nil }
        for event in events where title.range.contains(event.position) {
            if case .subject(let id) = event.scope { return id }
        }
        return nil
    }

    private func lastEvent(atOrBefore position: Int, in events: [(position: Int, scope: Scope)]) -> (position: Int, scope: Scope)? {
        var low = 0, high = events.count
        while low < high {
            let mid = (low + high) / 2
            if events[mid].position <= position { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? events[low - 1] : nil
    }

    private func block(holding position: Int, in document: NormalizedDocument) -> Block? {
        var low = 0, high = document.blocks.count
        while low < high {
            let mid = (low + high) / 2
            if document.blocks[mid].range.upperBound <= position { low = mid + 1 } else { high = mid }
        }
        return low < document.blocks.count && document.blocks[low].range.contains(position) ? document.blocks[low] : nil
    }

    /// The start of the sentence holding `position`: after the last `.`, `!` or `?` that is followed by a space and
    /// a capital letter or digit, within the same block.
    func sentenceStart(of position: Int, in document: NormalizedDocument) -> Int {
        guard let block = block(holding: position, in: document) else { return position }
        var index = position
        while index > block.range.lowerBound + 1 {
            let scalars = document.scalars
            if scalars[index - 1] == " ", ".!?".unicodeScalars.contains(scalars[index - 2]),
                index < block.range.upperBound, scalars[index].properties.isUppercase || ("0"..."9").contains(scalars[index])
            {
                return index
            }
            index -= 1
        }
        return block.range.lowerBound
    }
}
