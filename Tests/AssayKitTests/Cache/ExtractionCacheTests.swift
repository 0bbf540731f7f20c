@testable import AssayKit
import Foundation
import Testing
import TestSupport

/// The cache: a no-change rebuild extracts nothing and writes the same bytes; a changed document, a changed rule or
/// another tool misses; a damaged entry is a miss, never wrong facts; pruning keeps what the last run used.
@Suite struct ExtractionCacheTests {
    static func corpus() throws -> Corpus {
        try CorpusLoader(base: Repository.root).load(from: Repository.corpus)
    }

    static func entries(in cache: ExtractionCache) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.generationFolder.path)) ?? []).sorted()
    }

    @Test func aNoChangeRebuildExtractsNothingAndWritesTheSameBytes() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ExtractionCache(folder: folder.appendingPathComponent("cache"), ruleSet: Repository.ruleSet)
        let corpus = try Self.corpus()
        let first = Pipeline(ruleSet: Repository.ruleSet, jobs: 2, cache: cache).run(corpus)
        #expect(first.cache?.restored == 0)
        #expect(first.cache?.stored == corpus.documents.count)
        let second = Pipeline(ruleSet: Repository.ruleSet, jobs: 2, cache: cache).run(corpus)
        #expect(second.cache?.restored == corpus.documents.count)
        #expect(second.cache?.extracted == 0)
        let uncached = Pipeline(ruleSet: Repository.ruleSet, jobs: 1).run(corpus)
        #expect(DatasetWriter().render(second) == DatasetWriter().render(uncached))
        #expect(Self.entries(in: cache).count == corpus.documents.count)
    }

    @Test func aChangedDocumentMissesAndTheOthersHit() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ExtractionCache(folder: folder.appendingPathComponent("cache"), ruleSet: Repository.ruleSet)
        var corpus = try Self.corpus()
        _ = Pipeline(ruleSet: Repository.ruleSet, cache: cache).run(corpus)
        let edited = corpus.documents[0]
        let text = edited.text.replacingOccurrences(of: "2008", with: "2009")
        corpus.documents[0] = CorpusLoader().load(bytes: Array(text.utf8), path: edited.path, mediaType: edited.mediaType)
        let rebuilt = Pipeline(ruleSet: Repository.ruleSet, cache: cache).run(corpus)
        #expect(rebuilt.cache?.restored == corpus.documents.count - 1)
        #expect(rebuilt.cache?.stored == 1)
        #expect(DatasetWriter().render(rebuilt) == DatasetWriter().render(Pipeline(ruleSet: Repository.ruleSet).run(corpus)))
        // The edited document's old entry is pruned: the cache holds what the last run used.
        #expect(Self.entries(in: cache).count == corpus.documents.count)
    }

    /// After a rule change no fact of the old rules survives: every document misses, and the dataset equals an
    /// uncached build with the new rules.
    @Test func aRuleChangeRederivesEveryFact() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("Rules")
        try FileManager.default.copyItem(at: Repository.rules, to: rules)
        let cacheFolder = folder.appendingPathComponent("cache")
        let corpus = try Self.corpus()
        let before = try RuleSetLoader(base: folder).load(from: rules).0
        let old = Pipeline(ruleSet: before, cache: ExtractionCache(folder: cacheFolder, ruleSet: before)).run(corpus)
        // The site gazetteer loses an alias: "Southend on Sea" must no longer be a site, anywhere.
        let gazetteers = rules.appendingPathComponent("gazetteers.yaml")
        let edited = try String(contentsOf: gazetteers, encoding: .utf8).replacingOccurrences(of: "aliases: [Southend on Sea]", with: "aliases: []")
        try Data(edited.utf8).write(to: gazetteers)
        let after = try RuleSetLoader(base: folder).load(from: rules).0
        #expect(after.fingerprint != before.fingerprint)
        let new = Pipeline(ruleSet: after, cache: ExtractionCache(folder: cacheFolder, ruleSet: after)).run(corpus)
        #expect(new.cache?.restored == 0)
        #expect(old.facts.contains { $0.evidence.exact == "Southend on Sea" })
        #expect(!new.facts.contains { $0.evidence.exact == "Southend on Sea" })
        #expect(DatasetWriter().render(new) == DatasetWriter().render(Pipeline(ruleSet: after).run(corpus)))
    }

    @Test func anotherToolMisses() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus()
        let one = ExtractionCache(folder: folder, ruleSet: Repository.ruleSet, tool: "0.1.0+aaaa")
        let two = ExtractionCache(folder: folder, ruleSet: Repository.ruleSet, tool: "0.1.0+bbbb")
        _ = Pipeline(ruleSet: Repository.ruleSet, cache: one).run(corpus)
        #expect(Pipeline(ruleSet: Repository.ruleSet, cache: two).run(corpus).cache?.restored == 0)
        #expect(Pipeline(ruleSet: Repository.ruleSet, cache: one).run(corpus).cache?.restored == corpus.documents.count)
    }

    @Test func aDamagedEntryIsAMiss() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ExtractionCache(folder: folder, ruleSet: Repository.ruleSet)
        let corpus = try Self.corpus()
        _ = Pipeline(ruleSet: Repository.ruleSet, cache: cache).run(corpus)
        let names = Self.entries(in: cache)
        try #require(names.count == corpus.documents.count)
        // Truncate one, flip a byte in another's key, and swap two entries' contents.
        let urls = names.map { cache.generationFolder.appendingPathComponent($0) }
        let first = try Data(contentsOf: urls[0]), second = try Data(contentsOf: urls[1])
        try first.prefix(first.count / 2).write(to: urls[0])
        try second.write(to: urls[2])
        var third = try Data(contentsOf: urls[3])
        third[20] ^= 0x01
        try third.write(to: urls[3])
        let rebuilt = Pipeline(ruleSet: Repository.ruleSet, cache: cache).run(corpus)
        #expect(rebuilt.cache?.restored == 1, "only the untouched entry is used")
        #expect(DatasetWriter().render(rebuilt) == DatasetWriter().render(Pipeline(ruleSet: Repository.ruleSet).run(corpus)))
    }

    @Test func litterOfADeadProcessAndOldGenerationsArePruned() throws {
        let folder = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus()
        for tool in ["t1", "t2", "t3", "t4", "t5"] {
            _ = Pipeline(ruleSet: Repository.ruleSet, cache: ExtractionCache(folder: folder, ruleSet: Repository.ruleSet, tool: tool)).run(corpus)
            Thread.sleep(forTimeInterval: 0.01)
        }
        let current = ExtractionCache(folder: folder, ruleSet: Repository.ruleSet, tool: "t5")
        let litter = current.generationFolder.appendingPathComponent("0123.tmp-999999999")
        try Data("half".utf8).write(to: litter)
        _ = Pipeline(ruleSet: Repository.ruleSet, cache: current).run(corpus)
        #expect(!FileManager.default.fileExists(atPath: litter.path))
        let generations = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("v") }
        #expect(generations.count == 1 + ExtractionCache.keptGenerations)
        #expect(generations.contains(current.generationFolder.lastPathComponent))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("CACHEDIR.TAG").path))
    }

    @Test func anExtractionThatHitATimeLimitIsNotStored() throws {
        var extraction = Run.extract("Sixteen pilots appointed in 2009.")
        #expect(ExtractionCache.isStorable(extraction))
        extraction.diagnostics.append(Diagnostic(.warning, stage: .extract, "rule 'x' stopped after 2000 ms on this document"))
        #expect(!ExtractionCache.isStorable(extraction))
    }
}
