import CMemory
import PrensaCore

/// The classify stage with its learned layer: the rules run first (their cues, holder and
/// actors stay in the output), then the model decides category and stance from the sentence,
/// the rules' findings and the article (docs/classifier.md). Without a model it is the rules alone.
public struct LearnedClassifier: Stage {
  public let name = "classify"
  public var rules: SentenceClassifier
  public var model: ClassifierModel?
  /// How many features each explanation lists.
  public var explanationSize = 4
  /// Add to each sentence an `explain` object: the rules' cue weight per category, negated cues,
  /// and (with a model) every label's probability and the twelve strongest features.
  public var explain = false

  public init(rules: SentenceClassifier, model: ClassifierModel?) {
    self.rules = rules
    self.model = model
  }

  /// Where the shipped model lives under the data folder.
  public static let shippedModel = "es/models/classify.model"

  public func process(_ document: inout Document, in context: StageContext) throws(StageError) {
    guard let model else {
      guard explain else { return try rules.process(&document, in: context) }
      let decisions = try rules.decisions(&document, in: context)
      guard var sentences = document.sentences else { return }
      var writer = JSONWriter(capacity: 4096)
      for (i, rule) in decisions.enumerated() {
        let labels = SentenceLabels(rule: rule)
        sentences[i].extra[Sentence.LabelKey.cooperation] = labels.cooperation(&writer, rule: rule)
        sentences[i].extra[Sentence.LabelKey.stance] = labels.stanceJSON(&writer, rule: rule)
        sentences[i].extra["explain"] = explanation(rule, category: nil, stance: nil)
      }
      document.sentences = sentences
      return
    }
    let (decisions, sparse) = try model.sparseArticle(
      &document, rules: rules, features: SentenceFeatures(stemmer: rules.cues.stemmer),
      in: context)
    var inputs = sparse
    guard var sentences = document.sentences, !sentences.isEmpty else { return }
    let first = model.firstStage(article: inputs)
    let categoryLabels = model.categoryLabels
    // The features each decision lists: the labels' few, and `--explain`'s twelve.
    let strongest = explain ? max(explanationSize, Self.explainedFeatures) : explanationSize
    var writer = JSONWriter(capacity: 4096)
    for i in sentences.indices {
      // One sentence's second-stage input at a time; its own input is let go once decided (a
      // record of a whole book has hundreds of thousands of sentences).
      let (decision, stanceDecision) = model.decide(
        inputs[i], at: i, in: first, strongest: strongest)
      inputs[i] = []
      let ruleCategory = decisions[i].category
      let category = ClassifierModel.combinedCategory(
        model: Category(categoryLabels[decision.label]), probability: decision.probability,
        rules: ruleCategory)
      let hasOwnCue = decisions[i].cues.contains {
        $0.label == category.rawValue && !$0.negated
      }
      var labels = SentenceLabels(rule: decisions[i], category: category)
      if category != ruleCategory {
        var also = decisions[i].also
        also.append(ruleCategory)
        for (j, label) in categoryLabels.enumerated()
        where decision.probabilities[j] >= Self.alsoProbability {
          also.append(Category(label))
        }
        var seen: Set<Category> = [category, .noInteraction]
        let (quad, score) = Self.quadAndScore(category)
        labels.replaced = SentenceLabels.Replaced(
          also: also.filter { seen.insert($0).inserted }, quad: quad, score: score,
          actors: category == .noInteraction ? nil : decisions[i].actors)
      }
      // A category with no cue of its own in the sentence was read from the article.
      labels.fromContext = category != .noInteraction && !hasOwnCue
      labels.stance = ClassifierModel.combinedStance(
        model: Stance(model.stanceLabels[stanceDecision.label]),
        probability: stanceDecision.probability, rules: decisions[i].stance)
      (labels.categoryModel, labels.stanceModel) = explanations(
        decision, stanceDecision, model: model)
      // Kept as their JSON text, written once here: as objects a sentence's labels took about 2
      // KB and dozens of allocations, built here and taken apart again by the writer.
      sentences[i].extra[Sentence.LabelKey.cooperation] = labels.cooperation(
        &writer, rule: decisions[i])
      sentences[i].extra[Sentence.LabelKey.stance] = labels.stanceJSON(
        &writer, rule: decisions[i])
      if explain {
        var explained = explanation(
          decisions[i], category: (decision, .categorySecond), stance: (stanceDecision, .stance)
        )
        // A category with no cue of its own was read from the article (the context features).
        if case .object(var object) = explained {
          object["category_from_article"] = .bool(labels.fromContext)
          explained = .object(object)
        }
        sentences[i].extra["explain"] = explained
      }
    }
    document.sentences = sentences
  }

