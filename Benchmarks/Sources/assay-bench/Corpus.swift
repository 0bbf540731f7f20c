import Foundation

/// Where the benchmark finds the project: this package is `Benchmarks/` inside the repository.
enum Paths {
    /// `Benchmarks/`, found from this source file.
    static let benchmarks: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The repository root, one level up.
    static let repository: URL = benchmarks.deletingLastPathComponent()

    /// The running executable, to start the floor in a child process of its own.
    static func currentExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// A folder of documents to measure: `docs/` with `truth.jsonl` beside it when the generator wrote it.
struct Corpus: Codable {
    var name: String
    /// The folder of documents (handed to every measured program).
    var documents: String
    /// `truth.jsonl`, when there is one, for precision and recall.
    var truth: String?
    var count = 0
    var htmlCount = 0
    var textCount = 0
    /// Input bytes (1 MB = 10^6 bytes in every figure).
    var bytes = 0

    /// A corpus folder given on the command line: DIR/docs and DIR/truth.jsonl, or DIR itself.
    static func existing(_ path: String) throws -> Corpus {
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        let docs = folder.appendingPathComponent("docs")
        var isFolder: ObjCBool = false
        let hasDocs = FileManager.default.fileExists(atPath: docs.path, isDirectory: &isFolder) && isFolder.boolValue
        let truth = folder.appendingPathComponent("truth.jsonl")
        var corpus = Corpus(
            name: folder.lastPathComponent, documents: hasDocs ? docs.path : folder.path,
            truth: hasDocs && FileManager.default.fileExists(atPath: truth.path) ? truth.path : nil)
        try corpus.tally()
        return corpus
    }

    /// The generated corpus of `count` documents with `seed`, written by `generate_corpus.py` into `scratch`
    /// unless an earlier run already wrote it with the same generator (a stamp file records the generator's hash).
    static func generated(count: Int, seed: Int, python: String, scratch: URL) throws -> Corpus {
        let generator = Paths.benchmarks.appendingPathComponent("generate_corpus.py")
        let folder = scratch.appendingPathComponent("corpus-seed\(seed)-\(count)")
        let stamp = folder.appendingPathComponent("generated.stamp")
        let source = try Data(contentsOf: generator)
        let expected = "generate_corpus.py \(fnv1a(source)) --count \(count) --seed \(seed)\n"
        if (try? String(contentsOf: stamp, encoding: .utf8)) != expected {
            log("generating \(count) documents (seed \(seed)) in \(folder.path)")
            try? FileManager.default.removeItem(at: stamp)
            try ChildProcess.capture(python, [generator.path, "--count", "\(count)", "--seed", "\(seed)", "--out", folder.path])
            try expected.write(to: stamp, atomically: true, encoding: .utf8)
        }
        var corpus = Corpus(
            name: "\(count) documents", documents: folder.appendingPathComponent("docs").path,
            truth: folder.appendingPathComponent("truth.jsonl").path)
        try corpus.tally()
        guard corpus.count == count else {
            throw BenchError("\(corpus.documents) holds \(corpus.count) documents, expected \(count)")
        }
        return corpus
    }

    private mutating func tally() throws {
        let paths = try ParseFloor.documents(in: URL(fileURLWithPath: documents))
        guard !paths.isEmpty else { throw BenchError("no .html, .htm or .txt documents in \(documents)") }
        count = paths.count
        for path in paths {
            let lower = path.lowercased()
            if lower.hasSuffix(".txt") { textCount += 1 } else { htmlCount += 1 }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            bytes += size ?? 0
        }
    }

    /// 64-bit FNV-1a, enough to notice that the generator changed.
    private static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Progress notes on standard error (the figures go to standard output).
func log(_ message: String) {
    FileHandle.standardError.write(Data("assay-bench: \(message)\n".utf8))
}
