import PrensaCore
import Testing

@Suite struct ThreadCacheTests {
  let text = Array("Rusia y Corea del Norte; RUSIA, Rusia, Rusia-Corea".unicodeScalars)

  @Test func sameScalarsAtOtherPlacesHitOneEntry() {
    let cache = ThreadCache<String>()
    let table = cache.table(for: CacheOwner())
    var computed = 0
    func key(_ range: Range<Int>) -> String {
      table.value(text, range) {
        computed += 1
        return String(scalars: text[range]).lowercased()
      }
    }
    #expect(key(0..<5) == "rusia")
    #expect(key(32..<37) == "rusia")  // the second "Rusia"
    #expect(key(25..<30) == "rusia")  // "RUSIA": other scalars, its own entry
    #expect(key(8..<13) == "corea")
    #expect(key(0..<4) == "rusi")  // a prefix is another key
    #expect(computed == 4)
    #expect(table.count == 4)
  }

  @Test func growsPastItsFirstSlotsAndKeepsEveryKey() {
    let table = ThreadCache<Int>().table(for: CacheOwner())
    let words = (0..<5000).map { Array("palabra\($0)".unicodeScalars) }
    for (i, word) in words.enumerated() { _ = table.value(word, 0..<word.count) { i } }
    #expect(table.count == 5000)
    let wrong = words.indices.filter { i in table.value(words[i], 0..<words[i].count) { -1 } != i }
    #expect(wrong.isEmpty)
  }

  @Test func aFullTableStartsOver() {
    let table = ThreadCache<Int>(capacity: 100).table(for: CacheOwner())
    for i in 0..<250 {
      let word = Array("w\(i)".unicodeScalars)
      _ = table.value(word, 0..<word.count) { i }
    }
    #expect(table.count <= 100)
    #expect(table.count == 50)  // emptied at 100 and at 200
  }

  @Test func anotherOwnerGetsAnEmptyTable() {
    let cache = ThreadCache<String>()
    let first = CacheOwner()
    let table = cache.table(for: first)
    _ = table.value(text, 0..<5) { "from the first data" }
    #expect(cache.table(for: first).count == 1)
    let other = cache.table(for: CacheOwner())
    #expect(other.count == 0)
    #expect(other.value(text, 0..<5) { "from the second data" } == "from the second data")
  }

  @Test func entriesAreDenseAndStableUntilTheStampChanges() {
    let table = ThreadCache<String>(capacity: 3).table(for: CacheOwner())
    let first = table.stamp
    #expect(table.entry(text, 0..<5) { "rusia" }.entry == 0)
    #expect(table.entry(text, 8..<13) { "corea" }.entry == 1)
    #expect(table.entry(text, 32..<37) { "other" } == ("rusia", 0))  // a hit keeps its entry
    #expect(table.entry(text, 14..<17) { "del" }.entry == 2)
    #expect(table.stamp == first)
    // The fourth key empties the full table: old entry numbers are void, and the stamp says so.
    #expect(table.entry(text, 18..<23) { "norte" }.entry == 0)
    #expect(table.stamp != first)
  }

  @Test func anAnnexKeepsFactsPerEntryUntilTheTableOrOwnerChanges() {
    let annex = ThreadAnnex<String>()
    let owner = CacheOwner()
    var made = 0
    func fact(_ entry: Int32, stamp: Int, owner: CacheOwner) -> String {
      annex.table(for: owner, stamp: stamp).value(entry) {
        made += 1
        return "fact \(entry) of \(stamp)"
      }
    }
    #expect(fact(5, stamp: 1, owner: owner) == "fact 5 of 1")
    #expect(fact(5, stamp: 1, owner: owner) == "fact 5 of 1")
    #expect(fact(0, stamp: 1, owner: owner) == "fact 0 of 1")
    #expect(made == 2)
    #expect(fact(5, stamp: 2, owner: owner) == "fact 5 of 2")  // another table state
    #expect(fact(5, stamp: 2, owner: CacheOwner()) == "fact 5 of 2")
    #expect(made == 4)
  }
}
