import Foundation

/// A new project for another domain: a corpus of one document, rule files with a commented example of every rule
/// feature and check kind, and a README, so someone can start in minutes (`assay init DIR`).
///
/// The example domain (a made-up library programme) is deliberately not this repository's, so the scaffold shows
/// that everything domain-specific lives in `Rules/`.
public enum Scaffold {
    /// Writes the scaffold into `folder`, which must not exist or be empty. Returns the files written, relative.
    @discardableResult
    public static func write(to folder: URL) throws -> [String] {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw AssayError.unusableInput("'\(folder.path)' is not empty; assay init writes only into a new or empty folder")
        }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return files.map(\.0)
    }

    static let files: [(String, String)] = [
        ("README.md", readme), ("Corpus/reading-rooms-annual-report.txt", document),
        ("Rules/types.yaml", types), ("Rules/lexicon.yaml", lexicon), ("Rules/gazetteers.yaml", gazetteers),
        ("Rules/rules.yaml", rules), ("Rules/checks.yaml", checks),
    ]

    static let readme = """
        # A new assay project

        `Corpus/` holds the documents, `Rules/` everything assay should know about them. Start with:

        ```sh
        assay build            # Corpus/ + Rules/ → Output/facts.jsonl, Output/validation/…
        assay rules test       # run every rule's and check's examples
        assay rules lint       # patterns that could backtrack, rules without examples …
        assay explain Corpus/reading-rooms-annual-report.txt --rule count.joined
        ```

        The example documents a made-up library programme. Replace the document with yours, then edit the rules:
        `Rules/types.yaml` (kinds of fact), `Rules/lexicon.yaml` (named sub-patterns), `Rules/gazetteers.yaml`
        (known entities), `Rules/rules.yaml` (one commented example of each rule feature), `Rules/checks.yaml` (one
        of each check kind). Every rule and check carries examples; keep them passing.

        """

    static let document = """
        Reading Rooms Programme

        The Reading Rooms Programme was launched in March 2019. Twelve libraries joined in 2019, and a further 8 libraries joined in 2021.

        The 20 Reading Rooms libraries serve a population of 250,000.

        The three libraries in the north are:

          • Ashford Library
          • Bramley Library
          • Crane Library

        Visits grew in each of the 20 libraries last year.

        """

    static let types = """
        # Kinds of fact, and how each value is read: integer (digits or words), date (ISO 8601), entity_id or
        # entity_name (from a gazetteer), text.
        types:
          programme: {value: entity_id, gazetteer: programme}
          library: {value: entity_name, gazetteer: library}
          count: {value: integer}
          date: {value: date}

        # Which programme each fact is about: named in the same match; else the scope opened by the last sentence that
        # names one programme (or states its known launch date); else the one the title names.
        attribution:
          field: programme
          type: programme
          identify_by: [launched]
          title_is_subject: true
          from_table_headers: true

        # Page furniture to drop, added to the engine's defaults (skip links, cookie banners, nav, footer …).
        boilerplate:
          lines: [Back to top]

        # How overlapping candidates of one type are chosen between.
        overlap:
          order: [priority, longest, earliest]

        """

    static let lexicon = """
        # Named sub-patterns, used in patterns as {name}.
        lexicon:
          digits: '(?<![\\d.,])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?!,?\\d)'
          number_word: 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty'
          number: '{digits}|(?<!\\p{L})(?:{number_word})(?!\\p{L})'
          year: '(?<!\\d)(?:19|20)\\d{2}(?!\\d)'
          month: '(?:January|February|March|April|May|June|July|August|September|October|November|December)'
          date: '{month}\\s+{year}|{year}'

        """

    static let gazetteers = """
        # Known entities: canonical id and name, aliases, and known attributes (used by attribution).
        gazetteers:
          programme:
            entries:
              - id: reading-rooms
                name: Reading Rooms Programme
                aliases: [Reading Rooms]
                attributes: {launched: 2019-03}
          library:
            entries:
              - name: Ashford Library
                aliases: [Ashford]
              - name: Bramley Library
              - name: Crane Library

        """

    static let rules = """
        rules:
          # A mention: any alias of a gazetteer entry becomes a fact of that type.
          - id: programme.mention
            pattern: '(?<programme>{programme})'
            fields:
              programme: {type: programme, attribute: mentioned}
            examples:
              - match: 'The [[Reading Rooms Programme]] was launched'
                values: [reading-rooms]
              - no_match: 'a reading room'

          # Restricted by structure: library names only in list items.
          - id: library.listed
            within: {blocks: [list_item]}
            pattern: '(?<library>{library})'
            fields:
              library: {type: library, attribute: library}
            examples:
              - match: '• [[Crane Library]]'
                values: [Crane Library]
              - no_match: 'Crane Library, outside a list'

          # One match, several linked facts (a record): a count, its date, and a qualifier.
          - id: count.joined
            priority: 20                 # wins over overlapping candidates of lower priority
            keywords: [joined]           # the pattern runs only on blocks that contain a keyword
            pattern: '(?<first>{number})\\s+libraries\\s+joined\\s+in\\s+(?<firstdate>{year})(?:,\\s+and\\s+a\\s+further\\s+(?<second>{number})\\s+libraries\\s+joined\\s+in\\s+(?<seconddate>{year}))?'
            fields:
              first: {type: count, attribute: wave_size, qualifiers: {wave: 1}}
              firstdate: {type: date, attribute: joined, qualifiers: {wave: 1}}
              second: {type: count, attribute: wave_size, qualifiers: {wave: 2}}
              seconddate: {type: date, attribute: joined, qualifiers: {wave: 2}}
            examples:
              - match: '[[Twelve]] libraries joined in [[2019]], and a further [[8]] libraries joined in [[2021]].'
                values: [12, '2019', 8, '2021']
              - no_match: 'Libraries joined in 2019.'

          # A total, stated with a definite article.
          - id: count.total
            pattern: '\\bthe\\s+(?<count>{number})\\s+(?:{programme}\\s+)?libraries'
            fields:
              count: {type: count, attribute: total}
            examples:
              - match: 'The [[20]] Reading Rooms libraries serve'
                values: [20]
              - no_match: 'twenty libraries'

          # A count that introduces a list: its items are collected for the list_length check.
          - id: count.listed
            priority: 30
            pattern: '(?<count>{number})\\s+libraries\\b[^:.]{0,60}:'
            fields:
              count: {type: count, attribute: listed, introduces: list}
            examples:
              - match: 'The [[three]] libraries in the north are:'
                values: [3]
              - no_match: 'three libraries in the north.'

          - id: count.population
            keywords: [population]
            pattern: 'population\\s+of\\s+(?<count>{number})'
            fields:
              count: {type: count, attribute: population}
            examples:
              - match: 'a population of [[250,000]].'
                values: [250000]
              - no_match: 'a population of readers'

          - id: date.launched
            priority: 20
            pattern: '\\blaunched\\s+in\\s+(?<date>{date})'
            fields:
              date: {type: date, attribute: launched}
            examples:
              - match: 'was launched in [[March 2019]].'
                values: ['2019-03']
              - no_match: 'was launched with fanfare'

        """

    static let checks = """
        # Checks select facts by type, attribute, programme and qualifiers (never by document) and compare them.
        checks:
          - id: waves.add-up-to-total               # sum: parts add up to the total
            kind: sum
            parts: {attribute: wave_size}
            total: {attribute: total}
            key: wave
            examples:
              - facts:
                  - {attribute: wave_size, value: 12, qualifiers: {wave: 1}}
                  - {attribute: wave_size, value: 8, qualifiers: {wave: 2}}
                  - {attribute: total, value: 20}
                expect: pass
              - facts:
                  - {attribute: wave_size, value: 12, qualifiers: {wave: 1}}
                  - {attribute: total, value: 20}
                expect: fail

          - id: lists.count-matches-list            # list_length: a stated count equals its list's length
            kind: list_length
            count: {attribute: listed}
            examples:
              - facts:
                  - {attribute: listed, value: 3, exact: three, text: 'The three libraries are:', items: [A, B, C]}
                expect: pass
              - facts:
                  - {attribute: listed, value: 3, exact: three, text: 'The three libraries are:', items: [A, B]}
                expect: fail

          - id: totals.agree                        # agree: the same attribute has one value everywhere
            kind: agree
            facts: {attribute: total}
            scope: corpus
            examples:
              - facts:
                  - {attribute: total, value: 20, document: a.txt}
                  - {attribute: total, value: 20, document: b.txt}
                expect: pass
              - facts:
                  - {attribute: total, value: 20, document: a.txt}
                  - {attribute: total, value: 21, document: b.txt}
                expect: fail

          - id: lists.within-total                  # subset: a part is no larger than its whole
            kind: subset
            part: {type: count, attribute: listed}
            whole: {type: count, attribute: total}
            examples:
              - facts:
                  - {attribute: listed, value: 3}
                  - {attribute: total, value: 20}
                expect: pass
              - facts:
                  - {attribute: listed, value: 30}
                  - {attribute: total, value: 20}
                expect: fail

          - id: population.plausible                # range: a value within bounds
            kind: range
            severity: warning
            facts: {attribute: population}
            min: 1
            max: 10000000
            examples:
              - facts: [{attribute: population, value: 250000}]
                expect: pass
              - facts: [{attribute: population, value: 0}]
                expect: fail

          - id: dates.launch-before-joining         # date_order: one event does not come before another
            kind: date_order
            before: {attribute: launched}
            after: {attribute: joined}
            examples:
              - facts:
                  - {attribute: launched, value: 2019-03}
                  - {attribute: joined, value: '2019'}
                expect: pass
              - facts:
                  - {attribute: launched, value: 2019-03}
                  - {attribute: joined, value: '2018'}
                expect: fail

          - id: programmes.launch-stated            # required: each programme has the attribute
            kind: required
            facts: {attribute: launched}
            for_each: programme
            scope: corpus
            examples:
              - facts: [{attribute: launched, value: 2019-03, programme: reading-rooms}]
                expect: pass
              - facts: [{attribute: total, value: 20, programme: reading-rooms}]
                expect: fail

        """
}
