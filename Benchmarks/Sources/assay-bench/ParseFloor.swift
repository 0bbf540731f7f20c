import CLibXML2
import Foundation

/// The parse-only floor: what merely reading and parsing the corpus costs, with no rules at all.
///
/// Every `.html`/`.htm` file is read into memory, parsed by libxml2's HTML parser (`htmlCtxtReadMemory`, one
/// parser context per thread, UTF-8, `HTML_PARSE_NOERROR | NOWARNING | NONET | COMPACT`, the options assay uses
/// less its recovery notes) and its tree walked, copying the text of every text node outside `<script>` and
/// `<style>` into a buffer; every `.txt` file is read and its lines counted. That is the least any extractor of
/// this corpus has to do, so end-to-end throughput is reported as a share of it.
///
/// It runs in a child process of the benchmark (`assay-bench floor DIR`), so that its peak RSS is its own.
struct ParseFloor {
    /// What a floor run did: counts to check it read what the others read, and its own timing.
    struct Result: Codable {
        var documents = 0
        var htmlDocuments = 0
        var textDocuments = 0
        /// Input bytes read (files as they are on disk).
        var bytes = 0
        /// UTF-8 bytes of text collected from the HTML trees.
        var textBytes = 0
        /// Lines of the plain-text documents.
        var lines = 0
        /// Seconds of the parse loop alone (the parent measures the whole process).
        var seconds = 0.0
        var threads = 1

        mutating func add(_ other: Result) {
            documents += other.documents
            htmlDocuments += other.htmlDocuments
            textDocuments += other.textDocuments
            bytes += other.bytes
            textBytes += other.textBytes
            lines += other.lines
        }
    }

    let paths: [String]

    /// The `.html`, `.htm` and `.txt` files under `folder`, in byte order of their paths (as assay reads them).
    static func documents(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw BenchError("cannot read the folder \(folder.path)") }
        var paths: [String] = []
        for case let url as URL in enumerator {
            let ext = url.pathExtension.lowercased()
            guard ext == "html" || ext == "htm" || ext == "txt" else { continue }
            paths.append(url.path)
        }
        return paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Parses every document on `threads` threads (document `i` goes to thread `i % threads`).
    func run(threads: Int) -> Result {
        xmlInitParser()
        let threads = max(1, threads)
        let start = Clock.now()
        var results = [Result](repeating: Result(), count: threads)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendable(slots)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                slots.value[thread] = parse(every: threads, from: thread)
            }
        }
        var total = Result()
        for result in results { total.add(result) }
        total.seconds = Clock.now() - start
        total.threads = threads
        return total
    }

    /// Parses documents `first`, `first + stride`, … with a parser context of its own.
    private func parse(every stride: Int, from first: Int) -> Result {
        var result = Result()
        guard let context = htmlNewParserCtxt() else { return result }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(bitPattern: HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var text: [UInt8] = []
        text.reserveCapacity(1 << 16)
        var index = first
        while index < paths.count {
            let path = paths[index]
            index += stride
            guard let bytes = Self.read(path, into: &buffer) else { continue }
            result.documents += 1
            result.bytes += bytes.count
            let lower = path.lowercased()
            if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
                result.htmlDocuments += 1
                let document = htmlCtxtReadMemory(
                    context, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), path, "UTF-8",
                    options)
                guard let document else { continue }
                text.removeAll(keepingCapacity: true)
                Self.collectText(of: document, into: &text)
                result.textBytes += text.count
                xmlFreeDoc(document)
            } else {
                result.textDocuments += 1
                var lines = 0
                for byte in bytes where byte == 0x0A { lines += 1 }
                if let last = bytes.last, last != 0x0A { lines += 1 }
                result.lines += lines
            }
        }
        return result
    }

    /// Reads a whole file into `buffer` (grown as needed, never shrunk); the bytes read, or nil when it cannot be read.
    private static func read(_ path: String, into buffer: inout UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        if buffer.count < max(size, 1) {
            buffer.deallocate()
            buffer = .allocate(byteCount: max(size, 4096) * 2, alignment: 16)
        }
        var filled = 0
        while filled < size {
            let got = Foundation.read(descriptor, buffer.baseAddress! + filled, size - filled)
            if got <= 0 { break }
            filled += got
        }
        return filled == size ? UnsafeRawBufferPointer(rebasing: buffer[0..<size]) : nil
    }

    private static let script = Array("script".utf8CString)
    private static let style = Array("style".utf8CString)

    /// Walks the tree without recursion, appending the text of text and CDATA nodes outside script and style.
    private static func collectText(of document: htmlDocPtr, into text: inout [UInt8]) {
        let top = UnsafeMutableRawPointer(document)
        var node: xmlNodePtr? = document.pointee.children
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    text.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
            case XML_ELEMENT_NODE:
                if current.pointee.children != nil, let name = current.pointee.name {
                    let skipped = name.withMemoryRebound(to: CChar.self, capacity: 7) { name in
                        strcmp(name, script) == 0 || strcmp(name, style) == 0
                    }
                    descend = !skipped
                }
            default:
                break
            }
            if descend {
                node = current.pointee.children
                continue
            }
            // The next sibling, else the next sibling of the nearest ancestor that has one.
            node = nil
            var climber: xmlNodePtr? = current
            while let at = climber {
                if let next = at.pointee.next {
                    node = next
                    break
                }
                guard let parent = at.pointee.parent, UnsafeMutableRawPointer(parent) != top else { break }
                climber = parent
            }
        }
    }
}

/// Hands a buffer pointer to the threads of `concurrentPerform`, each of which writes only its own slot.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
