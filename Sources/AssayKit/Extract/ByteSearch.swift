#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes, for the extractor's prefilter: a scan for the first byte with `memchr`, then
/// `memcmp`. Foundation's `String.contains` costs more than the regular expressions the prefilter saves.
enum ByteSearch {
    static func containsAny(_ needles: [[UInt8]], in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { hay in
            needles.contains { contains($0, in: hay) }
        }
    }

    static func contains(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= hay.count, let base = hay.baseAddress else { return false }
        return needle.withUnsafeBufferPointer { pattern in
            var position = 0
            let last = hay.count - needle.count
            while position <= last {
                guard let found = memchr(base + position, Int32(first), last - position + 1) else { return false }
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, pattern.baseAddress!, needle.count) == 0 { return true }
                position = index + 1
            }
            return false
        }
    }

    /// The text's UTF-8, lowercased: byte by byte when it is all ASCII (nearly always, and several times faster
    /// than `String.lowercased()`), as Unicode says otherwise.
    static func lowercased(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return Array(text.lowercased().utf8) }
        for index in bytes.indices where bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") {
            bytes[index] += 0x20
        }
        return bytes
    }
}
