import ArgumentParser
import EntityTagging
import PrensaCore

extension Prensa {
  struct Tag: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mark named entities found in the lexicons (tokenizing first if needed).")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions

    func run() throws {
      let pipeline = try loadingConfiguration("tag") {
        Pipeline([try normalization.normalizer(), try normalization.tokenizer(), try tagging.tagger(normalization)])
      }
      try io.stream(pipeline, command: "tag")
    }
  }
}

/// Options of the tag stage.
struct TaggingOptions: ParsableArguments {
  @Option(name: .customLong("add-lexicon"), help: "A lexicon file or folder to use before the shipped ones (repeatable).")
  var addLexicons: [String] = []

  @Flag(help: "Only lexicon matches: no heuristic detection of unknown names.")
  var lexiconOnly = false

  @Flag(help: "Add to each entity the candidates that lost and why.")
  var explain = false

  /// The lexicon paths in priority order: user files first, then the shipped entities.
  func lexiconPaths(_ normalization: NormalizationOptions) throws -> [String] {
    addLexicons + [try LexiconDirectory.locate(normalization.lexicons).path + "/es/entities"]
  }

  func tagger(_ normalization: NormalizationOptions) throws -> EntityTagger {
    let directory = try LexiconDirectory.locate(normalization.lexicons)
    let lexicon = try LexiconLoader.load(paths: try lexiconPaths(normalization))
    let compiled = CompiledLexicon(lexicon, tokenizer: try normalization.tokenizer())
    return EntityTagger(lexicon: compiled, data: try TaggerData.load(from: directory), lexiconOnly: lexiconOnly, explain: explain)
  }
}
