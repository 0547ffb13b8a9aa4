import ArgumentParser
import Foundation
import PrensaCore
import SentenceClassification

extension Prensa {
  struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "classify",
      abstract:
        "Give every sentence a cooperation category and a stance, with the cues that decided them.")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions
    @OptionGroup var classification: ClassificationOptions

    func run() throws {
      let pipeline = try loadingConfiguration("classify") {
        let model = try classification.startLoadingModel(normalization)
        return Pipeline([
          try normalization.normalizer(), try normalization.tokenizer(),
          try tagging.tagger(normalization),
          try classification.classifier(normalization, model: model, explain: tagging.explain),
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

  /// Starts reading the rules' cue lists and the model, each on a thread of its own, so that on
  /// a machine of two cores or more they load while the caller loads the other stages (the
  /// tagger's lexicon, the model and the cue lists each take tens of milliseconds).
  func startLoadingModel(_ normalization: NormalizationOptions) throws -> ModelLoading {
    let directory = try LexiconDirectory.locate(normalization.lexicons)
    let path = try modelPath(normalization)
    return ModelLoading(
      rules: Loading { try CueLexicon.load(from: directory) },
      model: Loading { () throws(PipelineError) -> ClassifierModel? in
        guard let path else { return nil }
        return try ClassifierModel(bytes: try readFile(path), file: path)
      })
  }

  func classifier(
    _ normalization: NormalizationOptions, model: ModelLoading, explain: Bool = false
  ) throws -> LearnedClassifier {
    let rules = SentenceClassifier(cues: try model.rules.result())
    var classifier = LearnedClassifier(rules: rules, model: try model.model.result())
    classifier.explain = explain
    return classifier
  }
}

/// A value made on another thread: `result()` waits for it and gives it, or throws the error
/// making it threw (the same error, so callers handle it as if made in place).
final class Loading<Value>: @unchecked Sendable {
  private let finished = DispatchSemaphore(value: 0)
  /// Written once by the loading thread before `finished` is signalled; read after waiting (the
  /// placeholder is never read).
  private var outcome: Result<Value, any Error> = .failure(CancellationError())

  init(_ make: @escaping @Sendable () throws -> Value) {
    Thread.detachNewThread { [self] in
      outcome = Result { try make() }
      finished.signal()
    }
  }

  func result() throws -> Value {
    finished.wait()
    finished.signal()
    return try outcome.get()
  }
}

/// The classify stage's data being read on other threads: the rules' cue lists and the model
/// (nil for none).
struct ModelLoading: Sendable {
  let rules: Loading<CueLexicon>
  let model: Loading<ClassifierModel?>
}
