/// Which rules may match a block, found in one pass over the block's bytes: an Aho-Corasick automaton over every
/// rule's keywords (or the literals its pattern requires), lowercased UTF-8.
///
/// Why: a rule's regular expression runs only on blocks holding its keywords. Searching each rule's keywords
/// separately costs rules × keywords passes over every block, which grew to a tenth of extraction time; the
/// automaton reads each byte once whatever the number of rules (Aho and Corasick, 1975) and notes which literals
/// occur. A rule's prefilter is a list of clauses: it is a candidate when every literal of one clause occurred.
/// Rules with no keywords are always candidates.
///
/// The scan runs on every block, so it allocates nothing and lowercases nothing it need not: the table moves on
/// `A`–`Z` as on `a`–`z`, so ASCII text is read as it is, and only a block with other characters is lowercased (by
/// Unicode's rules, which can turn one character into several) and read again.
struct KeywordAutomaton: Sendable {
    /// `transitions[state * classCount + byteClass[byte]]`: the next state (a full DFA: failure links are folded in),
    /// as `next * classCount << 1`, plus 1 when it ends a literal. The scan so follows the table with a shift and an
    /// add per byte, and looks at `outputRow` only where a literal ends.
    private let transitions: [Int32]
    /// Each byte's column in `transitions`. Bytes in no literal all lead every state back to the root, so they share
    /// column 0; each other byte has its own, and an ASCII capital its small letter's: rows of a few dozen
    /// columns rather than 256 keep the table the scan reads at every byte small enough to stay in cache.
    private let byteClass: [UInt8]
    private let classCount: Int
    /// For each state, the row of `outputs` holding the literals it ends (with those of its failure chain), or -1
    /// when it ends none, which is most states: the scan then does nothing but follow the table.
    private let outputRow: [Int32]
    /// Bit sets of `literalWords` words, one row per state that ends a literal.
    private let outputs: [UInt64]
    private let literalWords: Int
    /// Every clause of every rule as a literal bit set of `literalWords` words, rule after rule.
    private let clauseBits: [UInt64]
    /// For each rule, the indices of its clauses in `clauseBits`; nil for a rule that always runs.
    private let ruleClauses: [Range<Int>?]
    /// The rules that always run: the answer for a block holding no literal at all.
    private let alwaysRules: [UInt64]
    /// Words in a rule bit set.
    let ruleWords: Int
    /// The longest literal, in bytes.
    private let longestLiteral: Int

