import PrensaCore
import Testing

/// The letter tests the stages ask of every scalar answer as Unicode's properties do; ASCII and
/// Latin-1 are answered without a property lookup.
@Suite struct ScalarClassTests {
  @Test func everyScalarToU00FFAndSomeBeyondAnswersAsItsProperties() {
    let beyond: [UInt32] = [0x100, 0x130, 0x131, 0x178, 0x1C5, 0x391, 0x3B1, 0x410, 0x430, 0x1E9E]
    for value in Array(UInt32(0)..<0x100) + beyond {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(scalar.isUppercaseLetter == scalar.properties.isUppercase, "U+\(value)")
      #expect(scalar.isLowercaseLetter == scalar.properties.isLowercase, "U+\(value)")
      #expect(scalar.isLetter == scalar.properties.isAlphabetic, "U+\(value)")
    }
  }

  @Test func spanishLettersAndSigns() {
    #expect("ÁÉÍÓÚÜÑ".unicodeScalars.allSatisfy { $0.isUppercaseLetter && $0.isLetter })
    #expect("áéíóúüñ".unicodeScalars.allSatisfy { $0.isLowercaseLetter && !$0.isUppercaseLetter })
    #expect("¿¡«»º".unicodeScalars.filter(\.isLetter).map(String.init) == ["º"])
  }
}
