/// Writes pretty-printed JSON one value at a time, byte for byte as `JSON.write(into:indent:level:)` writes a whole
/// tree, so that an array with an entry per document or per output file is never built in memory: `manifest.json`
/// lists 20,000 files at 10,000 documents, and as one `JSON` tree it cost tens of megabytes at the build's end.
///
/// Containers are opened with `beginObject`/`beginArray`, filled with `key` + a value (objects) or values
/// (arrays), and closed with `end`. A bracket is written only when its first member comes, so an empty container
/// reads `{}` or `[]` as in the tree. `take()` hands over the bytes written so far, for a caller that flushes as it goes.
///
/// A value can be written apart, by a writer told how deep it will sit (`depth`), and put in its place with `raw`:
/// the bytes are the same as if it had been written there.
struct JSONStreamWriter {
    private(set) var bytes: [UInt8] = []
    let indent: Int
    /// How many containers, not this writer's, enclose what it writes.
    private let depth: Int
    /// The open containers: whether each is an object, and how many members it has so far.
    private var open: [(isObject: Bool, members: Int)] = []
    /// After `key`, the next value is that key's, with no separator of its own.
    private var afterKey = false

    init(indent: Int = 2, depth: Int = 0) { (self.indent, self.depth) = (indent, depth) }

    /// How many containers enclose the next value: the `depth` of a writer that writes it apart.
    var level: Int { depth + open.count }

    mutating func beginObject() { beginContainer(isObject: true) }
    mutating func beginArray() { beginContainer(isObject: false) }

    mutating func key(_ name: String) {
        precondition(open.last?.isObject == true && !afterKey, "a key belongs directly in an object")
        startMember()
        JSON.string(name).write(into: &bytes)
        bytes += [UInt8(ascii: ":"), UInt8(ascii: " ")]
        afterKey = true
    }

    /// A whole value: an object member's (after `key`) or an array element.
    mutating func value(_ value: JSON) {
        startValue()
        value.write(into: &bytes, indent: indent, level: depth + open.count)
    }

    /// Makes the place of a whole value (an object member's, after `key`, or an array element) that another writer
    /// wrote with `depth: level`: the caller puts that writer's bytes after this one's (`take()`), then goes on here.
    mutating func valueWrittenApart() {
        startValue()
    }

    mutating func end() {
        let container = open.removeLast()
        if container.members == 0 {
            bytes += container.isObject ? [UInt8(ascii: "{"), UInt8(ascii: "}")] : [UInt8(ascii: "["), UInt8(ascii: "]")]
        } else {
            newline(level: depth + open.count)
            bytes.append(container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// The bytes written since the last call.
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private mutating func beginContainer(isObject: Bool) {
        startValue()
        open.append((isObject, 0))
    }

    /// Where a value starts: right after its key, as an array's next element, or as the document itself.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if !open.isEmpty {
            precondition(open.last?.isObject == false, "an object's value needs its key first")
            startMember()
        }
    }

    /// The opening bracket before a container's first member, the comma before the others, and the line break.
    private mutating func startMember() {
        let level = open.count
        let indentLevel = depth + level
        if open[level - 1].members == 0 {
            bytes.append(open[level - 1].isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        open[level - 1].members += 1
        newline(level: indentLevel)
    }

    private mutating func newline(level: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }
}
