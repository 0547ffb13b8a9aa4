import Foundation
import PrensaCore

/// Helpers shared by the test targets: the repository root, golden files and temporary folders.
public enum TestSupport {
  /// The repository root, found from this file's path (not from the working directory).
  public static func repositoryRoot(file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// The shipped data folder.
  public static var lexicons: LexiconDirectory {
    LexiconDirectory(path: repositoryRoot().appendingPathComponent("Lexicons").path)
  }

  /// A new, empty temporary folder, inside one folder per test process that is removed when the
  /// process exits (each test run used to leave its folders behind: hundreds of megabytes a run,
  /// the large-record tests' inputs among them).
  public static func temporaryDirectory() throws -> URL {
    let url = try temporaryRoot.get().appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// This process's folder of temporary folders.
  private static let temporaryRootURL = FileManager.default.temporaryDirectory
    .appendingPathComponent("prensa-test-\(UUID().uuidString)")

  /// The folder made once, and removed at exit (a C callback captures nothing: it reads the
  /// folder's URL from the property above).
  private static let temporaryRoot = Result<URL, any Error> {
    try FileManager.default.createDirectory(
      at: temporaryRootURL, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: TestSupport.temporaryRootURL) }
    return temporaryRootURL
  }

  /// The files of one fuzz target's seed corpus (Tests/Fuzz/corpus/NAME), sorted.
  public static func fuzzCorpus(_ name: String) -> [URL] {
    let folder = repositoryRoot().appendingPathComponent("Tests/Fuzz/corpus/\(name)")
    return
      ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))
      ?? []).sorted { $0.path < $1.path }
  }

  /// The names of `<name>.input.jsonl` cases in a golden folder next to the calling test file.
  public static func goldenCases(_ folder: String, file: String = #filePath) -> [String] {
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(
      folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".input.jsonl") }.map {
      String($0.dropLast(".input.jsonl".count))
    }.sorted()
  }

  /// Runs `pipeline` over the golden input `name` and compares with `<name>.expected.jsonl`;
  /// with `RECORD_GOLDEN=1` in the environment, (re)writes the expected file instead.
  ///
  /// - Returns: nil when the output matches, else a description of the first difference.
  public static func checkGolden(
    _ folder: String, _ name: String, pipeline: Pipeline, file: String = #filePath
  ) throws -> String? {
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(
      folder)
    let input = try String(
      contentsOf: directory.appendingPathComponent("\(name).input.jsonl"), encoding: .utf8)
    var output = ""
    // One context for the file, as a stage's process has one for its input.
    let context = StageContext()
    for (index, line) in input.split(separator: "\n").enumerated() {
      var document = try RecordStream.decode(
        String(line), at: SourceLocation(file: name, line: index + 1))
      try pipeline.process(&document, in: context)
      output += document.jsonLine + "\n"
    }
    let expectedURL = directory.appendingPathComponent("\(name).expected.jsonl")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try output.write(to: expectedURL, atomically: true, encoding: .utf8)
      return nil
    }
    guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
      return "missing \(expectedURL.lastPathComponent); run RECORD_GOLDEN=1 swift test"
    }
    if expected == output { return nil }
    let got = output.split(separator: "\n")
    let want = expected.split(separator: "\n")
    for (i, (g, w)) in zip(got, want).enumerated() where g != w {
      return "\(name) line \(i + 1):\n  expected \(w)\n  got      \(g)"
    }
    return "\(name): expected \(want.count) lines, got \(got.count)"
  }
}

/// A small deterministic random generator, so property tests test the same inputs on every run.
public typealias SeededGenerator = SeededRandom
