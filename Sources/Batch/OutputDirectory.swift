import PrensaCore

#if canImport(Glibc)
  import Glibc
#endif

/// `--out-dir`: one output file per input, mirrored under a folder, written atomically and
/// recorded in a manifest so that a rerun skips what is complete and current.
///
/// The manifest (`.prensa-manifest.tsv`, one `output<TAB>input hash<TAB>configuration hash` row
/// per output) is append-only while a run goes: each completed output adds one line, so a run
/// over a million files writes each row once (rewriting the whole manifest per output made runs
/// quadratic). A later row for the same output wins. `finish()` compacts it at the end of a run
/// (sorted, one row per output, written atomically), so a finished folder's manifest is the same
/// bytes however the run went (killed and resumed, or not). A line cut short by a kill is dropped
/// when the manifest is opened again.
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

    var line: String { "\(output)\t\(inputHash)\t\(configuration)\n" }
  }

  var rows: [String: Row] = [:]
  /// Whether the manifest file holds exactly `rows`, sorted (nothing to compact).
  private var isCompact = true

  var manifestPath: String { root + "/" + Self.manifestName }

  /// Opens (creating if needed) the folder and reads its manifest.
  ///
  /// - Throws: `PipelineError.cannotWrite` when the folder cannot be created or a manifest
  ///   line cut short cannot be dropped.
  public init(root: String, configuration: String) throws(PipelineError) {
    self.root = root
    self.configuration = configuration
    try makeDirectories(root)
    guard let bytes = try? readFile(manifestPath) else { return }
    // A last line without its line feed was cut short by a kill: drop it before appending.
    var complete = bytes.count
    while complete > 0 && bytes[complete - 1] != 0x0A { complete -= 1 }
    if complete < bytes.count {
      guard truncate(manifestPath, off_t(complete)) == 0 else {
        throw .cannotWrite(path: manifestPath, reason: describeErrno(errno))
      }
    }
    var lines = 0
    var previous: String?
    for line in String(decoding: bytes[..<complete], as: UTF8.self).split(separator: "\n") {
      lines += 1
      let cells = line.split(separator: "\t").map(String.init)
      guard cells.count == 3 else {
        isCompact = false
        continue
      }
      if let previous, !(previous.utf8.lexicographicallyPrecedes(cells[0].utf8)) {
        isCompact = false
      }
      previous = cells[0]
      rows[cells[0]] = Row(output: cells[0], inputHash: cells[1], configuration: cells[2])
    }
    if lines != rows.count { isCompact = false }
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

  /// Renames the temporary file into place and appends its row to the manifest.
  public mutating func commit(output: String, inputHash: String) throws(PipelineError) {
    let path = root + "/" + output
    guard rename(path + ".partial", path) == 0 else {
      throw .cannotWrite(path: path, reason: describeErrno(errno))
    }
    let row = Row(output: output, inputHash: inputHash, configuration: configuration)
    rows[output] = row
    isCompact = false
    let descriptor = open(manifestPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .cannotWrite(path: manifestPath, reason: describeErrno(errno))
    }
    defer { close(descriptor) }
    let bytes = Array(row.line.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else {
      throw .cannotWrite(path: manifestPath, reason: describeErrno(written < 0 ? errno : ENOSPC))
    }
  }

  /// The outputs the manifest records that are not in `current` (their inputs were not among
  /// this run's: removed, renamed, or not given), sorted.
  public func outputs(notIn current: Set<String>) -> [String] {
    rows.keys.filter { !current.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Deletes outputs and their rows (`--prune`); the manifest is rewritten by `finish()`.
  public mutating func remove(_ outputs: [String]) {
    for output in outputs {
      unlink(root + "/" + output)
      rows[output] = nil
    }
    isCompact = false
  }

  /// Compacts the manifest: one row per output, sorted, written to a temporary file and renamed
  /// into place (a kill leaves the old manifest or the new, never half of one).
  public mutating func finish() throws(PipelineError) {
    guard !isCompact else { return }
    let sink = try OutputSink(path: manifestPath + ".partial")
    for key in rows.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      if let row = rows[key] { sink.writer.bytes.append(contentsOf: row.line.utf8) }
      sink.flushIfFull()
    }
    sink.close()
    if let failure = sink.failure { throw failure }
    guard rename(manifestPath + ".partial", manifestPath) == 0 else {
      throw .cannotWrite(path: manifestPath, reason: describeErrno(errno))
    }
    isCompact = true
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
