@testable import AssayKit
import Testing

/// How results name documents: the file name, unless two documents of a result share it.
@Suite struct WordingTests {
    @Test(arguments: [
        "", "a", "a.txt", "Corpus/a.txt", "/abs/dir/b.html", "Corpus/", "/", "//", "a//b", "Corpus/é 😀.txt", "dir/x\u{301}/y",
        "dir/\u{301}y", "dir/y\u{301}", "a/\r\n/b", "Corpus/sub/", "x/./y",
    ])
    func fileNamesAreTheLastPartBetweenSlashes(path: String) {
        #expect(Wording.fileName(path) == (path.split(separator: "/").last.map(String.init) ?? path))
    }

    @Test func documentsSharingAFileNameAreNamedByPath() {
        let words = Wording(documents: ["A/x.txt", "B/x.txt", "A/y.txt", "A/x.txt"])
        #expect(words.name(of: "A/x.txt") == "A/x.txt")
        #expect(words.name(of: "B/x.txt") == "B/x.txt")
        #expect(words.name(of: "A/y.txt") == "y.txt")
        let one = Wording(documents: ["A/x.txt", "A/x.txt"])
        #expect(one.name(of: "A/x.txt") == "x.txt")
    }
}
