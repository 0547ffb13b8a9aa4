import PrensaCore

/// A cue found in a sentence, as the output lists it.
public struct CueHit: Sendable, Equatable {
  public var start: Int
  public var end: Int
  public var cue: String
  public var label: String
  public var weight: Double
  public var negated: Bool
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
}
