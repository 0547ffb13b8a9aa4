import PrensaCore

/// A multinomial logistic regression over sparse features: one weight per feature and label,
/// plus a bias per label.
public struct LinearModel: Sendable, Equatable {
  public var labels: [String]
  /// Row-major: `weights[feature * labels.count + label]`; the last row is the bias.
  public var weights: [Float]

  public init(labels: [String], featureCount: Int) {
    self.labels = labels
    weights = [Float](repeating: 0, count: (featureCount + 1) * labels.count)
  }

  init(labels: [String], weights: [Float]) {
    self.labels = labels
    self.weights = weights
  }

  var featureCount: Int { weights.count / max(1, labels.count) - 1 }

  /// The probability of each label for a sparse input.
  public func probabilities(_ x: [SparseFeature]) -> [Float] {
    let k = labels.count
    var scores = Array(weights[(featureCount * k)..<((featureCount + 1) * k)])
    for feature in x {
      let row = Int(feature.index) * k
      for j in 0..<k { scores[j] += weights[row + j] * feature.value }
    }
    return Self.softmax(scores)
  }

  static func softmax(_ scores: [Float]) -> [Float] {
    let top = scores.max() ?? 0
    var exps = scores.map { expf($0 - top) }
    let sum = exps.reduce(0, +)
    for j in exps.indices { exps[j] /= sum }
    return exps
  }

  /// The features that pushed `label` most, with their contributions (weight times value),
  /// largest first.
  public func strongest(_ x: [SparseFeature], label: Int, count: Int) -> [(index: Int32, contribution: Float)] {
    let k = labels.count
    let contributions = x.map { ($0.index, weights[Int($0.index) * k + label] * $0.value) }
      .filter { $0.1 > 0 }
    return Array(contributions.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(count))
  }
}

/// One feature of an input: its number in the model's vocabulary and its value.
public struct SparseFeature: Sendable, Equatable {
  public var index: Int32
  public var value: Float
  public init(index: Int32, value: Float) {
    self.index = index
    self.value = value
  }
}

@inline(__always) func expf(_ x: Float) -> Float { Float(exp(Double(x))) }

#if canImport(Glibc)
  import Glibc
#endif

/// The learned layer of `classify`: a vocabulary of feature names and, for the category and the
/// stance, a first-stage model on the sentence and its article as the rules see them, and a
/// second-stage model that also sees the first stage's probabilities for the rest of the article
/// (docs/classifier.md).
public struct ClassifierModel: Sendable, Equatable {
  public static let formatVersion = 1
  static let magic = "prensa-classifier-model"

  public var features: [String]
  public var category: (first: LinearModel, second: LinearModel)
  public var stance: (first: LinearModel, second: LinearModel)
  /// Free-form lines about how the model was made (data, options), kept in the file's header.
  public var info: [String]
  /// Feature name → number.
  public let index: [String: Int32]

  public init(features: [String], category: (LinearModel, LinearModel), stance: (LinearModel, LinearModel), info: [String]) {
    self.features = features
    self.category = category
    self.stance = stance
    self.info = info
    var index: [String: Int32] = [:]
    index.reserveCapacity(features.count)
    for (i, name) in features.enumerated() { index[name] = Int32(i) }
    self.index = index
  }

  public static func == (a: ClassifierModel, b: ClassifierModel) -> Bool {
    a.features == b.features && a.category == b.category && a.stance == b.stance && a.info == b.info
  }

  /// The names of the context features the second stage adds for a category label.
  public static func contextNames(_ label: String) -> [String] {
    ["ctx:" + label, "head:" + label, "prev:" + label, "next:" + label]
  }

  /// Maps named features to the vocabulary, dropping unknown names and merging repeats (a
  /// repeated name keeps its largest value), sorted by number.
  public func sparse(_ named: [SentenceFeatures.Feature]) -> [SparseFeature] {
    Self.sparse(named) { index[$0] }
  }

  static func sparse(_ named: [SentenceFeatures.Feature], lookup: (String) -> Int32?) -> [SparseFeature] {
    var result: [SparseFeature] = []
    result.reserveCapacity(named.count)
    for feature in named {
      if let i = lookup(feature.name) { result.append(SparseFeature(index: i, value: feature.value)) }
    }
    result.sort { ($0.index, $0.value) < ($1.index, $1.value) }
    var merged: [SparseFeature] = []
    merged.reserveCapacity(result.count)
    for feature in result {
      if let last = merged.last, last.index == feature.index {
        merged[merged.count - 1].value = max(last.value, feature.value)
      } else {
        merged.append(feature)
      }
    }
    return merged
  }

  /// The context features of sentence `i`, given every sentence's first-stage category
  /// probabilities: the mean over the other sentences, the headline's, the neighbours'.
  public static func context(_ probabilities: [[Float]], at i: Int, labels: [String], lookup: (String) -> Int32?) -> [SparseFeature] {
    var named: [SentenceFeatures.Feature] = []
    let n = probabilities.count
    for (j, label) in labels.enumerated() {
      let names = contextNames(label)
      if n > 1 {
        var sum: Float = 0
        for k in 0..<n where k != i { sum += probabilities[k][j] }
        named.append((names[0], sum / Float(n - 1)))
      }
      if i > 0 {
        named.append((names[1], probabilities[0][j]))
        named.append((names[2], probabilities[i - 1][j]))
      }
      if i + 1 < n { named.append((names[3], probabilities[i + 1][j])) }
    }
    return sparse(named, lookup: lookup)
  }

  /// One sentence's decision: the label, its probability, and the input the second stage saw
  /// (for the explanation).
  public struct Decision: Sendable {
    public var label: Int
    public var probabilities: [Float]
    public var input: [SparseFeature]
  }

  /// Decides category and stance for every sentence of an article, from its named features.
  public func decide(_ article: [[SentenceFeatures.Feature]]) -> (category: [Decision], stance: [Decision]) {
    let inputs = article.map(sparse)
    let firstCategory = inputs.map { category.first.probabilities($0) }
    var categories: [Decision] = []
    var stances: [Decision] = []
    for (i, input) in inputs.enumerated() {
      let full = Self.merge(input, Self.context(firstCategory, at: i, labels: category.first.labels) { index[$0] })
      let p = category.second.probabilities(full)
      categories.append(Decision(label: Self.argmax(p), probabilities: p, input: full))
      let q = stance.second.probabilities(full)
      stances.append(Decision(label: Self.argmax(q), probabilities: q, input: full))
    }
    return (categories, stances)
  }

  static func merge(_ a: [SparseFeature], _ b: [SparseFeature]) -> [SparseFeature] {
    (a + b).sorted { $0.index < $1.index }
  }

  static func argmax(_ p: [Float]) -> Int {
    var best = 0
    for j in p.indices where p[j] > p[best] { best = j }
    return best
  }
}
