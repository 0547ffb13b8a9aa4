import PrensaCore

/// Cue weight per category of the label guide, as the rules add it up: a number per category and
/// which categories have one (a category no cue named is absent, not zero, as in a dictionary).
/// In place of `[Category: Double]`, which hashed a category's name at every step.
///
/// Categories are their places in `Category.guide`; where two weigh the same, the one whose
/// name sorts first counts as the larger, so that no decision depends on an order of storage.
struct CategoryWeights {
  static let count = 7
  private var values = InlineArray<7, Double>(repeating: 0)
  private var present: UInt8 = 0

  /// Each category's place in name order, by its place in the guide.
  static let nameRank: [Int] = {
    let byName = Category.guide.indices.sorted { Category.guide[$0] < Category.guide[$1] }
    var rank = [Int](repeating: 0, count: Category.guide.count)
    for (place, slot) in byName.enumerated() { rank[slot] = place }
    return rank
  }()

  /// The guide's places of the categories the rules name.
  static let military = 0
  static let armsTransfer = 1
  static let technologyTransfer = 2
  static let economic = 3
  static let diplomatic = 4
  static let conflict = 5
  static let noInteraction = 6

  subscript(slot: Int) -> Double? {
    present & (1 << slot) != 0 ? values[slot] : nil
  }

  /// Adds `weight` to a category's total (from zero when it had none).
  mutating func add(_ slot: Int, _ weight: Double) {
    values[slot] += weight
    present |= 1 << slot
  }

  /// Adds every weight of `other`, times `factor`, but `excluded`'s.
  mutating func add(
    _ other: CategoryWeights, times factor: Double = 1, excluding excluded: Int = -1
  ) {
    for slot in other.slots where slot != excluded { add(slot, factor * other.values[slot]) }
  }

  mutating func remove(_ slot: Int) {
    values[slot] = 0
    present &= ~(1 << slot)
  }

  mutating func removeAll() { self = CategoryWeights() }

  /// The categories that have a weight, in the guide's order.
  var slots: some Sequence<Int> {
    let present = present
    return (0..<Self.count).lazy.filter { present & (1 << $0) != 0 }
  }

  /// The largest weight, nil when no category has one.
  var largestWeight: Double? {
    var largest: Double?
    for slot in slots { largest = max(largest ?? values[slot], values[slot]) }
    return largest
  }

  /// Whether `a` weighs less than `b`: by weight, then a name later in order counts as less.
  func less(_ a: Int, _ b: Int) -> Bool {
    (values[a], Self.nameRank[b]) < (values[b], Self.nameRank[a])
  }

  /// The category with the largest weight among those `include` accepts, and its weight.
  func largest(where include: (Int) -> Bool = { _ in true }) -> (slot: Int, weight: Double)? {
    var best: Int?
    for slot in slots where include(slot) {
      if let current = best, !less(current, slot) { continue }
      best = slot
    }
    return best.map { ($0, values[$0]) }
  }

  /// The categories `include` accepts, heaviest first.
  func heaviestFirst(where include: (Int, Double) -> Bool) -> [Int] {
    slots.filter { include($0, values[$0]) }.sorted { less($1, $0) }
  }
}
