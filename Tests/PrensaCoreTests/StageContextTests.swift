import PrensaCore
import Testing

@Suite struct StageContextTests {
  let text = Array("Rusia y Corea del Norte; RUSIA, Rusia, Rusia-Corea".unicodeScalars)

  /// A record with `tokens` as spans of its text (the stage context reads nothing else).
  func document(_ text: String, tokens: [Range<Int>]) -> Document {
    var document = Document(id: "d", text: text)
    document.tokens = tokens.map { Token(start: $0.lowerBound, end: $0.upperBound, kind: .word) }
    return document
  }

  @Test func sameScalarsAtOtherPlacesHaveOneNumber() {
    let context = StageContext()
    #expect(context.entry(text, 0..<5) == 0)
    #expect(context.entry(text, 8..<13) == 1)  // "Corea"
    #expect(context.entry(text, 32..<37) == 0)  // the second "Rusia"
    #expect(context.entry(text, 25..<30) == 2)  // "RUSIA": other scalars, its own number
    #expect(context.entry(text, 0..<4) == 3)  // a prefix is another word
    #expect(context.count == 4)
  }

  @Test func growsPastItsFirstSlotsAndKeepsEveryWord() {
    let context = StageContext()
    let words = (0..<5000).map { Array("palabra\($0)".unicodeScalars) }
    for word in words { _ = context.entry(word, 0..<word.count) }
    #expect(context.count == 5000)
    let wrong = words.indices.filter { context.entry(words[$0], 0..<words[$0].count) != $0 }
    #expect(wrong.isEmpty)
  }

  @Test func entriesAreComputedOncePerTextAndTokens() {
    let context = StageContext()
    var a = document("Rusia y Corea", tokens: [0..<5, 6..<7, 8..<13])
    #expect(context.entries(&a) == [0, 1, 2])
    // Another text with as many tokens: its own words, never the ones bound before.
    var b = document("Irán y Japón", tokens: [0..<4, 5..<6, 7..<12])
    #expect(context.entries(&b) == [3, 1, 4])
    // The same text cut differently.
    b.tokens = [Token(start: 0, end: 12, kind: .word)]
    #expect(context.entries(&b) == [5])
    // A text changed under the same tokens.
    a.text = "Corea y Rusia"
    #expect(context.entries(&a) == [2, 1, 0])
    var bare = Document(id: "x", text: "sin tokens")
    #expect(context.entries(&bare).isEmpty)
  }

  /// A document's words are looked up in chunks, each chunk's slots and keys fetched ahead:
  /// the numbers are those of looking up its tokens one by one, across chunks, repeats inside
  /// and across chunks, and the table growing in the middle of a document.
  @Test func aDocumentsEntriesAreItsTokensLookedUpOneByOne() {
    let words = "el gobierno de Chile y el de Perú firmaron el acuerdo de pesca en Lima".split(
      separator: " ")
    // 1,100 distinct words among repeats: the table (1,024 slots at first) grows twice.
    var pieces: [String] = []
    for i in 0..<3_000 {
      pieces.append(
        i % 3 == 0 ? "\(words[i % words.count])\(i / 3)" : String(words[i % words.count]))
    }
    let text = pieces.joined(separator: " ")
    var tokens: [Range<Int>] = []
    var start = 0
    for piece in pieces {
      tokens.append(start..<(start + piece.unicodeScalars.count))
      start += piece.unicodeScalars.count + 1
    }
    let scalars = Array(text.unicodeScalars)
    for count in [0, 1, 63, 64, 65, 200, tokens.count] {
      let together = StageContext()
      var doc = document(text, tokens: Array(tokens.prefix(count)))
      let alone = StageContext()
      let expected = tokens.prefix(count).map { alone.entry(scalars, $0) }
      #expect(together.entries(&doc) == expected)
      #expect(together.count == alone.count)
    }
  }

  @Test func aFullTableStartsOverWithTheNextDocumentAndDropsEveryFact() {
    let context = StageContext(capacity: 3)
    let owner = CacheOwner()
    var a = document("uno dos tres cuatro", tokens: [0..<3, 4..<7, 8..<12, 13..<19])
    let first = context.entries(&a)
    #expect(first == [0, 1, 2, 3])  // a document is never cut: the table may pass its capacity
    let facts = context.facts(for: owner, String.self)
    #expect(facts.value(3) { "cuatro" } == "cuatro")
    #expect(context.entries(&a) == first)  // the same document: same numbers
    var b = document("cinco", tokens: [0..<5])
    #expect(context.entries(&b) == [0])  // full: emptied before the next document
    #expect(context.count == 1)
    #expect(context.facts(for: owner, String.self).value(3) { "made again" } == "made again")
  }

  @Test func eachOwnerHasItsOwnFacts() {
    let context = StageContext()
    let first = CacheOwner()
    var made = 0
    func fact(_ entry: Int32, _ owner: CacheOwner) -> String {
      context.facts(for: owner, String.self).value(entry) {
        made += 1
        return "fact \(entry) of \(owner === first ? "first" : "other")"
      }
    }
    #expect(fact(5, first) == "fact 5 of first")
    #expect(fact(5, first) == "fact 5 of first")
    #expect(fact(0, first) == "fact 0 of first")
    #expect(made == 2)
    #expect(fact(5, CacheOwner()) == "fact 5 of other")
    #expect(made == 3)
  }
}
