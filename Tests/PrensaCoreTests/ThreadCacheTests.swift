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
}
