import Foundation

/// The line `assay build` keeps rewriting on stderr while it works through a corpus: documents done and total, the
/// rate, and the time left.
///
/// Only on a terminal: a log file or a pipe gets no carriage returns, and `--quiet` turns it off. Redrawn at most
/// ten times a second, so a corpus of small documents is not slowed by its own progress report.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private var lastDrawn = Date.distantPast
    private var width = 0
    private let lock = NSLock()

    /// A progress line when stderr is a terminal and `quiet` is false; nil otherwise.
    static func make(quiet: Bool) -> ProgressLine? {
        quiet || isatty(STDERR_FILENO) == 0 ? nil : ProgressLine()
    }

    /// Called after each document.
    func update(done: Int, total: Int) {
        lock.withLock {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
            lastDrawn = now
            draw(Self.text(done: done, total: total, elapsed: now.timeIntervalSince(start)))
        }
    }

    /// Removes the line, so what is printed next starts on a clean line.
    func finish() {
        lock.withLock { draw("") }
    }

    private func draw(_ text: String) {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        width = text.count
        FileHandle.standardError.write(Data(("\r" + text + padding + (text.isEmpty ? "\r" : "")).utf8))
    }

    /// "assay: 1,250 of 10,000 documents (12%), 540 docs/s, 16 s left".
    static func text(done: Int, total: Int, elapsed: TimeInterval) -> String {
        let percent = total == 0 ? 100 : done * 100 / total
        var text = "assay: \(done.formatted()) of \(total.formatted()) documents (\(percent)%)"
        guard elapsed > 0, done > 0 else { return text }
        let rate = Double(done) / elapsed
        text += ", \(Int(rate.rounded()).formatted()) docs/s"
        if done < total { text += ", \(duration(Double(total - done) / rate)) left" }
        return text
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
