import ArgumentParser
import PrensaCore
import SentenceClassification

extension Prensa {
  struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Give every sentence a cooperation category and a stance, with the cues that decided them.")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions

    func run() throws {
      let pipeline = try loadingConfiguration("classify") {
        Pipeline([
          try normalization.normalizer(), try normalization.tokenizer(), try tagging.tagger(normalization),
          try normalization.classifier(),
        ])
      }
      try io.stream(pipeline, command: "classify")
    }
  }
}

extension NormalizationOptions {
  func classifier() throws -> SentenceClassifier {
    SentenceClassifier(cues: try CueLexicon.load(from: try LexiconDirectory.locate(lexicons)))
  }
}
