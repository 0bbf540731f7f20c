import CLibXML2

/// Turns an HTML document into blocks with libxml2's HTML parser, and anchors every text character back into the
/// markup it came from.
///
/// The bytes are decoded in Swift and handed to libxml2 as UTF-8 with the encoding declaration ignored, because
/// libxml2 2.9.14 guesses wrongly on its own. The tree has no source positions, so `SourceAligner` walks the source
/// alongside the tree: every text node, shown or skipped, is matched to its characters in the markup in document
/// order. A text node that cannot be matched gets no source position rather than a wrong one.
struct HTMLNormalizer {
    var boilerplate: Boilerplate

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    private static let options: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_COMPACT.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue)

    func normalize(_ source: SourceDocument) -> NormalizedDocument {
        _ = Self.initialised
        let scalars = Array(source.text.unicodeScalars)
        let utf8 = Array(source.text.utf8)
        var walker = TreeWalker(aligner: SourceAligner(source: scalars), boilerplate: boilerplate)
        var diagnostics: [Diagnostic] = []

        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Self.options)
            }
        }
        if let document {
            defer { xmlFreeDoc(document) }
            if let root = xmlDocGetRootElement(document) {
                walker.walk(root, hidden: false)
            }
        } else if !utf8.isEmpty {
            diagnostics.append(Diagnostic(
                .error, stage: .normalize, "libxml2 could not parse the document", at: SourceLocation(file: source.path)))
        }
        walker.builder.endBlock()
        if walker.aligner.unaligned > 0 {
            diagnostics.append(Diagnostic(
                .warning, stage: .normalize,
                "\(walker.aligner.unaligned) text fragment(s) could not be traced back to the markup; "
                    + "facts in them have no source position",
                at: SourceLocation(file: source.path)))
        }
        var map = walker.builder.map
        map.lineStarts = SourceMap.lineStarts(of: scalars)
        return NormalizedDocument(
            source: source, text: walker.builder.text, scalars: walker.builder.scalars,
            blocks: walker.builder.blocks, sourceMap: map, diagnostics: diagnostics)
    }
}

/// Walks a libxml2 tree in document order, writing shown text into a `TextBuilder`.
struct TreeWalker {
    var aligner: SourceAligner
    var boilerplate: Boilerplate
    var builder = TextBuilder()
    var listCount = 0
    var listDepth = -1
    var currentList = 0
    var table = TableState()

    struct TableState {
        var row = -1
        var column = 0
        var headers: [Int: String] = [:]
        var rowIsAllHeaders = true
    }

    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "caption",
        "address", "dl", "dt", "dd", "form", "fieldset", "legend", "table", "tr", "thead", "tbody", "tfoot",
        "ul", "ol", "body", "center", "details", "summary", "hr",
    ]

    mutating func walk(_ node: xmlNodePtr, hidden: Bool) {
        var child = node.pointee.children
        while let current = child {
            visit(current, hidden: hidden)
            child = current.pointee.next
        }
    }

    private mutating func visit(_ node: xmlNodePtr, hidden: Bool) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            text(node, hidden: hidden)
        case XML_ELEMENT_NODE:
            element(node, hidden: hidden)
        default:
            return
        }
    }

    private mutating func text(_ node: xmlNodePtr, hidden: Bool) {
        guard let content = node.pointee.content else { return }
        let string = String(cString: content)
        let characters = Array(string.unicodeScalars)
        let ranges = aligner.align(characters)
        guard !hidden else { return }
        if !builder.isInBlock { builder.beginBlock(openKind ?? .paragraph) }
        for (index, scalar) in characters.enumerated() {
            // Unanchored characters still reach the text, but with no source position.
            builder.append(scalar, source: ranges?[index] ?? -1..<(-1))
        }
    }

    private mutating func element(_ node: xmlNodePtr, hidden: Bool) {
        let name = String(cString: node.pointee.name).lowercased()
        if TreeWalkerNames.rawText.contains(name) { return }
        let hide = hidden || isHidden(node, name: name)
        switch name {
        case "br":
            if !hide, builder.isInBlock { finishBlock() }
        case "title":
            block(.title, node, hidden: hide)
        case "h1", "h2", "h3", "h4", "h5", "h6":
            block(.heading(level: Int(String(name.dropFirst())) ?? 1), node, hidden: hide)
        case "ul", "ol":
            let saved = (currentList, listDepth)
            currentList = listCount
            listCount += 1
            listDepth += 1
            block(.paragraph, node, hidden: hide)
            (currentList, listDepth) = saved
        case "li":
            block(.listItem(list: currentList, depth: max(listDepth, 0)), node, hidden: hide)
        case "table":
            let saved = table
            table = TableState()
            block(.paragraph, node, hidden: hide)
            table = saved
        case "tr":
            table.row += 1
            table.column = 0
            table.rowIsAllHeaders = true
            block(.paragraph, node, hidden: hide)
        case "td", "th":
            let column = table.column
            table.column += 1
            let headers = table.headers[column].map { [$0] } ?? []
            let start = builder.blocks.count
            block(.tableCell(row: max(table.row, 0), column: column, headers: name == "th" ? [] : headers), node, hidden: hide)
            if name == "th", table.row == 0 || table.rowIsAllHeaders, let made = builder.blocks.last, builder.blocks.count > start {
                table.headers[column] = String(String.UnicodeScalarView(builder.scalars[made.range]))
            }
            if name == "td" { table.rowIsAllHeaders = false }
        default:
            if Self.blocks.contains(name) {
                block(.paragraph, node, hidden: hide)
            } else {
                walk(node, hidden: hide)
            }
        }
    }

    /// Runs `node`'s content as a block of `kind`. A paragraph directly inside a list item or cell keeps that kind.
    private mutating func block(_ kind: Block.Kind, _ node: xmlNodePtr, hidden: Bool) {
        guard !hidden else {
            walk(node, hidden: true)
            return
        }
        let outer = openKind
        let effective: Block.Kind
        if case .paragraph = kind, let outer, outer != .paragraph { effective = outer } else { effective = kind }
        if builder.isInBlock { finishBlock() }
        openKind = effective
        builder.beginBlock(effective)
        walk(node, hidden: false)
        if builder.isInBlock { finishBlock() }
        openKind = outer
    }

    var openKind: Block.Kind?

    private mutating func finishBlock() {
        if boilerplate.isBoilerplateLine(builder.currentBlockText) {
            builder.discardBlock()
        } else {
            builder.endBlock()
        }
    }

    private func isHidden(_ node: xmlNodePtr, name: String) -> Bool {
        if boilerplate.elements.contains(name) { return true }
        if attribute(node, "hidden") != nil { return true }
        if attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
        if let role = attribute(node, "role")?.lowercased(), boilerplate.roles.contains(role) { return true }
        if let id = attribute(node, "id"), boilerplate.ids.contains(id) { return true }
        if let classes = attribute(node, "class") {
            for item in classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            where boilerplate.classes.contains(String(item)) {
                return true
            }
        }
        return false
    }

    private func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { assay_xml_free(value) }
        return String(cString: value)
    }
}
