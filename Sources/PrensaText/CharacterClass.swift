import ICUShim
import PrensaCore

/// Token kinds from characters: what kind of token a scalar opens (the tokenizer's rule, which
/// readers of other formats use too).
package enum CharacterClass {
  package static func kind(of s: Unicode.Scalar) -> TokenKind {
    s.value < 0x100 ? latin1[Int(s.value)] : kindByProperties(of: s)
  }

  /// The kinds of U+0000–U+00FF, by the rule below, made once: the tokenizer asks for the kind
  /// of every punctuation mark, and the rule asks ICU and Swift's Unicode tables.
  private static let latin1: [TokenKind] = (0..<0x100).map {
    kindByProperties(of: Unicode.Scalar(UInt8($0)))
  }

  static func kindByProperties(of s: Unicode.Scalar) -> TokenKind {
    if !s.isASCII && prensa_is_emoji(s.value) != 0 { return .emoji }
    switch s.value {
    case 0x25, 0x2030, 0x2031, 0x26, 0x40, 0x23, 0xB0: return .symbol
    default: break
    }
    switch s.properties.generalCategory {
    case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return .symbol
    case .decimalNumber, .otherNumber, .letterNumber: return .number
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return .word
    default: return .punct
    }
  }
}
