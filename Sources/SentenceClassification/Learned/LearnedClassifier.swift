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
  /// Above this many sentences, each sentence's labels are kept as their JSON text
  /// (`JSONValue.serialized`) as soon as they are decided: as objects they take about 2 KB a
  /// sentence (a quarter of a 10 MB record's peak memory), as text about a third of that. Written
  /// out byte for byte the same; a news article has far fewer sentences.
  public var compactAbove = 1000

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
      for (i, rule) in decisions.enumerated() {
        sentences[i].extra[Sentence.LabelKey.cooperation] = .object(rule.cooperationJSON)
        sentences[i].extra[Sentence.LabelKey.stance] = .object(rule.stanceJSON)
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
    let categoryLabels = model.category.second.labels
    let compact = sentences.count > compactAbove
    func kept(_ value: JSONValue) -> JSONValue { compact ? .serializing(value) : value }
    for i in sentences.indices {
      // One sentence's second-stage input at a time; its own input is let go once decided (a
      // record of a whole book has hundreds of thousands of sentences).
      let (decision, stanceDecision) = model.decide(inputs[i], at: i, in: first)
      inputs[i] = []
      let rule = decisions[i]
      var cooperation = rule.cooperationJSON
      let category = ClassifierModel.combinedCategory(
        model: Category(categoryLabels[decision.label]), probability: decision.probability,
        rules: rule.category)
      let ownCues = rule.cues.filter { $0.label == category.rawValue && !$0.negated }
      if category != rule.category {
        var also = rule.also
        also.append(rule.category)
        for (j, label) in categoryLabels.enumerated()
        where decision.probabilities[j] >= Self.alsoProbability {
          also.append(Category(label))
        }
        var seen: Set<Category> = [category, .noInteraction]
        also = also.filter { seen.insert($0).inserted }
        cooperation[Sentence.LabelKey.category] = .string(category.rawValue)
        cooperation["also"] = .array(also.map { .string($0.rawValue) })
        let (quad, score) = Self.quadAndScore(category)
        cooperation["quad"] = .string(quad)
        cooperation["score"] = .double(score)
        if category == .noInteraction { cooperation["actors"] = nil }
      }
      cooperation["rules"] = .string(rule.category.rawValue)
      cooperation["decided_by"] = .string(category == rule.category ? "rules" : "model")
      // A category with no cue of its own in the sentence was read from the article.
      cooperation["from_context"] = .bool(category != .noInteraction && ownCues.isEmpty)
      cooperation["model"] = explanation(decision, model.category.second, model: model)
      sentences[i].extra[Sentence.LabelKey.cooperation] = kept(.object(cooperation))

      var stance = rule.stanceJSON
      stance["rules"] = .string(rule.stance.rawValue)
      let finalStance = ClassifierModel.combinedStance(
        model: Stance(model.stance.labels[stanceDecision.label]),
        probability: stanceDecision.probability, rules: rule.stance)
      stance[Sentence.LabelKey.stanceLabel] = .string(finalStance.rawValue)
      stance["decided_by"] = .string(finalStance == rule.stance ? "rules" : "model")
      stance["model"] = explanation(stanceDecision, model.stance, model: model)
      sentences[i].extra[Sentence.LabelKey.stance] = kept(.object(stance))
      if explain {
        var explained = explanation(
          rule, category: (decision, model.category.second), stance: (stanceDecision, model.stance)
        )
        // A category with no cue of its own was read from the article (the context features).
        if case .object(var object) = explained {
          object["category_from_article"] = .bool(category != .noInteraction && ownCues.isEmpty)
          explained = .object(object)
        }
        sentences[i].extra["explain"] = kept(explained)
      }
    }
    document.sentences = sentences
  }

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

  /// `{"label", "probability", "features": [{"feature", "weight"}]}`: the model's own decision,
  /// how sure it is, and the features that pushed it most.
  func explanation(
    _ decision: ClassifierModel.Decision, _ linear: LinearModel, model: ClassifierModel
  ) -> JSONValue {
    let strongest = linear.strongest(decision.input, label: decision.label, count: explanationSize)
    return .object(
      JSONObject([
        ("label", .string(linear.labels[decision.label])),
        ("probability", .double(Self.rounded(decision.probabilities[decision.label]))),
        (
          "features",
          .array(
            strongest.map {
              .object(
                JSONObject([
                  ("feature", .string(model.features[Int($0.index)])),
                  ("weight", .double(Self.rounded($0.contribution))),
                ]))
            })
        ),
      ]))
  }

  /// `--explain`: what the rules weighed (cue weight per category, negated cues, stance cues)
  /// and, with a model, every label's probability and the twelve features that pushed the
  /// model's choice most.
  func explanation(
    _ rule: RuleDecision, category: (ClassifierModel.Decision, LinearModel)?,
    stance: (ClassifierModel.Decision, LinearModel)?
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
      guard let (decision, linear) = part else { continue }
      let probabilities = JSONObject(
        linear.labels.enumerated().map {
          ($0.element, .double(Self.rounded(decision.probabilities[$0.offset])))
        })
      let strongest = linear.strongest(decision.input, label: decision.label, count: 12).map {
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
