import Testing

@testable import PrensaCore

@Suite struct SortedUnlessOrderedTests {
  /// Entity-like spans of a Spanish sentence, by start: the order the tagger writes, and the same
  /// spans with equal starts kept in their given order (a sort that is not stable would swap them).
  let spans: [(start: Int, text: String)] = [
    (0, "El"), (3, "presidente"), (14, "de"), (14, "de Chile"), (17, "Chile"), (23, "visitó"),
    (30, "Buenos Aires"), (30, "Buenos"), (43, "el"), (46, "lunes"),
  ]

  @Test func anArrayInOrderComesBackAsItIs() {
    let result = spans.sortedUnlessOrdered { $0.start < $1.start }
    #expect(result.map(\.text) == spans.map(\.text))
  }

  @Test func anyOrderGivesWhatSortedGives() {
    var random = SeededRandom(seed: 35)
    for length in 0...spans.count {
      for _ in 0..<50 {
        let shuffled = Array(spans.shuffled(using: &random).prefix(length))
        let result = shuffled.sortedUnlessOrdered { $0.start < $1.start }
        let expected = shuffled.sorted { $0.start < $1.start }
        #expect(result.map(\.text) == expected.map(\.text))
        #expect(zip(result, result.dropFirst()).allSatisfy { $0.start <= $1.start })
      }
    }
  }

  @Test func membersAreWrittenInKeyOrder() {
    let object = JSONObject([
      ("texto", .string("Madrid")), ("end", .int(6)), ("start", .int(0)), ("año", .int(2025)),
    ])
    #expect(object.membersInKeyOrder.map(\.key) == ["año", "end", "start", "texto"])
  }
}
