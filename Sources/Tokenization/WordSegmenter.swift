import ICUShim

/// Word segments as ICU's word break iterator finds them (UAX #29 as ICU's rules implement it),
/// for texts written in the scripts news in Spanish is written in: letters, digits, punctuation
/// and spaces of Latin, Greek and Cyrillic. It gives the same boundaries and the same rule
/// statuses as ICU for such a text (tests compare the two on every character it takes and on
/// every short sequence of its classes), at a small part of the cost: ICU's iterator is a general
/// table-driven machine with a cache of boundaries, and it needs the text in UTF-16.
///
/// A text with any other character (combining marks, format characters such as the soft hyphen,
/// emoji joiners, Hebrew, kana, CJK, Thai) is left to ICU whole: `segments` returns false.
enum WordSegmenter {
  /// Word-break classes (`PRENSA_WB_...` of the ICU shim).
  typealias WordClass = UInt8
  static let other = WordClass(PRENSA_WB_OTHER)
  static let aLetter = WordClass(PRENSA_WB_ALETTER)
  static let numeric = WordClass(PRENSA_WB_NUMERIC)
  static let midLetter = WordClass(PRENSA_WB_MIDLETTER)
  static let midNum = WordClass(PRENSA_WB_MIDNUM)
  static let midNumLet = WordClass(PRENSA_WB_MIDNUMLET)
  static let singleQuote = WordClass(PRENSA_WB_SINGLE_QUOTE)
  static let extendNumLet = WordClass(PRENSA_WB_EXTENDNUMLET)
  static let cr = WordClass(PRENSA_WB_CR)
  static let lf = WordClass(PRENSA_WB_LF)
  static let space = WordClass(PRENSA_WB_WSEGSPACE)
  static let unsupported = WordClass(PRENSA_WB_UNSUPPORTED)

  /// Rule statuses, as ICU gives them: a segment with a letter, one of digits, anything else.
  static let letterStatus: Int32 = 200
  static let numberStatus: Int32 = 100

  /// Every character's class (`ruleClass`), from a table for the usual ones.
  private static let classes = ScalarTable(ruleClass)

  /// The class ICU's word rules (ICU 72) give a character: its Word_Break value, but for two
  /// changes the rules make. The colon and its compatibility forms are not MidLetter (`a:b` is
  /// three segments; UAX #29 keeps them for Swedish), and `@` is a letter (ICU 72 stopped breaking
  /// e-mail addresses at it: `x@y` is one segment, and `@` alone has a letter's status).
  @Sendable static func ruleClass(_ value: UInt32) -> WordClass {
    switch value {
    case 0x3A, 0xFE55, 0xFF1A: return other
    case 0x40: return aLetter
    default: return WordClass(prensa_word_break_class(value))
    }
  }

  /// The class of one character.
  @inline(__always) static func wordClass(_ scalar: Unicode.Scalar) -> WordClass {
    classes[scalar.value]
  }

  /// Calls `body` with each segment of `scalars` (start, end, rule status) in order, and returns
  /// true; returns false, having called nothing, when the text has a character this segmenter
  /// leaves to ICU.
  static func segments(
    _ scalars: [Unicode.Scalar], _ body: (_ start: Int, _ end: Int, _ status: Int32) -> Void
  ) -> Bool {
    let classes = classes
    return scalars.withUnsafeBufferPointer { s in
      // Every ASCII character is of a class the segmenter takes.
      for scalar in s where scalar.value >= 0x80 {
        if classes[scalar.value] == unsupported { return false }
      }
      segments(s.count, { classes[s[$0].value] }, body)
      return true
    }
  }

  /// The segments of a text of `n` characters by their classes (all supported).
  ///
  /// The rules, in UAX #29's numbering: CR LF stays together (WB3); spaces stay together (WB3d);
  /// a run of letters, digits and connectors (`_`) is one segment (WB5, WB8–WB10, WB13a/b), and
  /// so is a letter–punctuation–letter triple such as `l'a` or `a.b` (WB6/7: MidLetter,
  /// MidNumLet, apostrophe) or digit–punctuation–digit such as `3,5` or `1.000` (WB11/12: MidNum,
  /// MidNumLet, apostrophe); everything else is a segment of its own (WB999). The status is that
  /// ICU's for the segment's end: 200 when it ends on a letter, or on a connector after a letter
  /// or a connector; 100 when it ends on a digit, or on a connector after a digit; 0 for a lone
  /// connector, space or symbol (`HI5` is a number to ICU, `5G` a word).
  @inline(__always) static func segments(
    _ n: Int, _ classes: (Int) -> WordClass,
    _ body: (_ start: Int, _ end: Int, _ status: Int32) -> Void
  ) {
    var i = 0
    while i < n {
      let start = i
      let c = classes(i)
      i += 1
      var status: Int32 = 0
      if c == aLetter || c == numeric || c == extendNumLet {
        // What the segment ends with so far: a letter, a digit or a connector.
        var last = c
        status = c == aLetter ? letterStatus : c == numeric ? numberStatus : 0
        scan: while i < n {
          let d = classes(i)
          switch d {
          case aLetter:
            status = letterStatus
          case numeric:
            status = numberStatus
          case extendNumLet:
            status = last == numeric ? numberStatus : letterStatus
          case midLetter, midNumLet, singleQuote, midNum:
            guard i + 1 < n else { break scan }
            let e = classes(i + 1)
            if last == aLetter && e == aLetter && d != midNum {
              status = letterStatus
            } else if last == numeric && e == numeric && d != midLetter {
              status = numberStatus
            } else {
              break scan
            }
            i += 1
            last = e
            i += 1
            continue scan
          default:
            break scan
          }
          last = d
          i += 1
        }
      } else if c == space {
        while i < n && classes(i) == space { i += 1 }
      } else if c == cr {
        if i < n && classes(i) == lf { i += 1 }
      }
      body(start, i, status)
    }
  }
}
