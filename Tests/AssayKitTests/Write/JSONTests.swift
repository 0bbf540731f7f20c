@testable import AssayKit
import Foundation
import Testing

/// `JSON` writes its bytes directly; these pin the bytes it writes, escapes included, compact and pretty-printed.
@Suite struct JSONTests {
    @Test func stringsAreEscapedAsJSONRequires() {
        let cases: [(String, String)] = [
            ("plain é😀", #""plain é😀""#),
            ("say \"hi\" \\ there", #""say \"hi\" \\ there""#),
            ("two\nlines\r\tand\u{01}\u{1F}", #""two\nlines\r\tand\u0001\u001f""#),
            ("\u{2028}line\u{2029}para – dash", #""\u2028line\u2029para – dash""#),
            ("", #""""#),
        ]
        for (text, expected) in cases {
            #expect(JSON.string(text).serialized() == expected)
            let parsed = try? JSONSerialization.jsonObject(with: Data(expected.utf8), options: .fragmentsAllowed) as? String
            #expect(parsed == text)
        }
    }

    @Test func compactAndPrettyPrinted() {
        let value = JSON.object([
            ("a", .int(-3)), ("b", .array([.null, .bool(true), .bool(false)])), ("c", .object([])), ("d", .array([])),
            ("e", .object([("f", .string("g"))])),
        ])
        #expect(value.serialized() == #"{"a":-3,"b":[null,true,false],"c":{},"d":[],"e":{"f":"g"}}"#)
        #expect(value.serialized(indent: 2) == """
            {
              "a": -3,
              "b": [
                null,
                true,
                false
              ],
              "c": {},
              "d": [],
              "e": {
                "f": "g"
              }
            }
            """)
        var bytes: [UInt8] = []
        value.write(into: &bytes, indent: 2, level: 1)
        #expect(String(decoding: bytes, as: UTF8.self) == value.serialized(indent: 2, level: 1))
    }
}
