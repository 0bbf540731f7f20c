/// `SHA256SUMS` in GNU coreutils format (`<hex>  <path>`, one line per file, sorted by path), so anyone can check
/// the dataset with `cd Output && sha256sum -c SHA256SUMS` and no tool of ours. It covers every file but itself and
/// `dataset.sqlite` (see `ManifestBuilder`), the manifest included.
enum Checksums {
    static let path = "SHA256SUMS"

    static func file(_ files: [FileDigest]) -> [UInt8] {
        let lines = files.sorted { DatasetWriter.pathOrder($0.path, $1.path) }.map { file in
            file.sha256 + "  " + file.path + "\n"
        }
        return Array(lines.joined().utf8)
    }
}