  /// How many features `--explain` lists for each decision.
  static let explainedFeatures = 12

  /// Categories other than the decision with at least this probability go to `also`.
  static let alsoProbability: Float = 0.3

  /// The quad and score of a category the model chose over the rules' (a statement-level act:
  /// the rules' materiality is known only for their own category).
  static func quadAndScore(_ category: Category) -> (String, Double) {
    switch category {
    case .noInteraction: return ("none", 0)
    case .conflict: return ("verbal_conflict", -3)
    default:
      guard let scores = SentenceClassifier.cooperationScore[category] else { return ("none", 0) }
      return ("verbal_cooperation", scores[1])
    }
  }

  /// The model's own category and stance, how sure it is of each, and the features that pushed
  /// each most (`decide` found both lists in one pass over their input).
  func explanations(
    _ category: ClassifierModel.Decision, _ stance: ClassifierModel.Decision,
    model: ClassifierModel
  ) -> (SentenceLabels.ModelChoice, SentenceLabels.ModelChoice) {
    // `decide` may have listed more (for `--explain`): the strongest come first.
    func first(_ features: [(index: Int32, contribution: Float)]) -> [(
      index: Int32, contribution: Float
    )] {
      features.count <= explanationSize ? features : Array(features.prefix(explanationSize))
    }
    let (categoryFeatures, stanceFeatures) = (first(category.strongest), first(stance.strongest))
    // Their names are written next, from a table of a hundred thousand: asked for together, their
    // reads overlap instead of waiting on memory one after another.
    model.features.withUnsafeBufferPointer { names in
      guard let base = names.baseAddress else { return }
      for feature in categoryFeatures { prensa_prefetch(base + Int(feature.index)) }
      for feature in stanceFeatures { prensa_prefetch(base + Int(feature.index)) }
    }
    func choice(
      _ decision: ClassifierModel.Decision, _ part: FusedWeights.Part,
      _ features: [(index: Int32, contribution: Float)]
    ) -> SentenceLabels.ModelChoice {
      SentenceLabels.ModelChoice(
        label: model.labels(part)[decision.label],
        probability: Self.rounded(decision.probabilities[decision.label]),
        features: features,
        names: model.features)
    }
    return (
      choice(category, .categorySecond, categoryFeatures), choice(stance, .stance, stanceFeatures)
    )
  }

  /// `--explain`: what the rules weighed (cue weight per category, negated cues, stance cues)
  /// and, with a model, every label's probability and the twelve features that pushed the
  /// model's choice most.
  func explanation(
    _ rule: RuleDecision, category: (ClassifierModel.Decision, FusedWeights.Part)?,
    stance: (ClassifierModel.Decision, FusedWeights.Part)?
  ) -> JSONValue {
    var weights: [String: Double] = [:]
    for cue in rule.cues where !cue.negated { weights[cue.label, default: 0] += cue.weight }
    var object = JSONObject([
      (
        "rule_weights",
        .object(
          JSONObject(
            weights.sorted { $0.key < $1.key }.map {
              ($0.key, .double(($0.value * 1000).rounded() / 1000))
            }))
      ),
      ("negated_cues", .array(rule.cues.filter(\.negated).map { .string($0.cue) })),
      ("stance_cues", .array(rule.stanceCues.map { .string($0.cue + " (" + $0.label + ")") })),
    ])
    guard let model else { return .object(object) }
    for (name, part) in [("category", category), ("stance", stance)] {
      guard let (decision, part) = part else { continue }
      let probabilities = JSONObject(
        model.labels(part).enumerated().map {
          ($0.element, .double(Self.rounded(decision.probabilities[$0.offset])))
        })
      let strongest = decision.strongest.prefix(Self.explainedFeatures).map {
        JSONValue.object(
          JSONObject([
            ("feature", .string(model.features[Int($0.index)])),
            ("weight", .double(Self.rounded($0.contribution))),
          ]))
      }
      object[name] = .object(
        JSONObject([("probabilities", .object(probabilities)), ("features", .array(strongest))]))
    }
    return .object(object)
  }

  static func rounded(_ x: Float) -> Double { (Double(x) * 1000).rounded() / 1000 }
}
