import CLibXML2

/// Turns an HTML document into blocks with libxml2's HTML parser, and anchors every text character back into the
/// markup it came from.
///
/// The bytes were decoded by the loader and are handed to libxml2 as UTF-8 with the encoding declaration ignored.
/// The tree has no source positions, so `SourceAligner` walks the source alongside the tree: every text node,
/// shown or skipped, is matched to its characters in the markup in document order. A text node that cannot be
/// matched gets no source position rather than a wrong one, and the document gets a warning.
struct HTMLNormalizer {
    var boilerplate: Boilerplate
    var maxDepth = Limits().nestingDepth

    func normalize(_ source: SourceDocument) -> NormalizedDocument {
        let scalars = ScalarText.scalars(of: source.text)
        var walker = TreeWalker(aligner: SourceAligner(source: scalars), boilerplate: boilerplate)
        walker.maxDepth = maxDepth
        var diagnostics: [Diagnostic] = []
        let parser = HTMLParser()
        if let document = parser.parse(source.text) {
            defer { xmlFreeDoc(document) }
            if let root = xmlDocGetRootElement(document) { walker.walkDocument(root) }
        } else if !source.text.isEmpty {
            diagnostics.append(Diagnostic(
                .error, stage: .normalize, "libxml2 could not parse the document", at: SourceLocation(file: source.path)))
        }
        walker.builder.endBlock()
        if parser.retriedWithoutLimits {
            diagnostics.append(Diagnostic(
                .warning, stage: .normalize,
                "the markup is nested deeper than 256 elements or holds a text over 10 MB; parsed again without libxml2's limits",
                at: SourceLocation(file: source.path)))
        }
        if walker.flattened {
            diagnostics.append(Diagnostic(
                .warning, stage: .normalize,
                "elements are nested deeper than \(maxDepth) (limits.nesting_depth); their text was read as one run, so facts there name an enclosing element's xpath",
                at: SourceLocation(file: source.path)))
        }
        if let first = parser.problems.first {
            diagnostics.append(Diagnostic(
                .note, stage: .normalize,
                "libxml2 recovered from \(parser.problems.count) markup error(s); the first: \(first.message)",
                at: SourceLocation(file: source.path, line: first.line)))
        }
        if walker.aligner.unaligned > 0 {
            diagnostics.append(Diagnostic(
                .warning, stage: .normalize,
                "\(walker.aligner.unaligned) text fragment(s) could not be traced back to the markup; "
                    + "facts in them have no source position",
                at: SourceLocation(file: source.path)))
        }
        var map = walker.builder.map
        map.lineStarts = SourceMap.lineStarts(of: scalars)
        var blocks = walker.builder.blocks
        Block.assignSections(&blocks)
        // The text is made from the scalars' array rather than from the builder's entries: the contiguous path.
        let textScalars = walker.builder.scalars
        var document = NormalizedDocument(
            source: source, text: ScalarText.string(textScalars), scalars: textScalars, blocks: blocks,
            sourceMap: map, diagnostics: diagnostics)
        document.elements = walker.elements
        document.scalarElements = walker.builder.elements
        return document
    }
}
