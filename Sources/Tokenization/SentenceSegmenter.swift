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

  /// The classes of U+0000–U+07FF and U+2000–U+21FF, read from ICU's Unicode data once; other
  /// characters are asked of ICU one at a time.
  private static let low: [SentenceClass] = (0..<0x800).map {
    SentenceClass(prensa_sentence_break_class($0))
  }
  private static let punctuation: [SentenceClass] = (0x2000..<0x2200).map {
    SentenceClass(prensa_sentence_break_class($0))
  }

  /// The class of one character.
  static func sentenceClass(_ scalar: Unicode.Scalar) -> SentenceClass {
    let value = scalar.value
    if value < 0x800 { return low[Int(value)] }
    if value &- 0x2000 < 0x200 { return punctuation[Int(value &- 0x2000)] }
    return SentenceClass(prensa_sentence_break_class(value))
  }

  /// The boundaries ICU's sentence break iterator gives `scalars` (scalar offsets after 0, in
  /// order, the last at the end of a text that is not empty), or nil when the text has an Extend
  /// or Format character.
  static func boundaries(_ scalars: [Unicode.Scalar]) -> [Int]? {
    let low = low
    let punctuation = punctuation
    var supported = true
    let classes = [SentenceClass](unsafeUninitializedCapacity: scalars.count) { out, count in
      for (i, scalar) in scalars.enumerated() {
        let value = scalar.value
        let c: SentenceClass
        if value < 0x800 {
          c = low[Int(value)]
        } else if value &- 0x2000 < 0x200 {
          c = punctuation[Int(value &- 0x2000)]
        } else {
          c = SentenceClass(prensa_sentence_break_class(value))
        }
        if c == unsupported {
          supported = false
          break
        }
        out[i] = c
      }
      count = supported ? scalars.count : 0
    }
    guard supported else { return nil }
    return classes.withUnsafeBufferPointer(boundaries)
  }

  /// The boundaries of a text by its classes (all supported), by UAX #29's rules:
  ///
  /// - a paragraph separator (CR LF, LF, CR, U+2029, U+0085) ends a sentence (SB3, SB4);
  /// - after a terminator (`.`, the ATerm; `!`, `?` and the other STerms), its closing marks and
  ///   spaces, and a separator if one follows, the sentence ends (SB9–SB11), unless:
  ///   - a digit follows a period at once (`3.5`, SB6), or a capital a period between letters
  ///     (`U.S.A`, SB7);
  ///   - after a period, the next letter, whatever comes before it, is lower case (`etc. y`,
  ///     `Sr. (el`), SB8;
  ///   - a comma, colon or other SContinue, or another terminator, comes next (SB8a).
  static func boundaries(_ k: UnsafeBufferPointer<SentenceClass>) -> [Int] {
    let n = k.count
    var result: [Int] = []
    var p = 0
    @inline(__always) func isParagraphSeparator(_ c: SentenceClass) -> Bool {
      c == sep || c == cr || c == lf
    }
    while p < n {
      let c = k[p]
      if c == cr || c == sep || c == lf {
        p += c == cr && p + 1 < n && k[p + 1] == lf ? 2 : 1
        result.append(p)
        continue
      }
      guard c == aTerm || c == sTerm else {
        p += 1
        continue
      }
      let isATerm = c == aTerm
      let before = p > 0 ? k[p - 1] : other
      p += 1
      if isATerm && p < n {
        // SB6 and SB7.
        if k[p] == numeric { continue }
        if k[p] == upper && (before == upper || before == lower) { continue }
      }
      while p < n && k[p] == close { p += 1 }
      while p < n && k[p] == sp { p += 1 }
      if p < n && isParagraphSeparator(k[p]) {
        p += k[p] == cr && p + 1 < n && k[p + 1] == lf ? 2 : 1
        result.append(p)
        continue
      }
      if p == n {
        result.append(p)
        continue
      }
      let next = k[p]
      // SB8a: the terminator is followed by a continuation or starts another run.
      if next == sContinue || next == aTerm || next == sTerm { continue }
      if isATerm {
        // SB8: the first letter, separator or terminator ahead decides.
        var q = p
        while q < n {
          let d = k[q]
          if d == oLetter || d == upper || d == lower || d == aTerm || d == sTerm
            || isParagraphSeparator(d)
          {
            break
          }
          q += 1
        }
        if q < n && k[q] == lower { continue }
      }
      result.append(p)
    }
    if n > 0 && result.last != n { result.append(n) }
    return result
  }
}
