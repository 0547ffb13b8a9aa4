import ArgumentParser
import EntityTagging
import Evaluation
import Foundation
import PrensaCore
import SentenceClassification
import Tokenization

extension Prensa {
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "train",
      abstract: "Train a model from gold data.", subcommands: [TrainClassify.self])
  }

  struct TrainClassify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "classify",
      abstract: "Train the classifier's learned layer (category and stance) from gold JSONL.",
      discussion: """
        Gold records are {"id", "text", "sentences"} with cooperation.category and stance.label \
        on the sentences that are labelled (the shape `prensa evaluate` reads); unlabelled \
        sentences still count as article context. The label sets come from the data. The text \
        is used as it is (not normalized), so gold offsets stay valid. Training is \
        deterministic: the same files, options and seed give a byte-identical model.
        """)

    @Option(
      name: .customLong("gold"), parsing: .upToNextOption, help: "Gold JSONL files to train on.")
    var gold: [String] = []

    @Option(help: "Gold JSONL to score the trained model on (never trained on).")
    var dev: String?

    @Option(
      name: .shortAndLong,
      help: "Where to write the model (omit with --folds to only cross-validate).")
    var output: String?

    @Option(help: "Cross-validate by article with this many folds and print the figures.")
    var folds: Int?

    @Option(help: "Train on an evenly spread fraction of the articles (0–1], for learning curves.")
    var fraction: Double = 1

    @Option(help: "Random seed (example order).")
    var seed: UInt64 = 1

    @Option(help: "Models trained with successive seeds and averaged into one (steadier figures).")
    var runs = ModelTrainer.Options().runs

    @Option(help: "Passes over the training data.")
    var epochs = ModelTrainer.Options().epochs

    @Option(help: "L2 regularization per update.")
    var l2 = ModelTrainer.Options().l2

    @Option(help: "Class balancing: 0 none, 1 inverse frequency.")
    var balance = ModelTrainer.Options().balance

    @Option(help: "Class balancing of the stance model (default: --balance).")
    var stanceBalance: Double?

    @Option(help: "Leave out features seen in fewer sentences than this.")
    var minCount = ModelTrainer.Options().minCount

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions

    func validate() throws {
      if gold.isEmpty { throw ValidationError("give at least one --gold file") }
      if output == nil && folds == nil && dev == nil {
        throw ValidationError("give -o MODEL, --folds N or --dev FILE")
      }
      if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
      if !(fraction > 0 && fraction <= 1) { throw ValidationError("--fraction must be in (0, 1]") }
      if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
      if runs < 1 { throw ValidationError("--runs must be at least 1") }
      // ArgumentParser reads `nan` and `inf` as numbers: either would train a model whose every
      // weight is one (and that no prensa could read back).
      for (name, value) in [
        ("--l2", l2), ("--balance", balance), ("--stance-balance", stanceBalance ?? 0),
      ] where !(value >= 0 && value.isFinite) {
        throw ValidationError("\(name) must be a finite number, 0 or more")
      }
    }

    func run() throws {
      let (tokenizer, tagger, rules) = try loadingConfiguration("train") {
        (
          try normalization.tokenizer(), try tagging.tagger(normalization),
          try normalization.classifier()
        )
      }
      let preparer = TrainingPreparer(tokenizer: tokenizer, tagger: tagger, rules: rules)
      var articles: [TrainingArticle] = []
      for path in gold { articles += try preparer.articles(path) }
      // An even spread of the articles, not the first ones (files are often sorted by source).
      if fraction < 1 {
        articles = articles.enumerated().filter { i, _ in
          Int(Double(i + 1) * fraction) > Int(Double(i) * fraction)
        }.map(\.element)
      }
      var options = ModelTrainer.Options()
      options.seed = seed
      options.runs = runs
      options.epochs = epochs
      options.l2 = l2
      options.balance = balance
      options.minCount = minCount
      options.stanceBalance = stanceBalance
      let trainer = ModelTrainer(options: options)
      let labelled = articles.reduce(0) { $0 + $1.categories.compactMap { $0 }.count }
      var report: [(String, JSONValue)] = [
        ("articles", .int(articles.count)), ("sentences", .int(labelled)),
      ]
      if let folds {
        let heldOut = try training { try trainer.crossValidate(articles, folds: folds) }
        report.append(("cross_validation", Self.scores(heldOut)))
        if !json {
          print(
            Self.table(
              heldOut,
              title: "\(folds)-fold cross-validation by article (\(articles.count) articles)"))
        }
      }
      guard output != nil || dev != nil else { return emit(report) }
      let info = [
        "trained on \(labelled) labelled sentences in \(articles.count) articles from \(gold.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))",
        "seed \(seed), runs \(runs), epochs \(epochs), l2 \(l2), balance \(balance), min count \(options.minCount)",
      ]
      let model = try training { try trainer.train(articles, info: info) }
      if let dev {
        let devArticles = try preparer.articles(dev, known: model)
        let heldOut = devArticles.flatMap { ModelTrainer.predict(model, $0) }
        report.append(("dev", Self.scores(heldOut)))
        if !json {
          print(Self.table(heldOut, title: "dev: \(dev) (\(devArticles.count) articles)"))
        }
      }
      if let output {
        let sink: OutputSink
        do {
          sink = try OutputSink(path: output)
        } catch {
          Diagnostics.print("prensa train: \(error)")
          throw ExitCode(74)
        }
        sink.writer.bytes += model.serialized()
        sink.close()
        if let failure = sink.failure {
          Diagnostics.print("prensa train: \(failure)")
          throw ExitCode(74)
        }
        report.append(("model", .string(output)))
        report.append(("features", .int(model.features.count)))
        if !json { print("model: \(output) (\(model.features.count) features)") }
      }
      emit(report)
    }

    func emit(_ report: [(String, JSONValue)]) {
      guard json else { return }
      var writer = JSONWriter()
      writer.value(.object(JSONObject(report)))
      print(String(decoding: writer.bytes, as: UTF8.self))
    }

    func training<T>(_ body: () throws -> T) throws -> T {
      do {
        return try body()
      } catch {
        Diagnostics.print("prensa train: \(error)")
        throw ExitCode(65)
      }
    }

    static func classScores(_ heldOut: [ModelTrainer.HeldOut]) -> (ClassScores, ClassScores) {
      var category = ClassScores()
      var stance = ClassScores()
      for item in heldOut {
        if let gold = item.goldCategory {
          category.add(gold: gold, predicted: item.predictedCategory)
        }
        if let gold = item.goldStance { stance.add(gold: gold, predicted: item.predictedStance) }
      }
      return (category, stance)
    }

    static func scores(_ heldOut: [ModelTrainer.HeldOut]) -> JSONValue {
      let (category, stance) = classScores(heldOut)
      return .object(
        JSONObject([
          ("cooperation", ReportFormatter.classesJSON(category)),
          ("stance", ReportFormatter.classesJSON(stance)),
        ]))
    }

    static func table(_ heldOut: [ModelTrainer.HeldOut], title: String) -> String {
      let (category, stance) = classScores(heldOut)
      var report = Evaluator.Report()
      report.cooperation = category
      report.stance = stance
      return ReportFormatter.table(report, title: title)
    }
  }
}

