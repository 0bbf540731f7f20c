/// Looks at a file's first bytes to tell HTML from text, and text from binary files that only carry a text name.
enum MediaSniffer {
    /// `.html` when the content starts like an HTML document, whatever the file is called; nil when it does not tell.
    static func sniff(_ bytes: [UInt8]) -> MediaType? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        // Every document is sniffed three times (listed, read, loaded), so the usual head, ASCII, is compared byte by
        // byte, ignoring ASCII case, without making a lowercased string of it. Exact: an ASCII head lowercases byte by
        // byte, and no ASCII character joins the one before it into one character (the openers hold no CR).
        let prefix = bytes[start..<min(bytes.count, start + Self.longestOpener + 1)]
        if prefix.allSatisfy({ $0 < 0x80 }) {
            let opens = Self.openerBytes.contains { opener in
                opener.count <= prefix.count && zip(opener, prefix).allSatisfy { expected, byte in
                    expected == ((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte)
                }
            }
            return opens ? .html : nil
        }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 512)], as: UTF8.self).lowercased()
        for opener in Self.openers where head.hasPrefix(opener) {
            return .html
        }
        return nil
    }

    private static let openers = ["<!doctype html", "<html", "<head", "<body", "<?xml"]
    private static let openerBytes = openers.map { Array($0.utf8) }
    private static let longestOpener = openerBytes.map(\.count).max() ?? 0

    /// A description of the binary format the bytes are in, or nil for anything that could be text.
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        let magic: [(String, [UInt8])] = [
            ("a PNG image", [0x89, 0x50, 0x4E, 0x47]), ("a GIF image", Array("GIF8".utf8)),
            ("a JPEG image", [0xFF, 0xD8, 0xFF]), ("a PDF document", Array("%PDF-".utf8)),
            ("a ZIP archive", [0x50, 0x4B, 0x03, 0x04]), ("gzip data", [0x1F, 0x8B]),
        ]
        for (name, prefix) in magic where bytes.starts(with: prefix) { return name }
        return nil
    }
}
