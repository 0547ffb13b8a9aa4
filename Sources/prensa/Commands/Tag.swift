import ArgumentParser
import Foundation
import EntityTagging
import PrensaCore

extension Prensa {
  struct Tag: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tag",
      abstract: "Mark named entities found in the lexicons (tokenizing first if needed).")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions

    func run() throws {
      let pipeline = try loadingConfiguration("tag") {
        Pipeline([
          try normalization.normalizer(), try normalization.tokenizer(),
          try tagging.tagger(normalization),
        ])
      }
      try io.stream(pipeline, command: "tag")
    }
  }
}

/// Options of the tag stage.
struct TaggingOptions: ParsableArguments {
  @Option(
    name: .customLong("add-lexicon"),
    help: "A lexicon file or folder to use before the shipped ones (repeatable).")
  var addLexicons: [String] = []

  @Flag(help: "Only lexicon matches: no heuristic detection of unknown names.")
  var lexiconOnly = false

  @Flag(
    help:
      "Add to each entity the candidates that lost and why (tag), and to each sentence what the rules weighed and the model's probabilities and strongest features (classify, run)."
  )
  var explain = false

  /// The lexicon paths in priority order: user files first, then the shipped entities.
  func lexiconPaths(_ normalization: NormalizationOptions) throws -> [String] {
    addLexicons + [try LexiconDirectory.locate(normalization.lexicons).path + "/es/entities"]
  }

  func tagger(_ normalization: NormalizationOptions) throws -> EntityTagger {
    let directory = try LexiconDirectory.locate(normalization.lexicons)
    return EntityTagger(
      lexicon: try compiledLexicon(normalization, directory: directory),
      data: try TaggerData.load(from: directory), lexiconOnly: lexiconOnly, explain: explain)
  }

  /// The compiled lexicons: from the cache when it holds a current copy, else parsed, compiled
  /// and cached (docs/lexicons.md, "Loading").
  func compiledLexicon(_ normalization: NormalizationOptions, directory: LexiconDirectory) throws
    -> CompiledLexicon
  {
    let paths = try lexiconPaths(normalization)
    let cacheDirectory = LexiconCache.directory(environment: ProcessInfo.processInfo.environment)
    var key = ""
    if let cacheDirectory {
      // Everything compilation reads: the lexicon files and the tokenizer's data files.
      var files: [String] = []
      for path in paths { files += try LexiconLoader.files(at: path) }
      files += try FileWalker.files(under: directory.path + "/es", extensions: ["txt", "tsv"]).map(
        \.path)
      key = LexiconCache.key(
        files: files, extra: [Prensa.versionString, "paths " + paths.joined(separator: "|")])
      if let cached = LexiconCache.load(key: key, directory: cacheDirectory) { return cached }
    }
    let lexicon = try LexiconLoader.load(paths: paths)
    if !addLexicons.isEmpty { warnAboutConflicts(lexicon, shipped: paths.last ?? "") }
    let compiled = CompiledLexicon(lexicon, tokenizer: try normalization.tokenizer())
    if let cacheDirectory { LexiconCache.store(compiled, key: key, directory: cacheDirectory) }
    return compiled
  }

  /// Where `--add-lexicon` entries clash with the shipped ones, on standard error (the first
  /// few, and how many), each time the lexicons are compiled: `prensa lexicon check FILE` lists
  /// them all.
  func warnAboutConflicts(_ lexicon: EntityTagging.Lexicon, shipped: String) {
    let shippedFiles = Set((try? LexiconLoader.files(at: shipped)) ?? [])
    let user = lexicon.entries.filter { !shippedFiles.contains($0.file) }
    let conflicts = LexiconChecker.conflicts(
      user: user, shipped: lexicon.entries.filter { shippedFiles.contains($0.file) })
    for conflict in conflicts.prefix(5) { Diagnostics.print("prensa: warning: \(conflict)") }
    if conflicts.count > 5 {
      Diagnostics.print(
        "prensa: warning: \(conflicts.count - 5) more conflicts with the shipped lexicons "
          + "(prensa lexicon check \(addLexicons.joined(separator: " ")))")
    }
  }
}
