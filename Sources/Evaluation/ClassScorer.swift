/// Scores for one categorical field of sentences (cooperation category, stance): accuracy,
/// per-class precision, recall and F1, macro-F1 over the classes present in gold or predictions,
/// and the confusion matrix.
public struct ClassScores: Equatable, Sendable {
  /// confusion[gold][predicted] = count.
  public var confusion: [String: [String: Int]] = [:]

  public init() {}

  public mutating func add(gold: String, predicted: String) {
    confusion[gold, default: [:]][predicted, default: 0] += 1
  }

  public var total: Int { confusion.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
  public var correct: Int { confusion.reduce(0) { $0 + ($1.value[$1.key] ?? 0) } }
  public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

  /// Every class seen in gold or predictions, sorted.
  public var classes: [String] {
    Set(confusion.keys).union(confusion.values.flatMap(\.keys)).sorted()
  }

  public func score(of label: String) -> PRFScore {
    let tp = confusion[label]?[label] ?? 0
    let goldCount = confusion[label]?.values.reduce(0, +) ?? 0
    let predictedCount = confusion.values.reduce(0) { $0 + ($1[label] ?? 0) }
    return PRFScore(tp: tp, fp: predictedCount - tp, fn: goldCount - tp)
  }

  /// The mean of per-class F1 over `classes` (0 when there are none).
  public var macroF1: Double {
    let labels = classes
    return labels.isEmpty ? 0 : labels.map { score(of: $0).f1 }.reduce(0, +) / Double(labels.count)
  }

  public static func + (lhs: ClassScores, rhs: ClassScores) -> ClassScores {
    var sum = lhs
    for (gold, row) in rhs.confusion {
      for (predicted, count) in row {
        sum.confusion[gold, default: [:]][predicted, default: 0] += count
      }
    }
    return sum
  }
}
