/// The HTML elements normalised text came from, so a span can name the innermost element holding it.
///
/// Paths are written as libxml2's `xmlGetNodePath` writes them (`/html/body/main/ul/li[2]`): an element gets a
/// 1-based `[n]` only when a sibling element has the same name. They are worked out during the walk, because
/// `xmlGetNodePath` is quadratic in depth and sibling count and the tree is gone once normalisation ends. Each
/// element keeps only its own step (`li[2]`) and its parent: whole paths are put together for the few elements a
/// fact's evidence names, not for the hundreds a page has.
public struct ElementTable: Sendable {
    /// Each element's step below its parent, or its whole path when it starts with `/` (the root; a table read
    /// back from the cache).
    private var steps: [String] = []
    private(set) var parents: [Int32] = []

    /// Every element's whole path, in order (for the cache).
    public var paths: [String] { steps.indices.map { path(of: Int32($0)) } }

    /// Adds an element by its step below `parent` (or a whole path beginning with `/`).
    mutating func add(step: String, parent: Int32) -> Int32 {
        steps.append(step)
        parents.append(parent)
        return Int32(steps.count - 1)
    }

    mutating func add(path: String, parent: Int32) -> Int32 {
        add(step: path, parent: parent)
    }

    /// Put together from the root down in one string: every fact's evidence names a path.
    func path(of element: Int32) -> String {
        var chain: [Int32] = []
        var node = element
        while node >= 0 {
            chain.append(node)
            if steps[Int(node)].hasPrefix("/") { break }
            node = parents[Int(node)]
        }
        var path = ""
        for node in chain.reversed() {
            let step = steps[Int(node)]
            if !step.hasPrefix("/") { path += "/" }
            path += step
        }
        return path.isEmpty ? "/" : path
    }

    /// The path of the innermost element that holds both elements, or nil when either is unknown.
    /// Pages nest a few dozen elements deep at most, so the ancestors are compared in a list, not hashed.
    public func commonPath(_ a: Int32, _ b: Int32) -> String? {
        guard a >= 0, b >= 0, Int(a) < steps.count, Int(b) < steps.count else { return nil }
        var ancestors: [Int32] = []
        var node = a
        while node >= 0 {
            ancestors.append(node)
            node = parents[Int(node)]
        }
        node = b
        while node >= 0 {
            if ancestors.contains(node) { return path(of: node) }
            node = parents[Int(node)]
        }
        return nil
    }
}
