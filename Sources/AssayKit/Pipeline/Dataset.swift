import Foundation

/// The result of a run: what `DatasetWriter` writes.
public struct Dataset: Sendable {
    public var ruleSet: RuleSet
    /// One per document that was read, in path order.
    public var documents: DocumentRecords
    /// Findings about the corpus rather than a document in it: files that are no documents, or could not be read.
    public var corpusDiagnostics: [Diagnostic]
    /// Every finding: the corpus's, then each document's, in path order.
    public let diagnostics: [Diagnostic]
    /// Counts and ids gathered as the records were made, so that a spilled dataset need not be read back for them.
    public let overview: DatasetOverview
    /// The checks' results on the facts (empty when the run did not validate). `Pipeline.run` leaves the checks to
    /// whoever first reads this, so the writer can run them on one thread while others write the files that do
    /// not need them; every copy of the dataset shares the one result.
    public var validation: ValidationReport {
        get { pendingValidation?.value ?? checkedValidation }
        set {
            checkedValidation = newValue
            pendingValidation = nil
        }
    }
    private var checkedValidation = ValidationReport()
    var pendingValidation: Deferred<ValidationReport>?
    /// Whether reading `validation` would run the checks now.
    var validationIsPending: Bool { pendingValidation.map { !$0.isMade } ?? false }
    /// What the cache did, when the run used one. Never written to the output, which must not depend on it.
    public var cache: CacheStatistics?
    /// Everything Normalize and Extract made of each document, when the run kept it (`Pipeline.run(_: Corpus)`);
    /// empty for a streaming build.
    public var extractions: [Extraction] = []

    public init(ruleSet: RuleSet, documents: [DocumentRecord], corpusDiagnostics: [Diagnostic]) {
        var overview = DatasetOverview()
        documents.forEach { overview.add($0) }
        self.init(ruleSet: ruleSet, documents: DocumentRecords(documents), corpusDiagnostics: corpusDiagnostics, overview: overview)
    }

    public init(ruleSet: RuleSet, documents: DocumentRecords, corpusDiagnostics: [Diagnostic], overview: DatasetOverview) {
        self.ruleSet = ruleSet
        self.documents = documents
        self.corpusDiagnostics = corpusDiagnostics
        self.overview = overview
        diagnostics = corpusDiagnostics + overview.documentDiagnostics
    }

    /// Every fact, read from every record.
    public var facts: [Fact] { documents.flatMap(\.facts) }
}

/// What a dataset's records add up to, gathered record by record.
public struct DatasetOverview: Sendable {
    /// Each record's doc id and path, in order.
    public private(set) var docIDs: [String] = []
    public private(set) var paths: [String] = []
    public private(set) var facts = 0
    /// Distinct stretches of text the facts and their list items were read from, summed over the documents: the
    /// review index states it before listing the documents, which it then reads one at a time.
    public private(set) var spans = 0
    public private(set) var factsByType: [String: Int] = [:]
    public private(set) var factsByRule: [String: Int] = [:]
    /// The documents' findings, in order.
    public private(set) var documentDiagnostics: [Diagnostic] = []

    mutating func add(_ record: DocumentRecord) {
        docIDs.append(record.docID)
        paths.append(record.path)
        facts += record.facts.count
        spans += DocumentPage.spanCount(of: record.facts)
        for fact in record.facts {
            factsByType[fact.type, default: 0] += 1
            factsByRule[fact.ruleID, default: 0] += 1
        }
        documentDiagnostics += record.diagnostics
    }
}

/// A value made once, by whichever thread first asks for it, while the others that ask wait for it.
final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var make: (@Sendable () -> Value)?
    private var made: Value?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make!()
            made = value
            // What making it needed (a whole dataset, for the checks) is let go.
            make = nil
            return value
        }
    }

    var isMade: Bool { lock.withLock { made != nil } }
}
