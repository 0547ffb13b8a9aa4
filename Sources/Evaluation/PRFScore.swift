/// Counts of true positives, false positives and false negatives, with the scores they give.
///
/// Precision, recall and F1 are each defined as 0 when their denominator is 0 (no epsilon).
public struct PRFScore: Equatable, Sendable {
  public var tp = 0
  public var fp = 0
  public var fn = 0

  public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
    self.tp = tp
    self.fp = fp
    self.fn = fn
  }

  public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
  public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
  public var f1: Double { 2 * tp + fp + fn == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn) }

  public static func + (lhs: PRFScore, rhs: PRFScore) -> PRFScore {
    PRFScore(tp: lhs.tp + rhs.tp, fp: lhs.fp + rhs.fp, fn: lhs.fn + rhs.fn)
  }

  public static func += (lhs: inout PRFScore, rhs: PRFScore) { lhs = lhs + rhs }
}

/// Rounds to 4 decimals, so reports and goldens are stable.
func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
