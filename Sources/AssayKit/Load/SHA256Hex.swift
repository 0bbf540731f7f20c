import Crypto

/// SHA-256 as lowercase hex, the form every hash in the dataset takes.
enum SHA256Hex {
    static func digest(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hex(hasher.finalize())
    }

    static func digest(_ text: String) -> String { digest(Array(text.utf8)) }

    private static let digits = Array("0123456789abcdef".utf8)

    /// `prefix` and the first `hexDigits` digits of `digest(bytes)`, for ids that show part of a hash: only those
    /// digits are made.
    static func prefixed(_ prefix: StaticString, digestOf bytes: [UInt8], hexDigits: Int) -> String {
        let digest = SHA256.hash(data: bytes)
        let prefixLength = prefix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: prefixLength + hexDigits) { out in
            prefix.withUTF8Buffer { for (index, byte) in $0.enumerated() { out[index] = byte } }
            digest.withUnsafeBytes { hash in
                for index in 0..<hexDigits {
                    let byte = hash[index / 2]
                    out[prefixLength + index] = digits[Int(index % 2 == 0 ? byte >> 4 : byte & 0x0F)]
                }
            }
            return prefixLength + hexDigits
        }
    }

    fileprivate static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SHA256Hex {
    /// SHA-256 over bytes given in pieces, for files written a piece at a time.
    struct Stream {
        private var hasher = SHA256()

        mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

        func finalize() -> String { SHA256Hex.hex(hasher.finalize()) }
    }
}