    /// `keywords[i]` is rule i's clauses (each a list of lowercased UTF-8 literals), or nil when it has none.
    init(keywords: [[[[UInt8]]]?]) {
        var ids: [[UInt8]: Int] = [:]
        var literals: [[UInt8]] = []
        let usable = keywords.map { rule -> [[[UInt8]]]? in
            guard let rule, !rule.isEmpty, !rule.contains(where: { $0.isEmpty || $0.contains(where: \.isEmpty) }) else { return nil }
            return rule
        }
        for rule in usable {
            for literal in (rule ?? []).joined() where ids[literal] == nil {
                ids[literal] = literals.count
                literals.append(literal)
            }
        }
        let words = max(1, (literals.count + 63) / 64)
        literalWords = words
        longestLiteral = literals.map(\.count).max() ?? 0
        ruleWords = max(1, (keywords.count + 63) / 64)
        func bits(_ members: [Int]) -> [UInt64] {
            var set = Array(repeating: UInt64(0), count: words)
            for member in members { set[member / 64] |= UInt64(1) << UInt64(member % 64) }
            return set
        }
        var clauseBits: [UInt64] = [], ruleClauses: [Range<Int>?] = []
        var alwaysRules = Array(repeating: UInt64(0), count: ruleWords)
        for (index, rule) in usable.enumerated() {
            guard let rule else {
                ruleClauses.append(nil)
                alwaysRules[index / 64] |= UInt64(1) << UInt64(index % 64)
                continue
            }
            let first = clauseBits.count / words
            for clause in rule { clauseBits += bits(clause.map { ids[$0]! }) }
            ruleClauses.append(first..<clauseBits.count / words)
        }
        self.clauseBits = clauseBits
        self.ruleClauses = ruleClauses
        self.alwaysRules = alwaysRules
        var goto: [[Int32]] = [Array(repeating: -1, count: 256)]
        var output: [[UInt64]] = [Array(repeating: 0, count: words)]
        for (id, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                if goto[state][Int(byte)] < 0 {
                    goto[state][Int(byte)] = Int32(goto.count)
                    goto.append(Array(repeating: -1, count: 256))
                    output.append(Array(repeating: 0, count: words))
                }
                state = Int(goto[state][Int(byte)])
            }
            output[state][id / 64] |= UInt64(1) << UInt64(id % 64)
        }
        // Breadth first: each state's failure target is shallower, so its outputs and moves are complete already.
        var failure = Array(repeating: 0, count: goto.count)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[0][byte]
            if next < 0 { goto[0][byte] = 0 } else { queue.append(Int(next)) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for word in 0..<words { output[state][word] |= output[failure[state]][word] }
            for byte in 0..<256 {
                let next = goto[state][byte]
                if next < 0 {
                    goto[state][byte] = goto[failure[state]][byte]
                } else {
                    failure[Int(next)] = Int(goto[failure[state]][byte])
                    queue.append(Int(next))
                }
            }
        }
        var byteClass = Array(repeating: UInt8(0), count: 256)
        var representatives = [0]
        for byte in Set(literals.joined()).sorted() where !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
            byteClass[Int(byte)] = UInt8(representatives.count)
            representatives.append(Int(byte))
        }
        for capital in UInt8(ascii: "A")...UInt8(ascii: "Z") { byteClass[Int(capital)] = byteClass[Int(capital | 0x20)] }
        // Column 0 stands for the bytes in no literal; byte 0 may not be one of them, but from every state they all
        // lead to the root.
        self.byteClass = byteClass
        classCount = representatives.count
        var rows: [Int32] = [], table: [UInt64] = []
        for state in output.indices {
            if output[state].allSatisfy({ $0 == 0 }) {
                rows.append(-1)
            } else {
                rows.append(Int32(table.count / words))
                table += output[state]
            }
        }
        outputRow = rows
        outputs = table
        transitions = goto.flatMap { row in
            representatives.indices.map { column in
                let next = column == 0 ? 0 : Int(row[representatives[column]])
                return Int32(next * representatives.count) << 1 | (rows[next] >= 0 ? 1 : 0)
            }
        }
    }

    /// The rules that may match `text`, written into `rules` as a bit set of `ruleWords` words: rule i is bit i % 64
    /// of word i / 64.
    func candidates(in text: String, into rules: inout [UInt64]) {
        var text = text
        text.withUTF8 { candidates(inUTF8: $0, into: &rules) }
    }

    /// `candidates(in:into:)` for a scalar range of a document's text, read in place.
    func candidates(in slicer: TextSlicer, _ range: Range<Int>, into rules: inout [UInt64]) {
        slicer.withUTF8(range) { candidates(inUTF8: $0, into: &rules) }
    }

    /// `candidates(in:into:)` for a text given as its UTF-8, so the extractor can ask about a block without making
    /// a string of it (most blocks admit no rule and never need one).
    func candidates(inUTF8 bytes: UnsafeBufferPointer<UInt8>, into rules: inout [UInt64]) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: literalWords) { found in
            found.initialize(repeating: 0)
            if !scan(bytes, into: found) {
                found.update(repeating: 0)
                var lowered = String(decoding: bytes, as: UTF8.self).lowercased()
                _ = lowered.withUTF8 { scan($0, into: found) }
            }
            admit(found: UnsafeBufferPointer(found), into: &rules)
        }
    }

    /// The rules that may match `text` (lowercased UTF-8), as a bit set.
    func candidates(in text: [UInt8]) -> [UInt64] {
        var rules = Array(repeating: UInt64(0), count: ruleWords)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: literalWords) { found in
            found.initialize(repeating: 0)
            _ = text.withUnsafeBufferPointer { scan($0, into: found) }
            admit(found: UnsafeBufferPointer(found), into: &rules)
        }
        return rules
    }

    /// Adds the literals occurring in `bytes` to `found`; false when a byte is not ASCII, so that the text must be
    /// lowercased by Unicode's rules and read again.
    ///
    /// A long text is read as two halves at once. Each step waits for the table entry the step before found, so one
    /// pass runs at the speed of that chain of loads; two independent passes keep the processor twice as busy. The
    /// second pass starts `longestLiteral - 1` bytes before the middle: the automaton's state is the longest end of
    /// the text read that begins a literal, never longer than a literal, so once those bytes are read the second pass
    /// is in the state a single pass would be in at the middle, and finds every literal ending from there on.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, into found: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let words = literalWords
        let columns = classCount
        var seen: UInt8 = 0
        transitions.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { byteClass in
                outputRow.withUnsafeBufferPointer { rows in
                    outputs.withUnsafeBufferPointer { outputs in
                        /// Moves a pass (the start of its state's row in `table`) over one byte, noting literals ending there.
                        @inline(__always) func step(_ offset: inout Int, _ byte: UInt8) {
                            seen |= byte
                            let entry = Int(table[offset &+ Int(byteClass[Int(byte)])])
                            offset = entry &>> 1
                            guard entry & 1 != 0 else { return }
                            let row = Int(rows[offset / columns])
                            for word in 0..<words { found[word] |= outputs[row &* words &+ word] }
                        }
                        var first = 0, second = 0
                        let half = bytes.count / 2
                        let warmUp = max(longestLiteral - 1, 0)
                        // Below this, splitting costs more than it gains.
                        guard half >= 2 * warmUp + 32 else {
                            for byte in bytes { step(&first, byte) }
                            return
                        }
                        let secondStart = half - warmUp
                        for index in 0..<half {
                            step(&first, bytes[index])
                            step(&second, bytes[secondStart &+ index])
                        }
                        for index in (secondStart + half)..<bytes.count { step(&second, bytes[index]) }
                    }
                }
            }
        }
        return seen < 0x80
    }

    /// The rules one of whose clauses has all its literals in `found`, and those that always run.
    private func admit(found: UnsafeBufferPointer<UInt64>, into rules: inout [UInt64]) {
        let words = literalWords
        rules.withUnsafeMutableBufferPointer { rules in
            alwaysRules.withUnsafeBufferPointer { always in
                for word in rules.indices { rules[word] = always[word] }
            }
            // A block holding no literal needs no clause checked.
            guard found.contains(where: { $0 != 0 }) else { return }
            clauseBits.withUnsafeBufferPointer { clauseBits in
                for (rule, clauses) in ruleClauses.enumerated() {
                    guard let clauses else { continue }
                    let admitted = clauses.contains { clause in
                        (0..<words).allSatisfy { word in
                            let required = clauseBits[clause &* words &+ word]
                            return required & found[word] == required
                        }
                    }
                    if admitted { rules[rule / 64] |= UInt64(1) << UInt64(rule % 64) }
                }
            }
        }
    }

    static func contains(_ set: [UInt64], _ rule: Int) -> Bool {
        set[rule / 64] & (UInt64(1) << UInt64(rule % 64)) != 0
    }
}
