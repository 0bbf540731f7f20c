/// One extracted value with its meaning, its rule and the exact words it came from.
///
/// Facts produced by one match of one rule share a `recordID`: "14 pilots appointed in 2009" is one record holding
/// a count and a date.
public struct Fact: Sendable, Hashable {
    /// Stable id derived from the document, rule, span and value; never from run order.
    public var id: String
    public var type: String
    public var value: FactValue
    public var attribute: String
    /// The entity the fact is about (for this corpus: the programme), or nil when it cannot be told.
    public var subject: String?
    public var qualifiers: [String: FactValue]
    public var ruleID: String
    public var ruleFile: String
    public var ruleLine: Int
    public var recordID: String
    public var evidence: Evidence
    /// For a count that introduces a list (its rule field says `introduces: list`): the list's items, each with its
    /// evidence. Nil when the count introduces no list (no colon follows it in its block); empty when a colon
    /// promises a list and none follows.
    public var items: [Evidence]?
}

/// Where a fact's words are: in the normalised text and in the decoded source.
///
/// `start`/`end` are Unicode scalar offsets (0-based, end exclusive) into the normalised text;
/// `sourceStart`/`sourceEnd` the same into the decoded source file. `line` is 1-based in the source.
public struct Evidence: Sendable, Hashable {
    public var document: String
    public var docID: String
    public var sha256: String
    public var start: Int
    public var end: Int
    public var exact: String
    public var prefix: String
    public var suffix: String
    public var line: Int?
    public var sourceStart: Int?
    public var sourceEnd: Int?
    /// For HTML: the innermost element holding the span, as libxml2's `xmlGetNodePath` writes it.
    public var xpath: String? = nil

    /// An RFC 5147 fragment link into the source document, when the source position is known.
    public var link: String? {
        guard let sourceStart, let sourceEnd else { return nil }
        return "\(Self.percentEncodedPath(document))#char=\(sourceStart),\(sourceEnd)"
    }

    static let contextLength = 32

    /// The path with every byte but ASCII letters, digits and `-._~/` as `%XX` (uppercase hex). Decided by byte
    /// (an ASCII byte is alphabetic exactly when it is a letter): asking Unicode's properties for every byte of every
    /// link was a few percent of a build, for the writer makes a link per span, fact and check result.
    static func percentEncodedPath(_ path: String) -> String {
        guard path.utf8.contains(where: { !isUnreserved($0) }) else { return path }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + 16)
        for byte in path.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
        default: false
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
