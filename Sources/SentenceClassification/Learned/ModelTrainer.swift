import PrensaCore

#if canImport(Glibc)
  import Glibc
#endif

/// One article prepared for training: every sentence's named features (sentences without a gold
/// label still give context), and the gold labels where the annotators gave them.
public struct TrainingArticle: Sendable {
  public var id: String
  public var features: [[SentenceFeatures.Feature]]
  public var categories: [String?]
  public var stances: [String?]

  public init(
    id: String, features: [[SentenceFeatures.Feature]], categories: [String?], stances: [String?]
  ) {
    self.id = id
    self.features = features
    self.categories = categories
    self.stances = stances
  }
}

/// Trains `ClassifierModel`s: multinomial logistic regression fitted by AdaGrad with L2, two
/// stages (the second sees the first stages' out-of-fold category and stance probabilities for
/// the rest of the article). Deterministic: the same articles, options and seed give the same model, bit for bit.
public struct ModelTrainer: Sendable {
  public struct Options: Sendable, Equatable {
    public var epochs = 12
    public var learningRate = 0.2
    public var l2 = 1e-5
    /// Features seen in fewer sentences than this are left out of the vocabulary.
    public var minCount = 2
    /// Class weights are (n / (k · n_c)) raised to this power: 0 none, 1 fully balanced.
    public var balance = 0.5
    /// The same for the stance model (nil: `balance`).
    public var stanceBalance: Double?
    /// Folds used to make the first stage's out-of-fold probabilities for the second.
    public var innerFolds = 5
    public var seed: UInt64 = 1
    /// Models trained with seeds `seed`, `seed + 1`, … and averaged weight by weight. One model's
    /// figures move with the order it saw the examples in (real-news dev split, seeds 1 to 3:
    /// stance macro-F1 55.4, 57.4, 57.9; cooperation 66.1, 66.3, 65.1); the average of five is
    /// steadier and better (seeds 1–5 and 6–10: cooperation 68.4 and 68.0, stance 57.6 and 58.1).
    public var runs = 5
    public init() {}
  }

  public var options: Options
  public init(options: Options = Options()) { self.options = options }

  /// A failure to train, with the reason.
  public struct TrainingError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// The model trained on `articles`: the weight-by-weight average of `options.runs` models
  /// trained with successive seeds (the vocabulary does not depend on the seed).
  public func train(_ articles: [TrainingArticle], info: [String] = []) throws(TrainingError)
    -> ClassifierModel
  {
    let prepared = try prepare(articles)
    var models: [ClassifierModel] = []
    for run in 0..<max(1, options.runs) {
      var options = self.options
      options.seed = self.options.seed &+ UInt64(run)
      models.append(ModelTrainer(options: options).trainOnce(articles, prepared, info: info))
    }
    guard models.count > 1, let first = models.first else { return models[0] }
    // Each run's stage is made from its fused rows once (a copy of its weights).
    func mean(_ part: FusedWeights.Part) -> LinearModel {
      let base = first.linear(part)
      var weights = [Float](repeating: 0, count: base.weights.count)
      for model in models {
        let w = model === first ? base.weights : model.linear(part).weights
        for i in weights.indices { weights[i] += w[i] }
      }
      let n = Float(models.count)
      for i in weights.indices { weights[i] /= n }
      return LinearModel(labels: base.labels, weights: weights)
    }
    return ClassifierModel(
      features: first.features, category: (mean(.categoryFirst), mean(.categorySecond)),
      stanceFirst: mean(.stanceFirst), stance: mean(.stance), info: info)
  }

  /// What every run shares: the label sets, the vocabulary and each sentence's input as numbers.
  struct Prepared {
    var categoryLabels: [String]
    var stanceLabels: [String]
    var names: [String]
    var inputs: [[[SparseFeature]]]
    var contextIndices: [[Int32?]]
  }

