import PrensaCore
import Testing

/// `String.scalarArray()` and `scalarCount` decode UTF-8 by hand: they must agree with the
/// standard library's scalar view on text of every encoded length (1 to 4 bytes), mixed.
@Suite struct ScalarDecodingTests {
  /// Pieces of 1, 2, 3 and 4 UTF-8 bytes a scalar, and combining marks (scalars, not characters).
  static let pieces = [
    "El ministro", " ", "Defensa", "ñ", "é", "e\u{301}", "«", "—", "€", "中国", "🇪🇸", "👍🏽",
    "\u{10FFFF}",
    "\n", "\u{0}", "Zürich", "Москва", "القاهرة", "\u{200B}",
  ]

  @Test func realNewsTextDecodesAsTheScalarViewDoes() {
    let text =
      "Rusia y Corea del Norte firmaron en Pyongyang un tratado de «asociación estratégica "
      + "integral» que incluye una cláusula de asistencia mutua — según la agencia KCNA."
    #expect(text.scalarArray() == Array(text.unicodeScalars))
    #expect(text.scalarCount == text.unicodeScalars.count)
  }

  @Test(arguments: 1...8)
  func mixedTextDecodesAsTheScalarViewDoes(seed: Int) {
    var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
    var text = ""
    for _ in 0..<500 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      text += Self.pieces[Int(state % UInt64(Self.pieces.count))]
    }
    #expect(text.scalarArray() == Array(text.unicodeScalars))
    #expect(text.scalarCount == text.unicodeScalars.count)
    // A substring's copy (a string that does not start at its buffer's start).
    let tail = String(text.dropFirst(7))
    #expect(tail.scalarArray() == Array(tail.unicodeScalars))
  }

  @Test func theEmptyStringHasNoScalars() {
    #expect("".scalarArray().isEmpty)
    #expect("".scalarCount == 0)
  }
}
