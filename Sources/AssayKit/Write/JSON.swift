/// A JSON value whose objects keep their keys in the order written, so output is byte-identical from run to run
/// and reads in a sensible order (`JSONEncoder` offers only random or alphabetical order).
public indirect enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.serialized() == rhs.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// Compact JSON on one line; with `indent`, pretty-printed with that many spaces per level.
    public func serialized(indent: Int? = nil) -> String {
        serialized(indent: indent, level: 0)
    }

    /// As it reads nested `level` deep in a pretty-printed document, for one written a piece at a time.
    func serialized(indent: Int?, level: Int) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: indent, level: level)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `serialized(indent:level:)` to `out`. Written as bytes rather than appended to a
    /// String piece by piece, which cost twice as much (every append checks capacity, ASCII-ness and breadcrumbs).
    func write(into out: inout [UInt8], indent: Int? = nil, level: Int = 0) {
        switch self {
        case .null: out += Self.nullBytes
        case .bool(let value): out += value ? Self.trueBytes : Self.falseBytes
        case .int(let value): out += String(value).utf8
        case .string(let value): JSON.escape(value, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += [UInt8(ascii: "["), UInt8(ascii: "]")]; return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent: indent, level: level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent: indent, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            guard !pairs.isEmpty else { out += [UInt8(ascii: "{"), UInt8(ascii: "}")]; return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent: indent, level: level + 1)
                JSON.escape(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                value.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent: indent, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    private static func newline(_ out: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static func escape(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // Most strings need no escape: append their bytes whole (U+2028 and U+2029 start with 0xE2).
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) else { return false }
            out.append(contentsOf: utf8)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case "\\": out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case "\n": out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case "\r": out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case "\t": out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += ("\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)).utf8
            default: out += scalar.utf8
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSON {
    init(_ value: FactValue) {
        switch value {
        case .integer(let integer): self = .int(integer)
        case .string(let string): self = .string(string)
        }
    }

    init(_ optional: String?) { self = optional.map(JSON.string) ?? .null }
    init(_ optional: Int?) { self = optional.map(JSON.int) ?? .null }
}
