import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the writer and the cache need that Foundation does not offer: a plain file write, a rename
/// that replaces its target, an atomic exchange of two folders, and whether a process is still running.
enum FileSystem {
    /// Writes a new file (replacing one of that name) without `fsync`: `Data.write(to:)` syncs every file to disk,
    /// which costs more than the rest of writing a thousand-document dataset. Interruption safety does not need it:
    /// files are written in a staging folder that is swapped in whole; what a power cut can do to files not yet
    /// flushed, `SHA256SUMS` and `assay build --check` reveal.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let descriptor = try create(url)
        defer { close(descriptor) }
        try write(bytes, to: descriptor, path: url.path)
    }

    /// Opens a new file for writing (replacing one of that name); the caller closes the descriptor.
    static func create(_ url: URL) throws -> Int32 {
        try create(path: url.path)
    }

    /// `create` for a path, for a writer that makes files by the ten thousand: a URL for each cost more than opening it.
    static func create(path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw error("open", URL(fileURLWithPath: path)) }
        return descriptor
    }

    static func close(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// Writes all of `bytes` to an open file at `offset`.
    static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw AssayError.writeFailed("a temporary file: \(String(cString: strerror(errno)))")
            }
            done += written
        }
    }

    /// Writes all of `bytes` to an open file.
    static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw error("write", URL(fileURLWithPath: path))
            }
            offset += written
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// `rename(2)`: atomically replaces `destination` (a file) with `source`.
    static func replace(_ destination: URL, with source: URL) throws {
        guard rename(source.path, destination.path) == 0 else { throw error("rename", source) }
    }

    /// Swaps two paths in one step, so there is no moment when `destination` does not exist. Returns false when the
    /// system or file system cannot (the caller then falls back to two renames).
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        // glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not set.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0
        #elseif canImport(Darwin)
        return renamex_np(a.path, b.path, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    /// Whether a process with this id exists (a folder named after a dead one is litter from a killed run).
    static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// What tells one version of a file from another without reading it: size, modification time (nanoseconds)
    /// and inode. Nil when the file cannot be examined.
    static func stamp(_ url: URL) -> [Int64]? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return [Int64(info.st_size), modified, Int64(bitPattern: UInt64(info.st_ino))]
    }

    static var processID: Int32 { ProcessInfo.processInfo.processIdentifier }

    /// A new file in `$TMPDIR`, unlinked at once: the system frees it when the descriptor closes, however the process
    /// ends. For the build's spills (records, check results); the caller closes the descriptor.
    static func unlinkedTemporaryFile(named prefix: String) throws -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw AssayError.writeFailed("cannot create a temporary file in \(NSTemporaryDirectory())") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }

    /// `count` bytes of an open file at `offset` (`pread`, so readers on other threads do not disturb each other);
    /// nil when the file ends first or cannot be read.
    static func read(_ count: Int, at offset: Int, from descriptor: Int32) -> [UInt8]? {
        guard count > 0 else { return [] }
        var complete = true
        // Not zeroed first: every byte is read over.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let got = pread(descriptor, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
                guard got > 0 else { complete = false; return }
                initialized += got
            }
        }
        return complete ? bytes : nil
    }

    private static func error(_ call: String, _ url: URL) -> Error {
        let code = errno
        return NSError(
            domain: NSPOSIXErrorDomain, code: Int(code),
            userInfo: [NSLocalizedDescriptionKey: "\(call) \(url.path): \(String(cString: strerror(code)))"])
    }
}