/// Turns gold records into training articles: tokenize and tag the text as it is, take the gold
/// sentences as the segmentation, let the rules classify them, and extract the features.
struct TrainingPreparer {
  var tokenizer: Tokenizer
  var tagger: EntityTagger
  var rules: SentenceClassifier

  /// Labels must be single words: they are written space-separated in the model header.
  static func validLabel(_ label: String) -> Bool {
    !label.isEmpty
      && label.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || $0 == "_" || $0 == "-" || ("0"..."9").contains($0)
      }
  }

  func articles(_ path: String, known model: ClassifierModel? = nil) throws -> [TrainingArticle] {
    var result: [TrainingArticle] = []
    // One context for the file: each distinct word is analysed once.
    let context = StageContext()
    for (gold, line) in try Prensa.Evaluate.readNumberedRecords(path, command: "train") {
      let location = "\(path):\(line)"
      guard let goldSentences = gold.sentences, !goldSentences.isEmpty else {
        Diagnostics.print("prensa train: \(location): record '\(gold.id)' has no sentences")
        throw ExitCode(65)
      }
      var categories: [String?] = []
      var stances: [String?] = []
      for (n, sentence) in goldSentences.enumerated() {
        // Read raw, so that a category that is not a string is reported as such.
        let category = sentence.extra[Sentence.LabelKey.cooperation]?[Sentence.LabelKey.category]
        let stance = sentence.extra[Sentence.LabelKey.stance]?[Sentence.LabelKey.stanceLabel]
        for (field, value, labels) in [
          ("cooperation.category", category, model?.categoryLabels),
          ("stance.label", stance, model?.stanceLabels),
        ] {
          guard let value, value != .null else { continue }
          guard let label = value.stringValue, Self.validLabel(label) else {
            Diagnostics.print(
              "prensa train: \(location): sentence \(n + 1): \(field) must be a one-word string label"
            )
            throw ExitCode(65)
          }
          if let labels, !labels.contains(label) {
            Diagnostics.print(
              "prensa train: \(location): sentence \(n + 1): \(field) '\(label)' is not a label of the trained model (\(labels.joined(separator: ", ")))"
            )
            throw ExitCode(65)
          }
        }
        categories.append(category?.stringValue)
        stances.append(stance?.stringValue)
      }
      var document = Document(id: gold.id, text: gold.text)
      var decisions: [RuleDecision] = []
      do {
        try tokenizer.process(&document, in: context)
        try tagger.process(&document, in: context)
        document.sentences = goldSentences.map { Sentence(start: $0.start, end: $0.end) }
        decisions = try rules.decisions(&document, in: context)
      } catch {
        Diagnostics.print("prensa train: \(location): \(error)")
        throw ExitCode(65)
      }
      let features = SentenceFeatures(stemmer: rules.cues.stemmer).article(
        &document, rules: decisions)
      result.append(
        TrainingArticle(id: gold.id, features: features, categories: categories, stances: stances))
    }
    return result
  }
}
