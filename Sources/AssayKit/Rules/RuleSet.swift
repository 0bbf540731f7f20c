import Foundation

/// Everything the rule files declare, merged and compiled: fact types, lexicon, gazetteers, rules, attribution
/// and boilerplate.
///
/// Output of `RuleSetLoader`, input of `Normalizer` (boilerplate) and `Extractor` (the rest). Everything about a
/// domain lives here, read from `Rules/`; the engine only knows the value kinds (integer, date, entity, text).
public struct RuleSet: Sendable {
    public var types: [String: FactType] = [:]
    /// Lexicon entries as written, before expansion.
    public var lexicon: [String: LexiconEntry] = [:]
    public var gazetteers: [String: Gazetteer] = [:]
    /// Sorted by id.
    public var rules: [Rule] = []
    public var attribution: Attribution?
    public var boilerplate = Boilerplate()
    public var overlap = OverlapPolicy()
    public var limits = Limits()
    /// The `checks:` sections: what `Validator` verifies about the extracted facts. Sorted by id.
    public var checks: [Check] = []
    /// Every rule file read, with the SHA-256 of its bytes, sorted by path.
    public var files: [RuleFile] = []

    public init() {}

    /// A hash of every rule file's path and content: changes whenever any rule changes.
    public var fingerprint: String {
        SHA256Hex.digest(files.map { $0.path + "\u{0}" + $0.sha256 }.joined(separator: "\n"))
    }
}

/// How candidates whose spans overlap are chosen between, as the rule files declare it.
public struct OverlapPolicy: Sendable, Hashable {
    public enum Criterion: String, Sendable, CaseIterable {
        /// The higher rule `priority` wins.
        case priority
        /// The longer span wins.
        case longest
        /// The span that starts first wins.
        case earliest
    }

    /// Applied in order until one decides; the rule id breaks a remaining tie, so the result never depends on order.
    public var order: [Criterion] = [.priority, .longest, .earliest]
    /// Whether candidates of different fact types compete too (by default only the same type does).
    public var acrossTypes = false
}

/// A rule file that was read.
public struct RuleFile: Sendable, Hashable {
    public var path: String
    public var sha256: String
}

/// A kind of fact (`count`, `date`, `site` …) and how its values are normalised.
public struct FactType: Sendable, Hashable {
    public enum ValueKind: String, Sendable, CaseIterable {
        /// A whole number read from digits or words.
        case integer
        /// An ISO 8601 date, month, year or interval.
        case date
        /// The id of the gazetteer entry the text names.
        case entityID = "entity_id"
        /// The canonical name of the gazetteer entry the text names.
        case entityName = "entity_name"
        /// The matched text itself, folded.
        case text
    }

    public var name: String
    public var value: ValueKind
    /// For entity kinds: the gazetteer that resolves the text.
    public var gazetteer: String?
}

/// A reusable named sub-pattern, referenced as `{name}` in patterns.
public struct LexiconEntry: Sendable, Hashable {
    public var name: String
    public var pattern: String
    public var location: SourceLocation
}

/// Known entities of one kind with their canonical ids, names, aliases and known attributes.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Every name that refers to the entry, including `name`.
        public var aliases: [String]
        /// Known facts about the entry (a launch year …), used to recognise it from what a document says.
        public var attributes: [String: FactValue]
        public var location: SourceLocation
    }

    public var name: String
    public var entries: [Entry]
    /// When true, the spaces inside an alias may be missing in the text ("olderpeople"), as in text extracted from
    /// PDFs and rendered tables.
    public var flexibleSpaces: Bool
    public var location: SourceLocation

    /// `pattern`, compiled once (case-insensitive), for finding entries inside a text such as a table header.
    var regex: NSRegularExpression?

    /// The entries named anywhere in `text`, each once, in order of first mention.
    public func entries(mentionedIn text: String) -> [Entry] {
        guard let regex else { return [] }
        var found: [Entry] = []
        for match in regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)) {
            guard let range = Range(match.range, in: text), let entry = entry(named: String(text[range])),
                !found.contains(entry)
            else { continue }
            found.append(entry)
        }
        return found
    }

    /// The entry a piece of text names, compared by `key(_:)`.
    public func entry(named text: String) -> Entry? {
        lookup[Self.key(text)].map { entries[$0] }
    }

    var lookup: [String: Int] = [:]

    /// Compares names ignoring case, spaces, hyphens and apostrophes, so spelling variants of an alias resolve.
    ///
    /// Every name a rule matches is looked up so, thousands of times a corpus: ASCII text (nearly all) takes a
    /// byte path that gives the same key, since folding changes no ASCII letter or digit and those are ASCII's only
    /// alphabetic and numeric characters.
    static func key(_ text: String) -> String {
        if let key = asciiKey(text) { return key }
        return unicodeKey(text)
    }

    /// The key of all-ASCII `text`: its letters and digits, lowercased; nil when `text` is not all ASCII.
    static func asciiKey(_ text: String) -> String? {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): key.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): key.append(byte + 0x20)
            case 0x80...: return nil
            default: continue
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    static func unicodeKey(_ text: String) -> String {
        String(String.UnicodeScalarView(
            TypographyFolder.foldedString(text).lowercased().unicodeScalars.filter {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }))
    }

    /// An alternation of every alias, longest first, each bounded so it never matches inside a word.
    var pattern: String {
        let aliases = Set(entries.flatMap(\.aliases)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        let gap = flexibleSpaces ? "[\\s\\-]*" : "[\\s\\-]+"
        let alternatives = aliases.map { alias -> String in
            alias.split(whereSeparator: { $0 == " " || $0 == "-" }).map {
                NSRegularExpression.escapedPattern(for: String($0))
            }.joined(separator: gap)
        }
        return "(?<![\\p{L}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}])"
    }
}

/// How facts are attributed to a subject entity (the programme a count is about, say).
///
/// In order: an entity the match itself names; the scope opened by the latest sentence before the fact that names
/// one entity, or a fact that identifies one by a known attribute (mixed sentences close the scope); the entity the
/// document's title names.
public struct Attribution: Sendable, Hashable {
    /// The key every fact gets in the output, e.g. `programme`.
    public var field: String
    /// The fact type whose facts name the subject entities; its gazetteer lists them.
    public var type: String
    /// Attributes whose values identify an entry when they equal the entry's known attribute of the same name.
    public var identifyBy: [String]
    /// Whether the entity named by the document's title is the fallback for the whole document.
    public var titleIsSubject: Bool
    /// Whether a fact in a table cell is about the one entity its column or row headers name.
    public var fromTableHeaders: Bool
}

/// A typed value: counts are integers, everything else is text.
public enum FactValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    case integer(Int)
    case string(String)

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .string(let value): value
        }
    }

    public var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
