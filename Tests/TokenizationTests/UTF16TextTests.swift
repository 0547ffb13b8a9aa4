import Testing

@testable import Tokenization

/// The text ICU reads is the text's UTF-16, with or without characters beyond the BMP.
@Suite struct UTF16TextTests {
  @Test(arguments: [
    "Rusia y Corea del Norte firmaron un pacto.",
    "Señor Núñez, ¿qué opinó la OTAN?",
    "España 🇪🇸 y México 👨‍👩 en la cumbre",
    "",
    "𝐀",
  ])
  func unitsAreTheTextsUTF16(text: String) {
    let converted = UTF16Text(Array(text.unicodeScalars))
    #expect(converted.units == Array(text.utf16))
    #expect(converted.astral.count == text.unicodeScalars.filter { $0.value > 0xFFFF }.count)
  }
}
