@testable import AssayKit
import Testing

/// `Evidence.link` percent-encodes the document's path by byte; the fast form gives what the Unicode-property form
/// it replaced gave, for every byte.
@Suite struct EvidenceTests {
    /// The form before: a byte is kept when it is ASCII and alphabetic, a digit, or one of `-._~/`.
    static func reference(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~/".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    @Test func everyByteIsEncodedAsBefore() {
        let ascii = String(decoding: (1..<128).map { UInt8($0) }, as: UTF8.self)
        for path in [ascii, "Corpus/plain-name_1.txt", "/abs/path with spaces/é😀 x.html", "", "%", "a~b/c.d-e"] {
            #expect(Evidence.percentEncodedPath(path) == Self.reference(path), "\(path)")
        }
    }
}
