import PrensaCore

/// A cue found in a sentence, as the output lists it.
public struct CueHit: Sendable, Equatable {
  public var start: Int
  public var end: Int
  public var cue: String
  public var label: String
  public var weight: Double
  public var negated: Bool

  var json: JSONValue {
    var object = JSONObject([
      ("start", .int(start)), ("end", .int(end)), ("cue", .string(cue)), ("label", .string(label)),
      ("weight", .double(weight)),
    ])
    if negated { object["negated"] = .bool(true) }
    return .object(object)
  }
}

/// What the rules decided for one sentence, typed: the classify stage writes it as the sentence's
/// `cooperation` and `stance` objects, and the learned layer reads it without going through JSON.
public struct RuleDecision: Sendable, Equatable {
  public struct Actors: Sendable, Equatable {
    public var source: String
    public var sourceCode: String?
    public var target: String
    public var targetCode: String?
  }

  public var category: Category
  public var also: [Category]
  public var quad: String
  public var score: Double
  public var actors: Actors?
  public var cues: [CueHit]
  public var stance: Stance
  public var stanceCues: [CueHit]
  public var holder: String?

  /// The sentence's `cooperation` object.
  public var cooperationJSON: JSONObject {
    var cooperation = JSONObject([
      (Sentence.LabelKey.category, .string(category.rawValue)),
      ("also", .array(also.map { .string($0.rawValue) })),
      ("quad", .string(quad)),
      ("score", .double(score)), ("cues", .array(cues.map(\.json))),
    ])
    if let actors {
      cooperation["actors"] = .object(
        JSONObject([
          ("source", .string(actors.source)),
          ("source_code", actors.sourceCode.map { .string($0) } ?? .null),
          ("target", .string(actors.target)),
          ("target_code", actors.targetCode.map { .string($0) } ?? .null),
        ]))
    }
    return cooperation
  }

  /// The sentence's `stance` object.
  public var stanceJSON: JSONObject {
    var stance = JSONObject([
      (Sentence.LabelKey.stanceLabel, .string(stance.rawValue)),
      ("cues", .array(stanceCues.map(\.json))),
    ])
    if let holder { stance[Sentence.LabelKey.holder] = .string(holder) }
    return stance
  }
}
