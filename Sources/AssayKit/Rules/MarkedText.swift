/// Text with expected spans marked `[[like this]]`, as rule examples and tests write it.
public struct MarkedText: Sendable, Hashable {
    /// The text without the markers.
    public var text: String
    /// The marked spans, as Unicode scalar ranges into `text`, in order.
    public var spans: [Range<Int>]

    /// Nil when the markers do not pair up.
    public init?(_ marked: String) {
        var scalars: [Unicode.Scalar] = []
        var spans: [Range<Int>] = []
        var open: Int?
        let source = Array(marked.unicodeScalars)
        var index = 0
        while index < source.count {
            if index + 1 < source.count, source[index] == "[", source[index + 1] == "[" {
                guard open == nil else { return nil }
                open = scalars.count
                index += 2
            } else if index + 1 < source.count, source[index] == "]", source[index + 1] == "]", let start = open {
                spans.append(start..<scalars.count)
                open = nil
                index += 2
            } else {
                scalars.append(source[index])
                index += 1
            }
        }
        guard open == nil else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self.text = String(view)
        self.spans = spans
    }
}
