/// Repair of UTF-8 text that was decoded as Windows-1252 or Latin-1 (`MoscÃº` → `Moscú`,
/// `â€œaliadosâ€` → `“aliados”`).
///
/// A candidate is a lead character (`Â Ã Ä Å`, or `â` for three-byte sequences) followed by
/// characters that stand for bytes 0x80–0xBF. It is repaired only when those bytes form one valid
/// UTF-8 sequence whose character is plausible in European text: Latin-1 and Latin Extended-A
/// letters and signs (U+00A0–U+017F) or general punctuation and currency (U+2000–U+20CF, ™).
/// Anything else (`PERÚ»` would decode to an Arabic letter) is left alone, so correct Spanish is
/// never touched.
enum Mojibake {
  /// Windows-1252's characters for bytes 0x80...0x9F (nil where the byte is undefined).
  static let windows1252Upper: [Unicode.Scalar?] = [
    "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
    "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
    nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
    "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
  ]

  /// The byte a character stands for when UTF-8 was decoded as Windows-1252 (or Latin-1, for the
  /// bytes Windows-1252 leaves undefined), if it is one of 0x80...0xFF.
  static func byte(for scalar: Unicode.Scalar) -> UInt8? {
    let v = scalar.value
    if (0xA0...0xFF).contains(v) { return UInt8(v) }
    if (0x80...0x9F).contains(v) { return UInt8(v) }
    if let index = windows1252Upper.firstIndex(where: { $0 == scalar }) {
      return UInt8(0x80 + index)
    }
    return nil
  }

  /// Whether `scalar` can start a repair.
  @inline(__always) static func isLead(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (0xC2...0xC5).contains(v) || v == 0xE2
  }

  /// Repairs the sequence starting at `i`, if it is mojibake.
  ///
  /// - Returns: the repaired character and the index just past the sequence.
  static func repair(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
    guard let lead = byte(for: s[i]) else { return nil }
    let needed = lead >= 0xE0 ? 2 : 1
    guard i + needed < s.count else { return nil }
    var value = UInt32(lead) & (needed == 2 ? 0x0F : 0x1F)
    for k in 1...needed {
      guard let b = byte(for: s[i + k]), (0x80...0xBF).contains(b) else { return nil }
      value = value << 6 | UInt32(b & 0x3F)
    }
    let plausible =
      (0xA0...0x17F).contains(value) || (0x2000...0x20CF).contains(value) || value == 0x2122
    // Overlong or out-of-range sequences fail the ranges above, so only valid UTF-8 gets here.
    guard plausible, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, i + needed + 1)
  }

  /// `â€` at the end of a word is a right double quote whose last byte (0x9D, undefined in
  /// Windows-1252) was dropped on the way: the most common mojibake in Spanish web text.
  static func repairTruncatedQuote(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
    guard s[i] == "â", i + 1 < s.count, s[i + 1] == "\u{20AC}" else { return nil }
    if i + 2 < s.count {
      let after = s[i + 2]
      guard
        after.properties.isWhitespace || after.properties.generalCategory == .otherPunctuation
          || after == ")" || after == "»"
      else { return nil }
    }
    return ("\u{201D}", i + 2)
  }
}
