@testable import PrensaText
import Testing

@Suite struct MatchKeyTests {
  @Test(arguments: [
    (["Moscú", "MOSCU", "moscu", "MOSCÚ"], "moscu"),
    (["PUTIN", "Putin", "Putín"], "putin"),
    (["Pingüino", "pinguino"], "pinguino"),
    (["ESPAÑA", "España", "españa"], "españa"),
    (["Straße"], "strasse"),
  ])
  func sharesKey(forms: [String], key: String) {
    for form in forms { #expect(MatchKey.key(form) == key, "\(form)") }
  }

  @Test func tildeOfEñeIsKept() {
    #expect(MatchKey.key("año") != MatchKey.key("ano"))
    #expect(MatchKey.key("Año") == "año")
  }
}

/// The Latin-1 table gives what ICU's folding gives, for every Latin-1 character alone and in
/// random words, and declines exactly the characters it cannot map.
@Suite struct MatchKeyLatin1Tests {
  @Test func everyLatin1CharacterMatchesTheFoldingPath() {
    for value in 0x20..<0x100 {
      let text = "X" + String(Character(Unicode.Scalar(UInt8(value)))) + "a"
      if value == 0xB5 || value == 0xDF {
        #expect(MatchKey.latin1Key(text) == nil, "U+\(String(value, radix: 16))")
      } else {
        #expect(
          MatchKey.latin1Key(text) == MatchKey.foldedKey(text), "U+\(String(value, radix: 16))")
      }
      #expect(MatchKey.key(text) == MatchKey.foldedKey(text))
    }
  }

  @Test func randomWordsMatchTheFoldingPath() {
    var random = SystemRandomNumberGenerator()
    let letters = Array("aAeEnNñÑçÇáÁéÉíÍóÓúÚüÜàèìòùâêîôûäëïöÿÆæØøÞþÐð-'. ")
    for _ in 0..<2_000 {
      let word = String(
        (0..<Int.random(in: 1...12, using: &random)).map { _ in
          letters.randomElement(using: &random)!
        })
      #expect(MatchKey.key(word) == MatchKey.foldedKey(word), "\(word)")
    }
  }

  @Test func charactersBeyondLatin1TakeTheFoldingPath() {
    #expect(MatchKey.latin1Key("Władysław") == nil)
    #expect(MatchKey.key("Władysław") == "wladyslaw")
    #expect(MatchKey.key("Straße") == "strasse")
  }
}
