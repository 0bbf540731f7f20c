@testable import AssayKit
import Testing

/// `JSONStreamWriter` must write what `JSON.write` writes for the same tree, or `manifest.json` would change.
@Suite struct JSONStreamWriterTests {
    /// Writes `value` through the stream writer: containers opened and closed, leaves (and, at random, whole
    /// subtrees) written as values.
    private func streamed(_ value: JSON, wholeAt chance: Double, using random: inout SeededGenerator) -> [UInt8] {
        var writer = JSONStreamWriter(indent: 2)
        var taken: [UInt8] = []
        func emit(_ value: JSON) {
            switch value {
            case .array(let items) where random.next() % 6 == 0:
                // Written apart, by a writer told how deep it sits, and put in place in pieces.
                var apart = JSONStreamWriter(indent: 2, depth: writer.level)
                var pieces: [[UInt8]] = []
                apart.beginArray()
                for item in items {
                    apart.value(item)
                    pieces.append(apart.take())
                }
                apart.end()
                pieces.append(apart.take())
                writer.valueWrittenApart()
                taken += writer.take() + pieces.joined()
            case .array(let items) where Double(random.next() % 1000) / 1000 >= chance:
                writer.beginArray()
                items.forEach(emit)
                writer.end()
            case .object(let pairs) where Double(random.next() % 1000) / 1000 >= chance:
                writer.beginObject()
                for (key, member) in pairs {
                    writer.key(key)
                    emit(member)
                }
                writer.end()
            default:
                writer.value(value)
            }
            // Taking bytes part-way must not change what is written.
            if random.next() % 5 == 0 { taken += writer.take() }
        }
        emit(value)
        return taken + writer.take()
    }

    private func tree(depth: Int, using random: inout SeededGenerator) -> JSON {
        let pick = depth == 0 ? random.next() % 4 : random.next() % 6
        switch pick {
        case 0: return .int(Int(truncatingIfNeeded: random.next()))
        case 1: return .string(["", "a", "é😀", "quote \" and \\", "line\nbreak", "\u{2028}"][Int(random.next() % 6)])
        case 2: return [.null, .bool(true), .bool(false)][Int(random.next() % 3)]
        case 3: return .array([])
        case 4: return .array((0..<Int(random.next() % 4)).map { _ in tree(depth: depth - 1, using: &random) })
        default:
            return .object((0..<Int(random.next() % 4)).map { index in ("k\(index)", tree(depth: depth - 1, using: &random)) })
        }
    }

    @Test func writesWhatTheTreeWrites() {
        var random = SeededGenerator(seed: 8)
        for round in 0..<300 {
            let value = tree(depth: 4, using: &random)
            var expected: [UInt8] = []
            value.write(into: &expected, indent: 2)
            let chance = [0.0, 0.3, 1.0][round % 3]
            #expect(streamed(value, wholeAt: chance, using: &random) == expected, "round \(round): \(value.serialized())")
        }
    }

    @Test func emptyContainersReadAsInTheTree() {
        var writer = JSONStreamWriter(indent: 2)
        writer.beginObject()
        writer.key("documents")
        writer.beginArray()
        writer.end()
        writer.key("counts")
        writer.beginObject()
        writer.end()
        writer.end()
        #expect(String(decoding: writer.take(), as: UTF8.self) == "{\n  \"documents\": [],\n  \"counts\": {}\n}")
    }
}
