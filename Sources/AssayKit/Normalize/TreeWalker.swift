import CLibXML2

/// Walks a libxml2 tree in document order, writing shown text into a `TextBuilder` block by block.
///
/// Block elements (and `<br>`) end blocks, inline elements do not, so `GP<br>practice` stays two words and
/// `<b>Pio</b>neers` one. Content is what is inside `<main>` (or a single `<article>` when there is no `<main>`),
/// plus the `<title>`; without either, the whole body, less boilerplate. Scripts, styles, templates, comments,
/// `hidden` and `aria-hidden` elements and configured boilerplate never reach the text.
struct TreeWalker {
    var aligner: SourceAligner
    var boilerplate: Boilerplate
    var builder = TextBuilder()
    var elements = ElementTable()
    /// Reused by `text(_:hidden:)` for every text node.
    private var characterBuffer: [Unicode.Scalar] = []
    private var rangeBuffer: [Range<Int>] = []

    private var listCount = 0
    private var listDepth = -1
    private var currentList = 0
    private var table = TableState()
    private var openKind: Block.Kind?
    private var content: xmlNodePtr?

    init(aligner: SourceAligner, boilerplate: Boilerplate) {
        self.aligner = aligner
        self.boilerplate = boilerplate
    }

    private struct TableState {
        var row = -1
        var column = 0
        var columnHeaders: [Int: String] = [:]
        var rowHeaders: [String] = []
        var rowIsAllHeaders = true
    }

    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "caption",
        "address", "dl", "dt", "dd", "form", "fieldset", "legend", "table", "tr", "thead", "tbody", "tfoot",
        "ul", "ol", "body", "center", "details", "summary", "hr", "nav", "header", "footer", "aside",
    ]

    mutating func walkDocument(_ root: xmlNodePtr) {
        content = Self.find("main", under: root) ?? Self.onlyArticle(under: root)
        let rootElement = elements.add(step: "/" + Self.name(of: root), parent: -1)
        walk(root, hidden: content != nil, element: rootElement)
    }

    /// Elements nested deeper than this (`limits.nesting_depth`) are not walked one by one: their text is read in document order, without
    /// recursion, as inline text of the element at this depth. Deep recursion would overflow the stack of a worker
    /// thread long before libxml2's own limits (which `XML_PARSE_HUGE` lifts) stop a hostile page.
    var maxDepth = Limits().nestingDepth
    private var depth = 0
    /// Whether some content was nested deeper than `maxDepth` and read flat.
    private(set) var flattened = false

    private mutating func walk(_ node: xmlNodePtr, hidden: Bool, element: Int32) {
        guard depth < maxDepth else {
            flatten(node, hidden: hidden, element: element)
            return
        }
        depth += 1
        defer { depth -= 1 }
        // Element children's names first, so each element's step gets `[n]` exactly when xmlGetNodePath would write it.
        var names: [String] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { names.append(Self.name(of: current)) }
            child = current.pointee.next
        }
        let steps = Self.steps(names)
        var position = 0
        child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                builder.currentElement = element
                text(current, hidden: hidden)
            case XML_ELEMENT_NODE:
                let childElement = elements.add(step: steps[position], parent: element)
                self.element(current, name: names[position], hidden: hidden, element: childElement)
                position += 1
                builder.currentElement = element
            default:
                break
            }
            child = current.pointee.next
        }
    }

    /// Each sibling's step: its name, with `[n]` (1-based among siblings of that name) when the name repeats.
    static func steps(_ names: [String]) -> [String] {
        // Most elements have a handful of children: comparing them pairwise costs less than hashing each name.
        if names.count <= 16 {
            return names.indices.map { index in
                let name = names[index]
                var ordinal = 0, total = 0
                for (other, sibling) in names.enumerated() where sibling == name {
                    total += 1
                    if other <= index { ordinal += 1 }
                }
                return total > 1 ? "\(name)[\(ordinal)]" : name
            }
        }
        var totals: [String: Int] = [:]
        for name in names { totals[name, default: 0] += 1 }
        var seen: [String: Int] = [:]
        return names.map { name in
            seen[name, default: 0] += 1
            return totals[name]! > 1 ? "\(name)[\(seen[name]!)]" : name
        }
    }

    /// Reads the text under `node` in document order with an explicit stack: skipped elements stay skipped, and every
    /// text node is still aligned, so source positions stay right.
    private mutating func flatten(_ node: xmlNodePtr, hidden: Bool, element: Int32) {
        flattened = true
        builder.currentElement = element
        var stack: [(xmlNodePtr, Bool)] = []
        var child = node.pointee.children
        var pending: [(xmlNodePtr, Bool)] = []
        while let current = child {
            pending.append((current, hidden))
            child = current.pointee.next
        }
        stack = pending.reversed()
        while let (current, isHidden) = stack.popLast() {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text(current, hidden: isHidden)
            case XML_ELEMENT_NODE:
                let name = Self.name(of: current)
                if TreeWalkerNames.rawText.contains(name) { continue }
                let hide = isHidden || self.isHidden(current, name: name)
                var children: [(xmlNodePtr, Bool)] = []
                var next = current.pointee.children
                while let item = next {
                    children.append((item, hide))
                    next = item.pointee.next
                }
                stack += children.reversed()
            default:
                break
            }
        }
    }

    private mutating func text(_ node: xmlNodePtr, hidden: Bool) {
        guard let content = node.pointee.content else { return }
        // The node's scalars and their source ranges, in arrays kept from node to node (taken out while in use).
        var characters: [Unicode.Scalar] = [], anchors: [Range<Int>] = []
        swap(&characters, &characterBuffer)
        swap(&anchors, &rangeBuffer)
        defer {
            swap(&characters, &characterBuffer)
            swap(&anchors, &rangeBuffer)
        }
        ScalarText.decode(utf8: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))), into: &characters)
        let ranges = aligner.align(characters, into: &anchors) ? anchors : nil
        guard !hidden else { return }
        if !builder.isInBlock { builder.beginBlock(openKind ?? .paragraph) }
        // The stretches between CDATA sections (almost always none: one stretch, the whole text), each appended as one run.
        var next = 0
        for section in Self.cdataSections(in: characters) {
            appendText(characters, ranges, next..<max(next, section.lowerBound))
            next = max(next, section.upperBound)
        }
        appendText(characters, ranges, next..<max(next, characters.count))
    }

    private mutating func appendText(_ characters: [Unicode.Scalar], _ ranges: [Range<Int>]?, _ stretch: Range<Int>) {
        guard !stretch.isEmpty else { return }
        characters.withUnsafeBufferPointer { characters in
            if let ranges {
                ranges.withUnsafeBufferPointer { ranges in
                    builder.append(run: stretch.count) { (characters[stretch.lowerBound + $0], ranges[stretch.lowerBound + $0]) }
                }
            } else {
                // Unanchored characters still reach the text, but with no source position.
                builder.append(run: stretch.count) { (characters[stretch.lowerBound + $0], -1..<(-1)) }
            }
        }
    }

    /// What an element is to the walker, for the names it treats specially; every other element is inline.
    private enum Role {
        case rawText, lineBreak, title, heading(level: Int), list, listItem, table, row, cell(isHeader: Bool), block
    }

    /// Every special name's role, found with one hash of the name: set lookups and a `switch` over strings compared
    /// the name a dozen times per element.
    private static let roles: [String: Role] = {
        var roles: [String: Role] = [:]
        for name in blockElements { roles[name] = .block }
        for level in 1...6 { roles["h\(level)"] = .heading(level: level) }
        roles["br"] = .lineBreak
        roles["title"] = .title
        roles["ul"] = .list
        roles["ol"] = .list
        roles["li"] = .listItem
        roles["table"] = .table
        roles["tr"] = .row
        roles["td"] = .cell(isHeader: false)
        roles["th"] = .cell(isHeader: true)
        for name in TreeWalkerNames.rawText { roles[name] = .rawText }
        return roles
    }()

    private mutating func element(_ node: xmlNodePtr, name: String, hidden: Bool, element: Int32) {
        let role = Self.roles[name]
        if case .rawText? = role { return }
        var hide = hidden || isHidden(node, name: name)
        let isTitle = if case .title? = role { true } else { false }
        if node == content || isTitle { hide = isHidden(node, name: name) }
        let descend = { (walker: inout TreeWalker, hidden: Bool) in walker.walk(node, hidden: hidden, element: element) }
        switch role {
        case .lineBreak?:
            if !hide, builder.isInBlock { finishBlock() }
        case .title?:
            block(.title, hidden: hide, descend)
        case .heading(let level)?:
            block(.heading(level: level), hidden: hide, descend)
        case .list?:
            let saved = (currentList, listDepth)
            currentList = listCount
            if !hide { listCount += 1 }
            listDepth += 1
            block(.paragraph, hidden: hide, descend)
            (currentList, listDepth) = saved
        case .listItem?:
            block(.listItem(list: currentList, depth: max(listDepth, 0)), hidden: hide, descend)
        case .table?:
            let saved = (table, builder.currentCell)
            table = TableState()
            builder.currentCell = nil
            block(.paragraph, hidden: hide, descend)
            (table, builder.currentCell) = saved
        case .row?:
            table.row += 1
            table.column = 0
            table.rowHeaders = []
            // Decided before the cells are read: a <th> first in a row that also has data cells heads that row.
            table.rowIsAllHeaders = !Self.hasChild(named: "td", node)
            block(.paragraph, hidden: hide, descend)
        case .cell(let isHeader)?:
            cell(node, isHeader: isHeader, hidden: hide, descend)
        case .block?:
            block(.paragraph, hidden: hide, descend)
        case .rawText?, nil:
            descend(&self, hide)
        }
    }

    /// A table cell: its headers are its column's header and its row's headers; a `<th>` in the first row (or in a
    /// row of headers only, or with `scope="col"`) heads its column, one with `scope="row"` or first in a body row
    /// heads its row.
    private mutating func cell(_ node: xmlNodePtr, isHeader: Bool, hidden: Bool, _ descend: (inout TreeWalker, Bool) -> Void) {
        let column = table.column
        table.column += Int(attribute(node, "colspan").flatMap { Int($0) }.map { max(1, min($0, 1000)) } ?? 1)
        let scope = attribute(node, "scope")?.lowercased()
        var headers: [String] = []
        if !isHeader || scope == "row" {
            if let header = table.columnHeaders[column] { headers.append(header) }
        }
        if !isHeader { headers += table.rowHeaders }
        let saved = builder.currentCell
        builder.currentCell = TableCell(row: max(table.row, 0), column: column, headers: headers, isHeader: isHeader)
        let before = builder.blocks.count
        block(.tableCell(row: max(table.row, 0), column: column, headers: headers), hidden: hidden, descend)
        builder.currentCell = saved
        guard isHeader, builder.blocks.count > before else { return }
        let text = builder.blocks[before...].map { builder.text(in: $0.range) }
            .joined(separator: " ")
        let headsColumn = scope == "col" || (scope != "row" && (table.row == 0 || table.rowIsAllHeaders))
        if headsColumn {
            table.columnHeaders[column] = text
        } else {
            table.rowHeaders.append(text)
        }
    }

    /// Runs an element's content as a block of `kind`. A paragraph inside a list item or cell keeps that kind.
    private mutating func block(_ kind: Block.Kind, hidden: Bool, _ descend: (inout TreeWalker, Bool) -> Void) {
        guard !hidden else {
            descend(&self, true)
            return
        }
        let outer = openKind
        var effective = kind
        if case .paragraph = kind, let outer, outer != .paragraph { effective = outer }
        if builder.isInBlock { finishBlock() }
        openKind = effective
        builder.beginBlock(effective)
        descend(&self, false)
        if builder.isInBlock { finishBlock() }
        openKind = outer
    }

    private mutating func finishBlock() {
        if builder.currentBlockIsBoilerplate(boilerplate) {
            builder.discardBlock()
        } else {
            builder.endBlock()
        }
    }

    private func isHidden(_ node: xmlNodePtr, name: String) -> Bool {
        if boilerplate.elements.contains(name) {
            // An article's or section's own <header> and <footer> are its content, not the page's furniture: HTML
            // makes them banner and contentinfo landmarks only outside sectioning content.
            let sectioned = (name == "header" || name == "footer") && Self.hasAncestor(node, in: ["article", "section", "main", "aside"])
            if !sectioned { return true }
        }
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
        // Most elements have no attribute at all: asked anyway, xmlGetProp would search the doctype's declarations for
        // a default, and the HTML parser never declares one (it reads no internal subset and loads no DTD).
        guard node.pointee.properties != nil, let value = xmlGetProp(node, name) else { return nil }
        defer { assay_xml_free(value) }
        return String(cString: value)
    }

    /// `<![CDATA[ … ]]>` in HTML content, which libxml2 2.9 leaves in the text verbatim; browsers treat it as a
    /// comment and show nothing, so neither does assay.
    static func cdataSections(in characters: [Unicode.Scalar]) -> [Range<Int>] {
        guard characters.contains("<") else { return [] }
        let open = cdataOpen, close = cdataClose
        var sections: [Range<Int>] = []
        var index = 0
        while index + open.count <= characters.count {
            if characters[index..<index + open.count].elementsEqual(open) {
                var end = index + open.count
                while end + close.count <= characters.count, !characters[end..<end + close.count].elementsEqual(close) { end += 1 }
                end = min(end + close.count, characters.count)
                sections.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return sections
    }

    private static let cdataOpen = Array("<![CDATA[".unicodeScalars), cdataClose = Array("]]>".unicodeScalars)

    private static func hasChild(named name: String, _ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, Self.name(of: current) == name { return true }
            child = current.pointee.next
        }
        return false
    }

    private static func hasAncestor(_ node: xmlNodePtr, in names: Set<String>) -> Bool {
        var parent = node.pointee.parent
        while let current = parent, current.pointee.type == XML_ELEMENT_NODE {
            if names.contains(Self.name(of: current)) { return true }
            parent = current.pointee.parent
        }
        return false
    }

    static func name(of node: xmlNodePtr) -> String {
        let name = String(cString: node.pointee.name)
        // libxml2's HTML parser writes tag names in lower case already: the Unicode lowercasing is only needed
        // for a name with a capital or a non-ASCII character.
        let plain = name.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        return plain ? name : name.lowercased()
    }

    /// Whether an element's name, lowercased as `name(of:)` does, is `name` (lowercase ASCII), without making a
    /// string: compared byte by byte, ignoring ASCII case. Exact, because no other character lowercases to one of
    /// the ASCII letters `main` and `article` are made of (only the Kelvin sign lowercases to ASCII, to `k`).
    private static func isNamed(_ node: xmlNodePtr, _ name: StaticString) -> Bool {
        guard var byte = node.pointee.name else { return false }
        return name.withUTF8Buffer { expected in
            for letter in expected {
                guard byte.pointee | 0x20 == letter, byte.pointee != 0 else { return false }
                byte += 1
            }
            return byte.pointee == 0
        }
    }

    /// The node after `node` in document order, not descending below it when `skipChildren`, and never leaving
    /// `root`'s subtree. Follows the tree's own links: no stack to allocate, and documents may nest deeply.
    private static func following(_ node: xmlNodePtr, within root: xmlNodePtr, skipChildren: Bool = false) -> xmlNodePtr? {
        if !skipChildren, let child = node.pointee.children { return child }
        var current = node
        while current != root {
            if let next = current.pointee.next { return next }
            guard let parent = current.pointee.parent else { return nil }
            current = parent
        }
        return nil
    }

    /// The first element named `name` under `root`, depth first.
    private static func find(_ name: StaticString, under root: xmlNodePtr) -> xmlNodePtr? {
        var node: xmlNodePtr? = root
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, isNamed(current, name) { return current }
            node = following(current, within: root)
        }
        return nil
    }

    /// The one `<article>` not inside another, or nil when there is none or more than one.
    private static func onlyArticle(under root: xmlNodePtr) -> xmlNodePtr? {
        var found: xmlNodePtr?
        var node: xmlNodePtr? = root
        while let current = node {
            let isArticle = current.pointee.type == XML_ELEMENT_NODE && isNamed(current, "article")
            if isArticle {
                guard found == nil else { return nil }
                found = current
            }
            node = following(current, within: root, skipChildren: isArticle)
        }
        return found
    }
}
