import PrensaCore

/// Maps or drops entity labels before scoring: `GPE=LOC,NORP=-` (CoNLL-2002 comparisons).
public struct LabelMap: Sendable, Equatable {
  public var mapping: [String: String?]

  public init(_ mapping: [String: String?] = [:]) { self.mapping = mapping }

  /// Parses `A=B,C=-`.
  ///
  /// - Throws: `PipelineError.invalidConfiguration` for a malformed pair.
  public init(parsing text: String) throws(PipelineError) {
    var mapping: [String: String?] = [:]
    for pair in text.split(separator: ",") where !pair.isEmpty {
      let sides = pair.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
      guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
        throw .invalidConfiguration("--map: '\(pair)' is not LABEL=LABEL or LABEL=-")
      }
      mapping[sides[0]] = sides[1] == "-" ? .some(nil) : .some(sides[1])
    }
    self.mapping = mapping
  }

  /// The label after mapping, or nil when dropped.
  public func callAsFunction(_ label: String) -> String? {
    if let mapped = mapping[label] { return mapped }
    return label
  }
}

/// Entity scores: strict (same span and label), partial (overlapping span, same label; each
/// entity matched at most once) and unlabelled (same span), micro-averaged and per label.
public struct SpanScores: Equatable, Sendable {
  public var strict = PRFScore()
  public var partial = PRFScore()
  public var unlabelled = PRFScore()
  public var perLabel: [String: PRFScore] = [:]

  public init() {}

  public static func + (lhs: SpanScores, rhs: SpanScores) -> SpanScores {
    var sum = SpanScores()
    sum.strict = lhs.strict + rhs.strict
    sum.partial = lhs.partial + rhs.partial
    sum.unlabelled = lhs.unlabelled + rhs.unlabelled
    sum.perLabel = lhs.perLabel.merging(rhs.perLabel, uniquingKeysWith: +)
    return sum
  }
}

/// A labelled span for scoring.
public struct ScoredSpan: Hashable, Sendable {
  public var start: Int
  public var end: Int
  public var label: String

  public init(start: Int, end: Int, label: String) {
    self.start = start
    self.end = end
    self.label = label
  }
}

public enum SpanScorer {
  /// Scores predicted spans against gold spans of one document.
  ///
  /// - Complexity: O((*g* + *p*) log(*g* + *p*)) for strict and unlabelled; O(*g*·*p*) worst
  ///   case for partial, linear in practice (spans are sorted).
  public static func score(gold: [ScoredSpan], predicted: [ScoredSpan]) -> SpanScores {
    var scores = SpanScores()
    let goldSet = Set(gold)
    let predictedSet = Set(predicted)
    for span in predictedSet {
      if goldSet.contains(span) {
        scores.strict.tp += 1
        scores.perLabel[span.label, default: PRFScore()].tp += 1
      } else {
        scores.strict.fp += 1
        scores.perLabel[span.label, default: PRFScore()].fp += 1
      }
    }
    for span in goldSet where !predictedSet.contains(span) {
      scores.strict.fn += 1
      scores.perLabel[span.label, default: PRFScore()].fn += 1
    }
    let goldUnlabelled = Set(goldSet.map { Span(start: $0.start, end: $0.end) })
    let predictedUnlabelled = Set(predictedSet.map { Span(start: $0.start, end: $0.end) })
    let common = goldUnlabelled.intersection(predictedUnlabelled).count
    scores.unlabelled = PRFScore(
      tp: common, fp: predictedUnlabelled.count - common, fn: goldUnlabelled.count - common)
    // Partial: greedy one-to-one matching of overlapping spans with the same label.
    let sortedGold = goldSet.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    var used = [Bool](repeating: false, count: sortedGold.count)
    var matched = 0
    for span in predictedSet.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
      for (k, candidate) in sortedGold.enumerated()
      where !used[k] && candidate.label == span.label
        && candidate.start < span.end && span.start < candidate.end
      {
        used[k] = true
        matched += 1
        break
      }
    }
    scores.partial = PRFScore(
      tp: matched, fp: predictedSet.count - matched, fn: sortedGold.count - matched)
    return scores
  }
}
