import PrensaCore
import Testing

/// A token keeps its parts and expansion in one shared box: 24 bytes a token, and setting one
/// keeps the other.
@Suite struct TokenTests {
  @Test func tokenIsTwentyFourBytes() {
    #expect(MemoryLayout<Token>.stride == 24)
  }

  @Test func partsAndExpansionAreKeptApart() {
    // `Rusia-Corea`, then an expansion set on the same token.
    var token = Token(
      start: 0, end: 11, kind: .word, parts: [Span(start: 0, end: 5), Span(start: 6, end: 11)])
    let before = token
    token.expansion = ["Rusia", "Corea"]
    #expect(token.parts == [Span(start: 0, end: 5), Span(start: 6, end: 11)])
    #expect(token.expansion == ["Rusia", "Corea"])
    // The copy made before keeps its own values.
    #expect(before.expansion == nil)
    #expect(before != token)
    token.expansion = nil
    #expect(token == before)
    #expect(token.hashValue == before.hashValue)
    token.parts = nil
    #expect(token == Token(start: 0, end: 11, kind: .word))
  }

  @Test func equalTokensWithBoxesOfTheirOwnAreEqual() {
    let a = Token(start: 3, end: 6, kind: .word, expansion: ["de", "el"])
    let b = Token(start: 3, end: 6, kind: .word, expansion: ["de", "el"])
    #expect(a == b)
    #expect(Set([a, b]).count == 1)
    #expect(a != Token(start: 3, end: 6, kind: .word, expansion: ["de", "la"]))
  }
}
