/// Builds the evidence of a span: its exact text, context, and its position in the source.
enum EvidenceBuilder {
    static func evidence(for span: Range<Int>, in document: NormalizedDocument) -> Evidence {
        let prefixStart = max(0, span.lowerBound - Evidence.contextLength)
        let suffixEnd = min(document.scalars.count, span.upperBound + Evidence.contextLength)
        let source = document.sourceMap.sourceRange(of: span)
        return Evidence(
            document: document.source.path, docID: document.source.docID, sha256: document.source.sha256,
            start: span.lowerBound, end: span.upperBound, exact: document.text(in: span),
            prefix: document.text(in: prefixStart..<span.lowerBound), suffix: document.text(in: span.upperBound..<suffixEnd),
            line: source.map { document.sourceMap.line(ofSourceOffset: $0.lowerBound) },
            sourceStart: source?.lowerBound, sourceEnd: source?.upperBound, xpath: document.xpath(of: span))
    }
}
