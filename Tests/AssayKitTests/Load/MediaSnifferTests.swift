@testable import AssayKit
import Testing
import TestSupport

/// An ASCII head is compared byte by byte; the answer must be that of lowercasing the head as a string and asking
/// whether it starts with an opener (the reference below, the sniffer's former code), whatever follows the opener.
@Suite struct MediaSnifferTests {
    static func reference(_ bytes: [UInt8]) -> MediaType? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 512)], as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body", "<?xml"].contains { head.hasPrefix($0) } ? .html : nil
    }

    @Test(arguments: [
        "", "<", "<html", "<HTML>", "<Html lang=en>", "  \r\n\t<!DOCTYPE HTML>", "\u{FEFF}<body>", "<?XML version", "<head\u{301}>",
        "<html\u{301}", "<!doctype\u{A0}html>", "<!doctypehtml>", "<htm", "plain text", "<hTmL\r\n", "<body😀", "<BODY\u{212A}",
        "<\u{212A}html", "İ<html", "<?xml", "<p>html</p>", "\r\n<head\r\n>",
    ])
    func sniffsAsLowercasingTheHeadDoes(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(MediaSniffer.sniff(bytes) == Self.reference(bytes), "\(text.debugDescription)")
    }
}
