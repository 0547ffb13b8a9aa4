@testable import SentenceClassification
import Testing

/// The fused rows give the four linear models' probabilities to the last bit, and the same
/// strongest features, for label counts that do and do not fill their padding.
@Suite struct FusedWeightsTests {
  static func model(_ labels: Int, features: Int, using random: inout SystemRandomNumberGenerator)
    -> LinearModel
  {
    LinearModel(
      labels: (0..<labels).map { "l\($0)" },
      weights: (0..<((features + 1) * labels)).map { _ in Float.random(in: -2...2, using: &random) }
    )
  }

  /// A sorted input with no repeats, numbers below `features`.
  static func input(_ features: Int, using random: inout SystemRandomNumberGenerator)
    -> [SparseFeature]
  {
    let numbers = Set(
      (0..<Int.random(in: 0...60, using: &random)).map { _ in
        Int32.random(in: 0..<Int32(features), using: &random)
      })
    return numbers.sorted().map {
      SparseFeature(index: $0, value: Float.random(in: 0.01...3, using: &random))
    }
  }

  @Test(arguments: [(7, 4), (3, 5), (8, 1), (1, 2)])
  func probabilitiesEqualTheLinearModels(categories: Int, stances: Int) {
    var random = SystemRandomNumberGenerator()
    let features = 300
    let (cf, sf, cs, ss) = (
      Self.model(categories, features: features, using: &random),
      Self.model(stances, features: features, using: &random),
      Self.model(categories, features: features, using: &random),
      Self.model(stances, features: features, using: &random)
    )
    let fused = FusedWeights(categoryFirst: cf, stanceFirst: sf, categorySecond: cs, stance: ss)
    for _ in 0..<200 {
      let x = Self.input(features, using: &random)
      #expect(fused.firstStage(x) == cf.probabilities(x) + sf.probabilities(x))
      // Context features: numbers not in the input.
      let taken = Set(x.map(\.index))
      let context = Self.input(features, using: &random).filter { !taken.contains($0.index) }
      let full = ClassifierModel.merge(x, context)
      let (p, q) = fused.secondStage(x, context)
      #expect(p == cs.probabilities(full))
      #expect(q == ss.probabilities(full))
      // The strongest features of a label, against a full sort of the contributions, for lists
      // of none, one, the explanation's four and --explain's twelve.
      let label = Int.random(in: 0..<categories, using: &random)
      let sorted = full.map {
        (index: $0.index, contribution: cs.weights[Int($0.index) * categories + label] * $0.value)
      }
      .filter { $0.contribution > 0 }
      .sorted { ($0.contribution, -$0.index) > ($1.contribution, -$1.index) }
      for count in [0, 1, 12] {
        let top = fused.strongest(full, part: .categorySecond, label: label, count: count)
        #expect(top.map(\.index) == sorted.prefix(count).map(\.index))
      }
      let expected = sorted.prefix(4)
      let strongest = fused.strongest(full, part: .categorySecond, label: label, count: 4)
      #expect(strongest.map(\.index) == expected.map(\.index))
      #expect(strongest.map(\.contribution) == expected.map(\.contribution))
      // The same read from the two inputs apart, merged as they are read.
      let apart = fused.strongest(x, context, part: .categorySecond, label: label, count: 4)
      #expect(apart.map(\.index) == expected.map(\.index))
      #expect(apart.map(\.contribution) == expected.map(\.contribution))
      // A category's and a stance's lists in one pass: the same as two calls.
      let stance = Int.random(in: 0..<stances, using: &random)
      let both = fused.strongest(
        x, context, (.categorySecond, label), (.stance, stance), count: 4)
      let stanceApart = fused.strongest(x, context, part: .stance, label: stance, count: 4)
      #expect(both.first.map(\.index) == apart.map(\.index))
      #expect(both.first.map(\.contribution) == apart.map(\.contribution))
      #expect(both.second.map(\.index) == stanceApart.map(\.index))
      #expect(both.second.map(\.contribution) == stanceApart.map(\.contribution))
    }
  }
}

/// The fused rows read from arrays, for the tests: the one-label list read the plain way (every
/// contribution of the merged input offered in turn), to check the stage's one-pass reading.
extension FusedWeights {
  func secondStage(_ x: [SparseFeature], _ context: [SparseFeature]) -> ([Float], [Float]) {
    x.withUnsafeBufferPointer { x in context.withUnsafeBufferPointer { secondStage(x, $0) } }
  }

  func strongest(
    _ x: [SparseFeature], _ y: [SparseFeature], _ first: (part: Part, label: Int),
    _ second: (part: Part, label: Int), count: Int
  ) -> (
    first: [(index: Int32, contribution: Float)], second: [(index: Int32, contribution: Float)]
  ) {
    x.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { strongest(x, $0, first, second, count: count) }
    }
  }

  func strongest(
    _ x: [SparseFeature], _ y: [SparseFeature] = [], part: Part, label: Int, count: Int
  ) -> [(index: Int32, contribution: Float)] {
    let column = columns(part).offset + label
    var top = Strongest(count: count)
    for feature in ClassifierModel.merge(x, y) {
      top.offer(feature.index, rows[Int(feature.index) * stride + column] * feature.value)
    }
    return top.features
  }
}