  func prepare(_ articles: [TrainingArticle]) throws(TrainingError) -> Prepared {
    let categoryLabels = Self.labels(articles.flatMap(\.categories))
    let stanceLabels = Self.labels(articles.flatMap(\.stances))
    guard !categoryLabels.isEmpty, !stanceLabels.isEmpty else {
      throw TrainingError(
        "no labelled sentences to train on (sentences need cooperation.category and stance.label)")
    }
    // The vocabulary: features of at least minCount sentences, plus every context feature, by name.
    var counts: [String: Int] = [:]
    for article in articles {
      for sentence in article.features {
        for name in Set(sentence.map(\.name)) { counts[name, default: 0] += 1 }
      }
    }
    var names = counts.filter { $0.value >= options.minCount }.map(\.key)
    names += ClassifierModel.contextNames(category: categoryLabels, stance: stanceLabels)
    names = Array(Set(names)).sorted()
    var index: [String: Int32] = [:]
    for (i, name) in names.enumerated() { index[name] = Int32(i) }
    let inputs = articles.map { $0.features.map { ClassifierModel.sparse($0) { index[$0] } } }
    let contextIndices = ClassifierModel.contextIndices(
      category: categoryLabels, stance: stanceLabels
    ) { index[$0] }
    return Prepared(
      categoryLabels: categoryLabels, stanceLabels: stanceLabels, names: names, inputs: inputs,
      contextIndices: contextIndices)
  }

  /// One model, trained with `options.seed`.
  func trainOnce(_ articles: [TrainingArticle], _ prepared: Prepared, info: [String])
    -> ClassifierModel
  {
    let (categoryLabels, stanceLabels) = (prepared.categoryLabels, prepared.stanceLabels)
    let (names, inputs) = (prepared.names, prepared.inputs)
    // First stages, out of fold: each article's probabilities come from models that never saw it.
    let k = max(2, min(options.innerFolds, articles.count))
    var outOfFold = [[[Float]]](repeating: [], count: articles.count)
    if articles.count >= 2 {
      for fold in 0..<k {
        let training = articles.indices.filter { $0 % k != fold }
        let category = fit(
          inputs, articles, at: training, labels: categoryLabels, task: \.categories,
          featureCount: names.count)
        let stance = fit(
          inputs, articles, at: training, labels: stanceLabels, task: \.stances,
          featureCount: names.count)
        for a in articles.indices where a % k == fold {
          outOfFold[a] = inputs[a].map {
            ClassifierModel.firstStage($0, category: category, stance: stance)
          }
        }
      }
    }
    let all = Array(articles.indices)
    let categoryFirst = fit(
      inputs, articles, at: all, labels: categoryLabels, task: \.categories,
      featureCount: names.count)
    let stanceFirst = fit(
      inputs, articles, at: all, labels: stanceLabels, task: \.stances, featureCount: names.count)
    if articles.count < 2 {
      outOfFold = inputs.map {
        $0.map { ClassifierModel.firstStage($0, category: categoryFirst, stance: stanceFirst) }
      }
    }
    // Second stages: the same inputs plus the context.
    let second = inputs.indices.map { a in
      let totals = ClassifierModel.columnTotals(outOfFold[a])
      return inputs[a].indices.map { i in
        ClassifierModel.merge(
          inputs[a][i],
          ClassifierModel.context(
            outOfFold[a], at: i, totals: totals, indices: prepared.contextIndices))
      }
    }
    let categorySecond = fit(
      second, articles, at: all, labels: categoryLabels, task: \.categories,
      featureCount: names.count)
    let stance = fit(
      second, articles, at: all, labels: stanceLabels, task: \.stances, featureCount: names.count)
    return ClassifierModel(
      features: names, category: (categoryFirst, categorySecond), stanceFirst: stanceFirst,
      stance: stance, info: info)
  }

  /// The labels present, most frequent first (ties by name).
  static func labels(_ values: [String?]) -> [String] {
    var counts: [String: Int] = [:]
    for case let value? in values { counts[value, default: 0] += 1 }
    return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
  }

