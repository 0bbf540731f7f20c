import CLibXML2
import Foundation

/// A review page (or a DOM Chromium dumped) read with libxml2's HTML parser, independently of the code that wrote
/// it: every element in document order with its attributes and text content.
struct HTMLTree {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// The text of the element and everything inside it, as a browser's `textContent` gives it.
        var text: String
        /// Names of the elements that enclose it, outermost first.
        var ancestors: [String]
    }

    var elements: [Element] = []

    init(_ html: String) {
        let utf8 = Array(html.utf8)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        }) else { return }
        defer { xmlFreeDoc(document) }
        var stack: [(node: xmlNodePtr, ancestors: [String])] = []
        if let root = xmlDocGetRootElement(document) { stack.append((root, [])) }
        var collected: [Element] = []
        while let (node, ancestors) = stack.popLast() {
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = String(cString: node.pointee.name)
            var attributes: [String: String] = [:]
            var attribute = node.pointee.properties
            while let current = attribute {
                if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                    attributes[String(cString: current.pointee.name)] = String(cString: value)
                    assay_xml_free(value)
                }
                attribute = current.pointee.next
            }
            var text = ""
            if let content = xmlNodeGetContent(node) {
                text = String(cString: content)
                assay_xml_free(content)
            }
            collected.append(Element(name: name, attributes: attributes, text: text, ancestors: ancestors))
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                children.append(current)
                child = current.pointee.next
            }
            for current in children.reversed() { stack.append((current, ancestors + [name])) }
        }
        elements = collected
    }

    /// The elements with an `id`, by id.
    var ids: [String: Element] {
        Dictionary(elements.compactMap { element in element.attributes["id"].map { ($0, element) } }, uniquingKeysWith: { first, _ in first })
    }

    func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }
}
