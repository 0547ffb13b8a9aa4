import PrensaCore

/// A sentence's `cooperation` and `stance` objects as classify writes them (docs/record-format.md),
/// serialized straight to JSON text with their members in the writer's sorted order: the same
/// bytes as the objects built member by member and written by `JSONWriter`, without the dozens of
/// small allocations a sentence's objects took and the writer's sort of their keys.
///
/// The rules' decision is not kept here but passed to the writing methods: a copy of it retained
/// and released its arrays and strings at every sentence.
struct SentenceLabels {
  /// The learned layer's own choice, for the `model` member.
  struct ModelChoice {
    var label: String
    var probability: Double
    /// The features that pushed the choice most, by number in `names` (the model's feature
    /// names: read when written, not copied), and their contributions, written rounded to three
    /// decimals as the probability is.
    var features: [(index: Int32, contribution: Float)]
    var names: [String]
  }

  /// What the learned layer says when it replaces the rules' category: its own `also`, `quad`,
  /// `score` and actors (nil: the rules').
  struct Replaced {
    var also: [Category]
    var quad: String
    var score: Double
    var actors: RuleDecision.Actors?
  }

  var category: Category
  var replaced: Replaced?
  var stance: Stance
  /// Whether the category was read from the article (written with a model only).
  var fromContext = false
  var categoryModel: ModelChoice?
  var stanceModel: ModelChoice?

  /// The rules' labels, as the rules alone write them; the learned layer then changes what it
  /// decides.
  init(rule: borrowing RuleDecision, category: Category? = nil) {
    self.category = category ?? rule.category
    stance = rule.stance
  }

  /// `cooperation`: `actors`, `also`, `category`, `cues`, then with a model `decided_by`,
  /// `from_context` and `model`, then `quad`, `rules` (with a model) and `score`.
  func cooperation(_ writer: inout JSONWriter, rule: borrowing RuleDecision) -> JSONValue {
    writer.removeAll()
    writer.raw("{")
    if let actors = replaced.map(\.actors) ?? rule.actors {
      writer.raw("\"actors\":{\"source\":")
      writer.string(actors.source)
      writer.raw(",\"source_code\":")
      Self.optional(actors.sourceCode, &writer)
      writer.raw(",\"target\":")
      writer.string(actors.target)
      writer.raw(",\"target_code\":")
      Self.optional(actors.targetCode, &writer)
      writer.raw("},")
    }
    writer.raw("\"also\":[")
    Self.labels(replaced?.also ?? rule.also, &writer)
    writer.raw("],\"category\":")
    writer.string(category.rawValue)
    writer.raw(",\"cues\":")
    Self.cues(rule.cues, &writer)
    if let categoryModel {
      writer.raw(",\"decided_by\":")
      writer.raw(category == rule.category ? "\"rules\"" : "\"model\"")
      writer.raw(",\"from_context\":")
      writer.bool(fromContext)
      writer.raw(",\"model\":")
      Self.model(categoryModel, &writer)
    }
    writer.raw(",\"quad\":")
    writer.string(replaced?.quad ?? rule.quad)
    if categoryModel != nil {
      writer.raw(",\"rules\":")
      writer.string(rule.category.rawValue)
    }
    writer.raw(",\"score\":")
    writer.double(replaced?.score ?? rule.score)
    writer.raw("}")
    return .serialized(String(decoding: writer.bytes, as: UTF8.self))
  }

  private static func labels(_ labels: [Category], _ writer: inout JSONWriter) {
    for (i, label) in labels.enumerated() {
      if i > 0 { writer.raw(UInt8(ascii: ",")) }
      writer.string(label.rawValue)
    }
  }

  /// `stance`: `cues`, then with a model `decided_by`, then `holder` when there is one, `label`,
  /// then with a model `model` and `rules`.
  func stanceJSON(_ writer: inout JSONWriter, rule: borrowing RuleDecision) -> JSONValue {
    writer.removeAll()
    writer.raw("{\"cues\":")
    Self.cues(rule.stanceCues, &writer)
    if stanceModel != nil {
      writer.raw(",\"decided_by\":")
      writer.raw(stance == rule.stance ? "\"rules\"" : "\"model\"")
    }
    if let holder = rule.holder {
      writer.raw(",\"holder\":")
      writer.string(holder)
    }
    writer.raw(",\"label\":")
    writer.string(stance.rawValue)
    if let stanceModel {
      writer.raw(",\"model\":")
      Self.model(stanceModel, &writer)
      writer.raw(",\"rules\":")
      writer.string(rule.stance.rawValue)
    }
    writer.raw("}")
    return .serialized(String(decoding: writer.bytes, as: UTF8.self))
  }

  private static func optional(_ text: String?, _ writer: inout JSONWriter) {
    if let text { writer.string(text) } else { writer.raw("null") }
  }

  /// Cues as `{"cue", "end", "label", "negated" (when negated), "start", "weight"}`.
  private static func cues(_ cues: [CueHit], _ writer: inout JSONWriter) {
    writer.raw("[")
    for (i, cue) in cues.enumerated() {
      if i > 0 { writer.raw(UInt8(ascii: ",")) }
      writer.raw("{\"cue\":")
      writer.string(cue.cue)
      writer.raw(",\"end\":")
      writer.int(cue.end)
      writer.raw(",\"label\":")
      writer.string(cue.label)
      if cue.negated { writer.raw(",\"negated\":true") }
      writer.raw(",\"start\":")
      writer.int(cue.start)
      writer.raw(",\"weight\":")
      writer.double(cue.weight)
      writer.raw("}")
    }
    writer.raw("]")
  }

  /// `{"features": [{"feature", "weight"}], "label", "probability"}`.
  private static func model(_ choice: ModelChoice, _ writer: inout JSONWriter) {
    writer.raw("{\"features\":[")
    for (i, feature) in choice.features.enumerated() {
      if i > 0 { writer.raw(UInt8(ascii: ",")) }
      writer.raw("{\"feature\":")
      writer.string(choice.names[Int(feature.index)])
      writer.raw(",\"weight\":")
      writer.double(LearnedClassifier.rounded(feature.contribution))
      writer.raw("}")
    }
    writer.raw("],\"label\":")
    writer.string(choice.label)
    writer.raw(",\"probability\":")
    writer.double(choice.probability)
    writer.raw("}")
  }
}