  /// One linear model fitted on the labelled sentences of the given articles.
  func fit(
    _ inputs: [[[SparseFeature]]], _ articles: [TrainingArticle], at selected: [Int],
    labels: [String],
    task: KeyPath<TrainingArticle, [String?]>, featureCount: Int
  ) -> LinearModel {
    let k = labels.count
    let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    var examples: [(input: [SparseFeature], label: Int)] = []
    for a in selected {
      for (i, gold) in articles[a][keyPath: task].enumerated() {
        if let gold, let label = labelIndex[gold] { examples.append((inputs[a][i], label)) }
      }
    }
    var model = LinearModel(labels: labels, featureCount: featureCount)
    guard !examples.isEmpty else { return model }
    var perClass = [Double](repeating: 0, count: k)
    for example in examples { perClass[example.label] += 1 }
    let balance =
      task == \TrainingArticle.stances ? options.stanceBalance ?? options.balance : options.balance
    let classWeight = perClass.map { n in
      n == 0 ? 0 : Float(pow(Double(examples.count) / (Double(k) * n), balance))
    }
    var w = [Double](repeating: 0, count: model.weights.count)
    var g2 = [Double](repeating: 1e-8, count: model.weights.count)
    let biasRow = featureCount * k
    var random = SeededRandom(seed: options.seed)
    var order = Array(examples.indices)
    var scores = [Double](repeating: 0, count: k)
    let rate = options.learningRate
    let l2 = options.l2
    // The weights averaged over the passes of the second half (Polyak averaging) generalize
    // better than the last pass's.
    var average = [Double](repeating: 0, count: w.count)
    var averaged = 0
    let averageFrom = options.epochs / 2
    for epoch in 0..<options.epochs {
      // Fisher–Yates with the seeded generator.
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(random.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      for e in order {
        let (input, label) = examples[e]
        for j in 0..<k { scores[j] = w[biasRow + j] }
        for f in input {
          let row = Int(f.index) * k
          for j in 0..<k { scores[j] += w[row + j] * Double(f.value) }
        }
        let top = scores.max() ?? 0
        var sum = 0.0
        for j in 0..<k {
          scores[j] = exp(scores[j] - top)
          sum += scores[j]
        }
        let c = Double(classWeight[label])
        for j in 0..<k {
          let gradient = (scores[j] / sum - (j == label ? 1 : 0)) * c
          for f in input {
            let slot = Int(f.index) * k + j
            let g = gradient * Double(f.value) + l2 * w[slot]
            g2[slot] += g * g
            w[slot] -= rate * g / g2[slot].squareRoot()
          }
          let slot = biasRow + j
          g2[slot] += gradient * gradient
          w[slot] -= rate * gradient / g2[slot].squareRoot()
        }
      }
      if epoch >= averageFrom {
        for i in w.indices { average[i] += w[i] }
        averaged += 1
      }
    }
    model.weights = average.map { Float($0 / Double(max(1, averaged))) }
    return model
  }
}

extension ModelTrainer {
  /// One held-out prediction: the gold and predicted labels of a labelled sentence.
  public struct HeldOut: Sendable, Equatable {
    public var article: String
    public var sentence: Int
    public var goldCategory: String?
    public var predictedCategory: String
    public var goldStance: String?
    public var predictedStance: String
  }

  /// Cross-validation by article: every labelled sentence predicted by a model trained on the
  /// other folds (articles are dealt to folds in the order given).
  public func crossValidate(_ articles: [TrainingArticle], folds: Int) throws(TrainingError)
    -> [HeldOut]
  {
    guard folds >= 2 else { throw TrainingError("--folds needs at least 2") }
    guard articles.count >= folds else {
      throw TrainingError("\(folds) folds need at least \(folds) articles (have \(articles.count))")
    }
    var result: [HeldOut] = []
    for fold in 0..<folds {
      let training = articles.indices.filter { $0 % folds != fold }.map { articles[$0] }
      let model = try train(training)
      for a in articles.indices where a % folds == fold {
        result += Self.predict(model, articles[a])
      }
    }
    return result
  }

  /// The model's predictions for the labelled sentences of one article.
  public static func predict(_ model: ClassifierModel, _ article: TrainingArticle) -> [HeldOut] {
    let (categories, stances) = model.decide(article.features)
    var result: [HeldOut] = []
    for i in article.features.indices
    where article.categories[i] != nil || article.stances[i] != nil {
      result.append(
        HeldOut(
          article: article.id, sentence: i, goldCategory: article.categories[i],
          predictedCategory: ClassifierModel.combinedCategory(
            model: Category(model.categoryLabels[categories[i].label]),
            probability: categories[i].probability,
            rules: SentenceFeatures.ruleCategory(article.features[i])
          ).rawValue,
          goldStance: article.stances[i],
          predictedStance: ClassifierModel.combinedStance(
            model: Stance(model.stanceLabels[stances[i].label]),
            probability: stances[i].probability,
            rules: SentenceFeatures.ruleStance(article.features[i])
          ).rawValue))
    }
    return result
  }
}
