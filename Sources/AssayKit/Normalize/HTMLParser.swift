import Foundation
import CLibXML2

/// Parses HTML with libxml2, one parser context per document, collecting libxml2's complaints as values.
///
/// Options: recover from broken markup (on 2.9.x without it a `</p>` inside a script string ends the script),
/// no network, no implied DTD, the encoding declaration ignored (the text is already decoded to UTF-8). The HTML
/// parser never loads external entities or DTDs. When a document hits libxml2's depth (256) or text-node (10 MB)
/// limit, which silently truncate it, it is parsed again with `XML_PARSE_HUGE` and the retry is reported.
final class HTMLParser {
    /// A complaint from libxml2 about the markup, at a 1-based line of the source.
    struct Problem {
        var line: Int
        var code: Int32
        var message: String
    }

    private(set) var problems: [Problem] = []
    private(set) var retriedWithoutLimits = false

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    private static let baseOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_COMPACT.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Parses a text's UTF-8, read in place; the caller frees the document with `xmlFreeDoc`.
    func parse(_ text: String) -> htmlDocPtr? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses UTF-8 bytes; the caller frees the document with `xmlFreeDoc`.
    func parse(_ utf8: UnsafeBufferPointer<UInt8>) -> htmlDocPtr? {
        _ = Self.initialised
        guard !utf8.isEmpty else { return nil }
        var document = parse(utf8, options: Self.baseOptions)
        if problems.contains(where: Self.isLimit), let limited = document {
            xmlFreeDoc(limited)
            problems.removeAll()
            retriedWithoutLimits = true
            document = parse(utf8, options: Self.baseOptions | Int32(XML_PARSE_HUGE.rawValue))
        }
        return document
    }

    private func parse(_ utf8: UnsafeBufferPointer<UInt8>, options: Int32) -> htmlDocPtr? {
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let owner = context.pointee._private else { return }
            let parser = Unmanaged<HTMLParser>.fromOpaque(owner).takeUnretainedValue()
            parser.record(error.pointee)
        }
        context.pointee.sax.pointee.initialized = XML_SAX2_MAGIC
        return utf8.withMemoryRebound(to: CChar.self) { chars in
            htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
        }
    }

    private func record(_ error: xmlError) {
        // libxml2 2.9 knows no HTML5 element and calls every <nav> and <main> invalid: that is not a problem.
        guard error.code != Int32(XML_HTML_UNKNOWN_TAG.rawValue) else { return }
        let message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown problem"
        problems.append(Problem(line: Int(error.line), code: error.code, message: message))
    }

    private static func isLimit(_ problem: Problem) -> Bool {
        problem.message.contains("Excessive depth") || problem.message.contains("huge text node")
    }
}
