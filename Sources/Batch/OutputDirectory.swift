import PrensaCore

#if canImport(Glibc)
  import Glibc
#endif

/// `--out-dir`: one output file per input, mirrored under a folder, written atomically and
/// recorded in a manifest so that a rerun skips what is complete and current.
public struct OutputDirectory {
  public let root: String
  /// A hash of everything that shapes the output (version, options, lexicons).
  public let configuration: String
  static let manifestName = ".prensa-manifest.tsv"

  /// A manifest row: the output's relative path, the input's hash, the configuration's hash.
  struct Row: Equatable {
    var output: String
    var inputHash: String
    var configuration: String
  }

  var rows: [String: Row] = [:]

  /// Opens (creating if needed) the folder and reads its manifest.
  ///
  /// - Throws: `PipelineError.cannotWrite` when the folder cannot be created.
  public init(root: String, configuration: String) throws(PipelineError) {
    self.root = root
    self.configuration = configuration
    try makeDirectories(root)
    if let text = try? readTextFile(root + "/" + Self.manifestName) {
      for line in text.split(separator: "\n") {
        let cells = line.split(separator: "\t").map(String.init)
        if cells.count == 3 {
          rows[cells[0]] = Row(output: cells[0], inputHash: cells[1], configuration: cells[2])
        }
      }
    }
  }

  /// The output path for an input's relative path: the same path under `root`, ending in
  /// `.jsonl`. Paths that would leave the folder are refused.
  ///
  /// - Throws: `PipelineError.invalidConfiguration` for `..`, absolute or empty paths.
  public static func outputPath(for relativePath: String) throws(PipelineError) -> String {
    let components = relativePath.split(separator: "/", omittingEmptySubsequences: true)
    guard !relativePath.hasPrefix("/"), !components.isEmpty,
      !components.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") })
    else {
      throw .invalidConfiguration(
        "'\(relativePath)': an output path must stay inside the output folder")
    }
    var path = components.joined(separator: "/")
    if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
      path = String(path[..<dot])
    }
    return path + ".jsonl"
  }

  /// Whether `output` is complete and was made from this input with this configuration.
  public func isCurrent(output: String, inputHash: String) -> Bool {
    guard let row = rows[output], row.inputHash == inputHash, row.configuration == configuration
    else { return false }
    var info = stat()
    return stat(root + "/" + output, &info) == 0
  }

  /// Opens the temporary file for `output` (`<output>.partial`).
  public func begin(output: String) throws(PipelineError) -> OutputSink {
    let path = root + "/" + output
    try makeDirectories(parent(path))
    return try OutputSink(path: path + ".partial")
  }

  /// Renames the temporary file into place and records it in the manifest (rewritten atomically).
  public mutating func commit(output: String, inputHash: String) throws(PipelineError) {
    let path = root + "/" + output
    guard rename(path + ".partial", path) == 0 else {
      throw .cannotWrite(path: path, reason: describeErrno(errno))
    }
    rows[output] = Row(output: output, inputHash: inputHash, configuration: configuration)
    let text = rows.keys.sorted().compactMap { key in
      rows[key].map { "\($0.output)\t\($0.inputHash)\t\($0.configuration)\n" }
    }.joined()
    let manifest = root + "/" + Self.manifestName
    let sink = try OutputSink(path: manifest + ".partial")
    sink.writer.bytes.append(contentsOf: text.utf8)
    sink.close()
    if let failure = sink.failure { throw failure }
    guard rename(manifest + ".partial", manifest) == 0 else {
      throw .cannotWrite(path: manifest, reason: describeErrno(errno))
    }
  }

  /// Removes the temporary file of an output that failed.
  public func abandon(output: String) {
    unlink(root + "/" + output + ".partial")
  }

  private func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }
}
