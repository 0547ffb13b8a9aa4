import ArgumentParser
import Foundation
import PrensaCore
import SentenceClassification

extension Prensa {
  struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Give every sentence a cooperation category and a stance, with the cues that decided them.")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions
    @OptionGroup var classification: ClassificationOptions

    func run() throws {
      let pipeline = try loadingConfiguration("classify") {
        Pipeline([
          try normalization.normalizer(), try normalization.tokenizer(),
          try tagging.tagger(normalization),
          try classification.classifier(normalization, explain: tagging.explain),
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

/// Options of the classify stage's learned layer.
struct ClassificationOptions: ParsableArguments {
  @Option(help: "A model from `prensa train classify` (default: the shipped one, when present).")
  var model: String?

  @Flag(help: "Use the rules alone, without the learned layer.")
  var rulesOnly = false

  func validate() throws {
    if rulesOnly && model != nil {
      throw ValidationError("use either --model or --rules-only, not both")
    }
  }

  /// The model file to load: the one named, or the shipped one when it exists; nil for rules only.
  func modelPath(_ normalization: NormalizationOptions) throws -> String? {
    if rulesOnly { return nil }
    if let model { return model }
    let shipped =
      try LexiconDirectory.locate(normalization.lexicons).path + "/"
      + LearnedClassifier.shippedModel
    return FileManager.default.fileExists(atPath: shipped) ? shipped : nil
  }

  func classifier(_ normalization: NormalizationOptions, explain: Bool = false) throws
    -> LearnedClassifier
  {
    let rules = try normalization.classifier()
    var classifier = LearnedClassifier(
      rules: rules,
      model: try modelPath(normalization).map { path in
        try ClassifierModel(bytes: try readFile(path), file: path)
      })
    classifier.explain = explain
    return classifier
  }
}
