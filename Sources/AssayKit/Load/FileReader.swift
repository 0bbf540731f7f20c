import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with `open`, `fstat` and `read`. `Data(contentsOf:)` and `URL.resourceValues` on Linux look up
/// the file's owner and group (opening /etc/passwd and /etc/group) and its extended attributes on every call: three
/// times per document, more than reading it.
enum FileReader {
    enum Outcome {
        case bytes([UInt8])
        /// The file is larger than the limit; nothing was read.
        case tooLarge(Int)
        case failed(String)
    }

    static func read(_ path: String, limit: Int) -> Outcome {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { FileSystem.close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size <= limit else { return .tooLarge(size) }
        // The size is a hint: a file that grows while read is read to its end (and then fails the hash comparison).
        // One byte more than the size, so the read that finds the end has room and the buffer is not doubled for it.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
            if count > limit { return .tooLarge(count) }
        }
        bytes.removeSubrange(count...)
        return .bytes(bytes)
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    enum Kind { case regular, directory, symbolicLink, other, missing }

    /// What `lstat` says the path is (a symbolic link is not followed).
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}
