import Foundation

/// Every run of one subject on one corpus.
struct Measurement: Codable {
    var subject: Subject
    var runs: [ChildRun] = []
    /// Why the subject has no figure on this corpus (killed at the memory limit, a failing exit code).
    var failure: String?

    var seconds: Double { median(runs.map(\.seconds)) }
    var peakRSS: Double { median(runs.map { Double($0.peakRSS) }) }
    /// Exit codes other than 0 seen (assay exits 1 when a check fails: the work was done).
    var statuses: [Int32] { Array(Set(runs.map(\.status).filter { $0 != 0 })).sorted() }
}

/// The figures for one corpus.
struct CorpusReport: Codable {
    var corpus: Corpus
    var measurements: [Measurement] = []
    var score: Score?
    var floorTextBytes = 0
    var buildQuiet = false

    func measurement(_ kind: Subject.Kind, _ threads: Int = 1) -> Measurement? {
        measurements.first { $0.subject.kind == kind && $0.subject.threads == threads && !$0.runs.isEmpty }
    }

    func megabytesPerSecond(_ m: Measurement) -> Double { Double(corpus.bytes) / 1e6 / m.seconds }
    func documentsPerSecond(_ m: Measurement) -> Double { Double(corpus.count) / m.seconds }
}

/// The whole benchmark: where it ran, and the figures of every corpus; renders the table.
struct Report: Codable {
    var environment: Environment
    var runs: Int
    var corpora: [CorpusReport]

    func render() -> String {
        var out: [String] = []
        let e = environment
        out.append("## assay-bench, \(e.date)")
        out.append("")
        out.append("- machine: \(e.cores) cores, \(e.cpu), \(String(format: "%.1f", e.memoryGB)) GiB memory")
        if let assay = e.assay {
            out.append("- assay: \(assay) (\(e.assayVersion ?? "version unknown"))\(e.assaySource.map { ", built from \($0)" } ?? "")")
        }
        if let commit = e.repositoryCommit { out.append("- repository HEAD: \(commit)") }
        if let python = e.python { out.append("- peer: \(python)") }
        out.append("- figures: median of \(runs) run\(runs == 1 ? "" : "s"); wall time of the whole process (start, rule loading and writing included); MB = 10^6 bytes of input; peak RSS = the child's ru_maxrss (wait4)")

        for report in corpora {
            let c = report.corpus
            out.append("")
            out.append("### \(group(c.count)) documents (\(group(c.htmlCount)) HTML, \(group(c.textCount)) text), \(String(format: "%.1f", Double(c.bytes) / 1e6)) MB")
            out.append("")
            let floor1 = report.measurement(.floor, 1)
            var rows: [[String]] = [["subject", "seconds", "documents/s", "MB/s", "peak RSS", "of floor (1 thread)"]]
            for m in report.measurements {
                if let failure = m.failure, m.runs.isEmpty {
                    rows.append([m.subject.label, "-", "-", "-", "-", "failed: \(failure)"])
                    continue
                }
                let share = floor1.map { String(format: "%.0f%%", 100 * $0.seconds / m.seconds) } ?? "-"
                var label = m.subject.label
                if !m.statuses.isEmpty { label += " (exit \(m.statuses.map(String.init).joined(separator: ",")))" }
                if let failure = m.failure { label += " (\(m.runs.count) run\(m.runs.count == 1 ? "" : "s"), then \(failure))" }
                rows.append([label, String(format: "%.2f", m.seconds), group(Int(report.documentsPerSecond(m).rounded())),
                             decimals(report.megabytesPerSecond(m)), mebibytes(m.peakRSS), share])
            }
            out.append(contentsOf: table(rows, right: [1, 2, 3, 4, 5]))
            if report.measurements.contains(where: { $0.subject.kind != .floor && $0.subject.kind != .peer && $0.statuses == [1] }) {
                out.append("")
                out.append("(exit 1) assay exited 1: a check of error severity failed (the dataset is still written; the generated documents restate counts that disagree across documents).")
            }
            if report.measurements.contains(where: { $0.subject.kind == .build }),
               !report.buildQuiet {
                out.append("")
                out.append("This assay build has no --quiet option: it ran without it (stdout and stderr to files).")
            }
            if let score = report.score {
                out.append("")
                out.append("assay extract against truth.jsonl: recall \(percent(score.overall.recall)) (\(group(score.overall.found)) of \(group(score.overall.planted)) planted facts), precision \(percent(score.overall.precision)) (\(group(score.overall.correct)) of \(group(score.overall.extracted)) extracted)")
            }
        }

        out.append("")
        out.append("### Ratios and goals")
        out.append("")
        out.append(contentsOf: table(ratioRows(), right: Array(1...(corpora.count + 1))))
        out.append("")
        out.append("Throughput ratios compare MB/s (the same as documents/s on one corpus); \"met\" is judged on the largest corpus.")
        if let own = environment.benchmarkRSS {
            out.append("A child's peak RSS reads at least the benchmark's own resident set when it started the child (Linux keeps the spawning process's high-water mark across exec), here up to \(mebibytes(Double(own))): a figure of that size means \"no more than that\".")
        }
        return out.joined(separator: "\n")
    }

