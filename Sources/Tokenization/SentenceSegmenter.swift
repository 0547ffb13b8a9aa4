import ICUShim

/// Sentence boundaries as ICU's sentence break iterator finds them (UAX #29), for texts with no
/// Extend or Format character (combining marks, the soft hyphen, joiners and direction marks):
/// the same boundaries as ICU, which tests compare on every character it takes and on every
/// string of up to four characters of its classes, without ICU's general machinery and without
/// the text in UTF-16. A text with such a character is left to ICU (`boundaries` is nil).
enum SentenceSegmenter {
  /// Sentence-break classes (`PRENSA_SB_...` of the ICU shim).
  typealias SentenceClass = UInt8
  static let other = SentenceClass(PRENSA_SB_OTHER)
  static let aTerm = SentenceClass(PRENSA_SB_ATERM)
  static let close = SentenceClass(PRENSA_SB_CLOSE)
  static let lower = SentenceClass(PRENSA_SB_LOWER)
  static let numeric = SentenceClass(PRENSA_SB_NUMERIC)
  static let oLetter = SentenceClass(PRENSA_SB_OLETTER)
  static let sep = SentenceClass(PRENSA_SB_SEP)
  static let sp = SentenceClass(PRENSA_SB_SP)
  static let sTerm = SentenceClass(PRENSA_SB_STERM)
  static let upper = SentenceClass(PRENSA_SB_UPPER)
  static let cr = SentenceClass(PRENSA_SB_CR)
  static let lf = SentenceClass(PRENSA_SB_LF)
  static let sContinue = SentenceClass(PRENSA_SB_SCONTINUE)
  static let unsupported = SentenceClass(PRENSA_SB_UNSUPPORTED)

  /// Every character's class, with `stop` added when the main loop of `boundaries` acts on it
  /// (`entry`), from a table for the usual ones.
  private static let entries = ScalarTable(entry)

  /// The flag of the classes the main loop acts on: terminators, separators, and the classes
  /// the segmenter leaves to ICU.
  private static let stop: UInt8 = 0x80

  /// A character's class, with `stop` when the main loop acts on it.
  @Sendable private static func entry(_ value: UInt32) -> UInt8 {
    let c = SentenceClass(prensa_sentence_break_class(value))
    let stops = [aTerm, sTerm, cr, lf, sep, unsupported].contains(c)
    return stops ? c | stop : c
  }

  /// The class of one character.
  @inline(__always) static func sentenceClass(_ scalar: Unicode.Scalar) -> SentenceClass {
    entries[scalar.value] & ~stop
  }

  /// The boundaries ICU's sentence break iterator gives `scalars` (scalar offsets after 0, in
  /// order, the last at the end of a text that is not empty), or nil when the text has an Extend
  /// or Format character.
  static func boundaries(_ scalars: [Unicode.Scalar]) -> [Int]? {
    let entries = entries
    return scalars.withUnsafeBufferPointer { s -> [Int]? in
      boundaries(s.count) { i in
        let e = entries[s[i].value]
        return e & stop == 0 ? other : e & ~stop
      } class: {
        entries[s[$0].value] & ~stop
      }
    }
  }

  /// The boundaries of a text of `n` characters by their classes (all supported), by UAX #29's
  /// rules:
  ///
  /// - a paragraph separator (CR LF, LF, CR, U+2029, U+0085) ends a sentence (SB3, SB4);
  /// - after a terminator (`.`, the ATerm; `!`, `?` and the other STerms), its closing marks and
  ///   spaces, and a separator if one follows, the sentence ends (SB9–SB11), unless:
  ///   - a digit follows a period at once (`3.5`, SB6), or a capital a period between letters
  ///     (`U.S.A`, SB7);
  ///   - after a period, the next letter, whatever comes before it, is lower case (`etc. y`,
  ///     `Sr. (el`), SB8;
  ///   - a comma, colon or other SContinue, or another terminator, comes next (SB8a).
  ///
  /// `start` gives the class of the character the main loop is at (`other` will do for any that
  /// is neither a terminator nor a separator), `class` that of any other. A character of a class
  /// the segmenter does not take makes the result nil when the main loop meets it, and it meets
  /// every character but those it passes as closing marks, spaces or the LF of a CR LF.
  @inline(__always) static func boundaries(
    _ n: Int, start: (Int) -> SentenceClass, class k: (Int) -> SentenceClass
  ) -> [Int]? {
    var result: [Int] = []
    var p = 0
    @inline(__always) func isParagraphSeparator(_ c: SentenceClass) -> Bool {
      c == sep || c == cr || c == lf
    }
    while p < n {
      let c = start(p)
      if c == unsupported { return nil }
      if c == cr || c == sep || c == lf {
        p += c == cr && p + 1 < n && k(p + 1) == lf ? 2 : 1
        result.append(p)
        continue
      }
      guard c == aTerm || c == sTerm else {
        p += 1
        continue
      }
      let isATerm = c == aTerm
      let before = p > 0 ? k(p - 1) : other
      p += 1
      if isATerm && p < n {
        // SB6 and SB7.
        if k(p) == numeric { continue }
        if k(p) == upper && (before == upper || before == lower) { continue }
      }
      while p < n && k(p) == close { p += 1 }
      while p < n && k(p) == sp { p += 1 }
      if p < n && isParagraphSeparator(k(p)) {
        p += k(p) == cr && p + 1 < n && k(p + 1) == lf ? 2 : 1
        result.append(p)
        continue
      }
      if p == n {
        result.append(p)
        continue
      }
      let next = k(p)
      // SB8a: the terminator is followed by a continuation or starts another run.
      if next == sContinue || next == aTerm || next == sTerm { continue }
      if isATerm {
        // SB8: the first letter, separator or terminator ahead decides.
        var q = p
        while q < n {
          let d = k(q)
          if d == oLetter || d == upper || d == lower || d == aTerm || d == sTerm
            || isParagraphSeparator(d)
          {
            break
          }
          q += 1
        }
        if q < n && k(q) == lower { continue }
      }
      result.append(p)
    }
    if n > 0 && result.last != n { result.append(n) }
    return result
  }
}
