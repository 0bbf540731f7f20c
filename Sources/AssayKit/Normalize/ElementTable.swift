/// The HTML elements normalised text came from, so a span can name the innermost element holding it.
///
/// Paths are written as libxml2's `xmlGetNodePath` writes them (`/html/body/main/ul/li[2]`): an element gets a
/// 1-based `[n]` only when a sibling element has the same name. They are built during the walk, because
/// `xmlGetNodePath` is quadratic in depth and sibling count and the tree is gone once normalisation ends.
public struct ElementTable: Sendable {
    public private(set) var paths: [String] = []
    private(set) var parents: [Int32] = []

    mutating func add(path: String, parent: Int32) -> Int32 {
        paths.append(path)
        parents.append(parent)
        return Int32(paths.count - 1)
    }

    /// The path of the innermost element that holds both elements, or nil when either is unknown.
    public func commonPath(_ a: Int32, _ b: Int32) -> String? {
        guard a >= 0, b >= 0, Int(a) < paths.count, Int(b) < paths.count else { return nil }
        var ancestors: Set<Int32> = []
        var node = a
        while node >= 0 {
            ancestors.insert(node)
            node = parents[Int(node)]
        }
        node = b
        while node >= 0 {
            if ancestors.contains(node) { return paths[Int(node)] }
            node = parents[Int(node)]
        }
        return nil
    }
}
