import Foundation

/// Finds the encoding an HTML document declares for itself: `<meta charset>`, a `http-equiv` content type, or an
/// XML declaration, within the first 1024 bytes as the WHATWG prescan does.
enum EncodingSniffer {
    static func declaredEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        if head.hasPrefix("<?xml"), let end = head.firstIndex(of: ">") {
            return label(after: "encoding", in: head[..<end])
        }
        var rest = head[...]
        while let meta = rest.range(of: "<meta") {
            let tagEnd = rest[meta.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[meta.upperBound..<tagEnd]
            if let found = label(after: "charset", in: tag) { return found }
            rest = rest[tagEnd...]
        }
        return nil
    }

    /// The encoding named after `key` (`charset=utf-8`, `charset="utf-8"`, `encoding='ISO-8859-1'`).
    private static func label(after key: String, in text: Substring) -> TextEncoding? {
        guard let found = text.range(of: key) else { return nil }
        var value = text[found.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        value = value.prefix { !"\"' ;>/?".contains($0) }
        return encoding(named: String(value))
    }

    /// WHATWG labels for the encodings assay reads; ASCII and Latin-1 labels mean windows-1252 there.
    static func encoding(named label: String) -> TextEncoding? {
        switch label.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "utf-8", "utf8", "unicode-1-1-utf-8": .utf8
        case "utf-16le", "utf-16": .utf16LE
        case "utf-16be": .utf16BE
        case "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968": .windows1252
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "cp819", "ibm819": .iso88591
        default: nil
        }
    }
}