    /// One row per ratio, a column per corpus, then the goal and whether the largest corpus meets it.
    private func ratioRows() -> [[String]] {
        let largest = corpora.max { $0.corpus.count < $1.corpus.count }
        let smallest = corpora.min { $0.corpus.count < $1.corpus.count }
        var rows: [[String]] = [["ratio"] + corpora.map { group($0.corpus.count) } + ["goal", "met"]]

        func speed(_ a: @escaping (CorpusReport) -> Measurement?, over b: @escaping (CorpusReport) -> Measurement?) -> (CorpusReport) -> Double? {
            { r in
                guard let x = a(r), let y = b(r) else { return nil }
                return y.seconds / x.seconds
            }
        }
        func add(_ name: String, _ value: (CorpusReport) -> Double?, goal: String = "", format: (Double) -> String = times,
                 test: ((Double) -> Bool)? = nil) {
            let values = corpora.map(value)
            guard values.contains(where: { $0 != nil }) else { return }
            var met = ""
            if let test, let largest {
                met = value(largest).map { test($0) ? "yes" : "no" } ?? "no figure"
            }
            rows.append([name] + values.map { $0.map(format) ?? "-" } + [goal, met])
        }
        let floor1: (CorpusReport) -> Measurement? = { $0.measurement(.floor, 1) }
        let peer: (CorpusReport) -> Measurement? = { $0.measurement(.peer) }
        let builds = Set(corpora.flatMap { $0.measurements.filter { $0.subject.kind == .build }.map(\.subject.threads) }).sorted()

        for jobs in builds {
            let build: (CorpusReport) -> Measurement? = { $0.measurement(.build, jobs) }
            add("build --jobs \(jobs) ÷ floor, 1 thread", speed(build, over: floor1),
                goal: jobs == 1 ? "≥ 50% at the largest" : "", format: percentage, test: jobs == 1 ? { $0 >= 0.5 } : nil)
            if jobs > 1 {
                add("build --jobs \(jobs) ÷ floor, \(jobs) threads", speed(build, over: { $0.measurement(.floor, jobs) }),
                    goal: "≥ 50% at the largest", format: percentage, test: { $0 >= 0.5 })
            }
        }
        add("extract ÷ floor, 1 thread", speed({ $0.measurement(.extract) }, over: floor1), format: percentage)
        for jobs in builds {
            add("build --jobs \(jobs) ÷ Python peer", speed({ $0.measurement(.build, jobs) }, over: peer),
                goal: jobs == 1 ? "≥ 5×" : "", test: jobs == 1 ? { $0 >= 5 } : nil)
        }
        add("extract ÷ Python peer", speed({ $0.measurement(.extract) }, over: peer))
        if builds.contains(1) {
            for jobs in builds where jobs > 1 {
                add("build --jobs \(jobs) ÷ --jobs 1 (speed-up)", speed({ $0.measurement(.build, jobs) }, over: { $0.measurement(.build, 1) }),
                    goal: "close to \(jobs)× (≥ \(String(format: "%.1f", 0.9 * Double(jobs)))×)", test: { $0 >= 0.9 * Double(jobs) })
            }
        }
        let floors = Set(corpora.flatMap { $0.measurements.filter { $0.subject.kind == .floor }.map(\.subject.threads) }).sorted()
        if floors.contains(1) {
            for threads in floors where threads > 1 {
                add("floor \(threads) threads ÷ 1 thread (speed-up)",
                    speed({ $0.measurement(.floor, threads) }, over: floor1), goal: "(what \(threads) cores allow)")
            }
        }

        // Memory: peak RSS of the largest corpus over the smallest, for every subject.
        if let largest, let smallest, largest.corpus.count > smallest.corpus.count {
            for m in largest.measurements {
                guard let small = smallest.measurement(m.subject.kind, m.subject.threads) else { continue }
                if m.runs.isEmpty {
                    let isBuild = m.subject.kind == .build
                    rows.append(["peak RSS \(group(largest.corpus.count)) ÷ \(group(smallest.corpus.count)): \(m.subject.label)"]
                        + corpora.map { $0.corpus.count == largest.corpus.count ? "failed" : "" }
                        + [isBuild ? "≤ 1.5×" : "", isBuild ? "no figure" : ""])
                    continue
                }
                let ratio = m.peakRSS / small.peakRSS
                let isBuild = m.subject.kind == .build
                var row = ["peak RSS \(group(largest.corpus.count)) ÷ \(group(smallest.corpus.count)): \(m.subject.label)"]
                row += corpora.map { $0.corpus.count == largest.corpus.count ? times(ratio) : "" }
                row += [isBuild ? "≤ 1.5×" : "", isBuild ? (ratio <= 1.5 ? "yes" : "no") : ""]
                rows.append(row)
            }
        }
        return rows
    }
}

/// A Markdown table with padded columns (right-aligned where asked).
func table(_ rows: [[String]], right: [Int]) -> [String] {
    guard let header = rows.first else { return [] }
    var widths = header.map { $0.count }
    for row in rows {
        for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ row: [String]) -> String {
        let cells = row.enumerated().map { i, cell in
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
            return right.contains(i) ? pad + cell : cell + pad
        }
        return "| " + cells.joined(separator: " | ") + " |"
    }
    let rule = "|" + widths.enumerated().map { i, w in
        right.contains(i) ? " " + String(repeating: "-", count: max(1, w - 1)) + ": " : " " + String(repeating: "-", count: w) + " "
    }.joined(separator: "|") + "|"
    return [line(header), rule] + rows.dropFirst().map(line)
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// 12,345: thousands grouped with commas, as the README writes them.
func group(_ value: Int) -> String {
    let digits = String(abs(value))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (value < 0 ? "-" : "") + out
}

func decimals(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }
func times(_ value: Double) -> String { String(format: "%.2f×", value) }
func percentage(_ value: Double) -> String { String(format: "%.0f%%", 100 * value) }
func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", 100 * $0) } ?? "-" }
func mebibytes(_ bytes: Double) -> String { String(format: "%.0f MiB", bytes / 1_048_576) }
