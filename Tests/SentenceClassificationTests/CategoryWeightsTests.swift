import PrensaCore
import Testing

@testable import SentenceClassification

/// The rules' cue weight per category (`CategoryWeights`) decides as the dictionary it replaced
/// did: the heaviest category wins, a tie goes to the name that sorts first, and a category no
/// cue named is absent, not zero.
@Suite struct CategoryWeightsTests {
  typealias Slot = CategoryWeights

  @Test func theSlotsNameTheGuidesCategories() {
    #expect(Category.guide.count == CategoryWeights.count)
    #expect(Category.guide[Slot.military] == .military)
    #expect(Category.guide[Slot.armsTransfer] == .armsTransfer)
    #expect(Category.guide[Slot.technologyTransfer] == .technologyTransfer)
    #expect(Category.guide[Slot.economic] == .economic)
    #expect(Category.guide[Slot.diplomatic] == .diplomatic)
    #expect(Category.guide[Slot.conflict] == .conflict)
    #expect(Category.guide[Slot.noInteraction] == .noInteraction)
  }

  @Test func theHeaviestWinsAndATieGoesToTheFirstName() {
    var weights = CategoryWeights()
    #expect(weights.largest() == nil)
    #expect(weights.largestWeight == nil)
    weights.add(Slot.technologyTransfer, 2)
    weights.add(Slot.armsTransfer, 1.5)
    weights.add(Slot.armsTransfer, 0.5)
    // arms_transfer sorts before technology_transfer.
    #expect(weights.largest()?.slot == Slot.armsTransfer)
    weights.add(Slot.diplomatic, 2)
    #expect(weights.largest()?.slot == Slot.armsTransfer)
    weights.add(Slot.conflict, 2.5)
    #expect(weights.largest()?.slot == Slot.conflict)
    #expect(weights.largest { $0 != Slot.conflict }?.slot == Slot.armsTransfer)
    // Heaviest first, ties by name: conflict 2.5, then arms_transfer, diplomatic and
    // technology_transfer at 2.
    #expect(
      weights.heaviestFirst { _, _ in true } == [
        Slot.conflict, Slot.armsTransfer, Slot.diplomatic, Slot.technologyTransfer,
      ])
    #expect(weights.heaviestFirst { _, weight in weight > 2 } == [Slot.conflict])
  }

  /// The same decisions as `[Category: Double]` with `max(by:)` and `sorted` on (weight, name),
  /// on random weights with many ties.
  @Test func itAgreesWithADictionaryOfNames() {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      var weights = CategoryWeights()
      var dictionary: [Category: Double] = [:]
      for _ in 0..<Int.random(in: 0...9, using: &random) {
        let slot = Int.random(in: 0..<CategoryWeights.count, using: &random)
        let weight = Double(Int.random(in: 0...4, using: &random)) / 2
        weights.add(slot, weight)
        dictionary[Category.guide[slot], default: 0] += weight
      }
      if Bool.random(using: &random) {
        weights.remove(Slot.noInteraction)
        dictionary[.noInteraction] = nil
      }
      let best = dictionary.max { ($0.value, $1.key) < ($1.value, $0.key) }
      #expect(weights.largest().map { Category.guide[$0.slot] } == best?.key)
      #expect(weights.largest()?.weight == best?.value)
      #expect(weights.largestWeight == dictionary.values.max())
      let order = dictionary.filter { $0.value >= 1 }
        .sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
      #expect(
        weights.heaviestFirst { _, weight in weight >= 1 }.map { Category.guide[$0] } == order)
      for slot in 0..<CategoryWeights.count {
        #expect(weights[slot] == dictionary[Category.guide[slot]])
      }
    }
  }
}
