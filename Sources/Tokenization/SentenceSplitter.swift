import ICUShim
import PrensaText
import PrensaCore

/// Sentences over tokens: ICU's sentence break iterator proposes, Spanish rules dispose.
///
/// - A line break always ends a sentence (headlines, bylines, list items).
/// - ICU's boundary is dropped after a title abbreviation (`Sr.`, `núm.`), an initial, or any
///   abbreviation not followed by a capitalised word; and wherever the next sentence would start
///   in lower case (`¿Qué? dijo`, `... y luego`), since a Spanish sentence starts with a capital,
///   a digit or an opening sign.
/// - Closing quotes and brackets stay with the sentence they close.
public struct SentenceSplitter: Sendable {
  public var data: SpanishData

  public init(data: SpanishData) { self.data = data }

  /// - Complexity: O(*n*) in the length of the text.
  public func split(_ scalars: [Unicode.Scalar], tokens: [Token]) -> [Sentence] {
    guard !tokens.isEmpty else { return [] }
    // ICU's boundaries in text order, walked with a cursor as the tokens advance (they come in
    // order; sorted should they ever not). `SentenceSegmenter` finds them in most texts; ICU is
    // asked for the others.
    var icuBoundaries = SentenceSegmenter.boundaries(scalars) ?? Self.icuBoundaries(scalars)
    if zip(icuBoundaries, icuBoundaries.dropFirst()).contains(where: { $0 > $1 }) {
      icuBoundaries.sort()
    }
    var cursor = 0
    var sentences: [Sentence] = []
    var sentenceStart = 0
    // The dateline opening the current sentence, when it opens a paragraph.
    var dateline = Dateline.find(scalars, tokens, from: 0, months: data.months)
    // How many words in capitals end at token k (a headline glued to the text needs three).
    var capitalWords = 0
    // Tokens are read by index (a copied token retains and releases its arrays).
    for k in 0..<tokens.count {
      guard k + 1 < tokens.count else { break }
      let end = tokens[k].end
      let nextStart = tokens[k + 1].start
      capitalWords = Self.isCapitalWord(scalars, tokens[k]) ? capitalWords + 1 : 0
      // The marks the terminal and dialogue rules start from: a token of one scalar, asked
      // here once rather than by each rule at every token.
      let mark: Unicode.Scalar? = end - tokens[k].start == 1 ? scalars[end - 1] : nil
      let mayEnd = mark == "." || mark == "!" || mark == "?" || mark == ";"
      let lineBreak = scalars.hasLineBreak(in: end..<nextStart)
      // ICU puts a boundary between two tokens when one falls in the gap between them (or at
      // the start of the next one).
      while cursor < icuBoundaries.count && icuBoundaries[cursor] < end { cursor += 1 }
      let icuBoundary = cursor < icuBoundaries.count && icuBoundaries[cursor] <= nextStart
      var ends = false
      if lineBreak {
        ends = !isWrappedLine(scalars, tokens[k], gap: scalars[end..<nextStart])
      } else if let line = dateline, k <= line.lastToken {
        ends = false
      } else if icuBoundary
        || (mayEnd
          && (Self.endsWithTerminal(scalars, tokens, at: k)
            || Self.opensDialogue(scalars, tokens, after: k)))
      {
        ends =
          acceptsBoundary(scalars, tokens, after: k)
          && !Self.isDatelineItem(
            scalars, tokens, from: sentenceStart, through: k, months: data.months)
      } else if capitalWords >= 3 && Self.startsMixedCase(scalars, tokens[k + 1]) {
        ends = true
      }
      if ends {
        sentences.append(Sentence(start: tokens[sentenceStart].start, end: end))
        sentenceStart = k + 1
        dateline =
          lineBreak ? Dateline.find(scalars, tokens, from: k + 1, months: data.months) : nil
      }
    }
    sentences.append(
      Sentence(start: tokens[sentenceStart].start, end: tokens[tokens.count - 1].end))
    return sentences
  }

  /// The boundaries of ICU's sentence break iterator (locale `es`).
  static func icuBoundaries(_ scalars: [Unicode.Scalar]) -> [Int] {
    var boundaries: [Int] = []
    UTF16Text(scalars).forEachBreak(Int32(PRENSA_BREAK_SENTENCE)) { offset, _ in
      boundaries.append(offset)
    }
    return boundaries
  }

  /// `… entre Moscú y⏎Pyongyang`: one line break (not a blank line) after a word that never ends
  /// a sentence (`es/wrap-words.txt`) is a wrapped line, not the end of a sentence.
  private func isWrappedLine(_ s: [Unicode.Scalar], _ token: Token, gap: ArraySlice<Unicode.Scalar>)
    -> Bool
  {
    guard token.kind == .word, gap.filter(\.isLineBreak).count == 1,
      s[token.start].isLowercaseLetter
    else { return false }
    return data.wrapWords.contains(MatchKey.key(String(scalars: s[token.start..<token.end])))
  }

  /// `… en el acto. - No murió …`: a terminal mark, then a dialogue dash opening the next line of
  /// speech with a capital or an opening sign.
  private static func opensDialogue(_ s: [Unicode.Scalar], _ tokens: [Token], after k: Int) -> Bool
  {
    guard k + 2 < tokens.count, tokens[k].end - tokens[k].start == 1,
      [".", "!", "?"].contains(s[tokens[k].start])
    else {
      return false
    }
    guard isDash(s, tokens[k + 1]), tokens[k + 1].start > tokens[k].end else { return false }
    // The spaced double dash of some corpora (`. - - Sí`).
    var opener = k + 2
    if isDash(s, tokens[opener]), opener + 1 < tokens.count { opener += 1 }
    let first = s[tokens[opener].start]
    return first.isUppercaseLetter || first == "¿" || first == "¡"
  }

  /// A one-character hyphen or dash token (dialogue, list items, chronologies).
  private static func isDash(_ s: [Unicode.Scalar], _ token: Token) -> Bool {
    token.end - token.start == 1 && ["-", "–", "—"].contains(s[token.start])
  }

  /// `7 de julio. - Barak presenta…`, `2000 Enero / Febrero. - La Kneset…`: in a chronology, a
  /// date alone before a dash is the heading of the item that follows, not a sentence of its own.
  static func isDatelineItem(
    _ s: [Unicode.Scalar], _ tokens: [Token], from first: Int, through k: Int,
    months: [String: Int]
  ) -> Bool {
    guard k > first, k + 2 < tokens.count, tokens[k].end - tokens[k].start == 1,
      s[tokens[k].start] == "."
    else { return false }
    guard isDash(s, tokens[k + 1]) else { return false }
    var sawDate = false
    for t in first..<k {
      let key = MatchKey.key(String(scalars: s[tokens[t].start..<tokens[t].end]))
      // Month names, not their three-letter abbreviations (`mar`, `set` are words too).
      if tokens[t].kind == .number || (key.count > 3 && months[key] != nil) {
        sawDate = true
      } else if !["de", "del", "/", "-", "y", "al"].contains(key) {
        return false
      }
    }
    return sawDate && k - first <= 8
  }

  /// `RIAZOR FUE OTRA VEZ SINÓNIMO DE DESASTRE El Real Madrid, que…`: a headline in capitals
  /// glued to the text that follows ends where the first word in mixed case begins, after three
  /// words in capitals.
  ///
  /// A word in capitals: two scalars or more, every letter a capital.
  private static func isCapitalWord(_ s: [Unicode.Scalar], _ token: Token) -> Bool {
    let (start, end) = (token.start, token.end)
    guard token.kind == .word, end - start >= 2 else { return false }
    // Read by index (a slice retains the text's buffer).
    for i in start..<end where s[i].isLetter && !s[i].isUppercaseLetter { return false }
    return true
  }

  /// A word in mixed case: a capital, then a lower-case letter somewhere after it.
  private static func startsMixedCase(_ s: [Unicode.Scalar], _ token: Token) -> Bool {
    let (start, end) = (token.start, token.end)
    guard token.kind == .word, start < end, s[start].isUppercaseLetter else { return false }
    for i in (start + 1)..<end where s[i].isLowercaseLetter { return true }
    return false
  }

  /// A period, `!` or `?` followed by a space and a capital, digit or opening sign: a boundary
  /// ICU misses before a number (`mayo. 2024 fue`).
  private static func endsWithTerminal(_ s: [Unicode.Scalar], _ tokens: [Token], at k: Int)
    -> Bool
  {
    let (start, end, nextStart) = (tokens[k].start, tokens[k].end, tokens[k + 1].start)
    guard end - start == 1, nextStart > end else { return false }
    let first = s[nextStart]
    switch s[start] {
    case ".", "!", "?": break
    // `…del departamento; Se concentra en…`: after a semicolon Spanish goes on in lower case, so
    // a capitalised common word starts a new sentence (a name after `;` does not: see below).
    case ";": return first.isUppercaseLetter
    default: return false
    }
    return first.properties.numericType != nil || first.isUppercaseLetter
  }

  private func acceptsBoundary(_ s: [Unicode.Scalar], _ tokens: [Token], after k: Int) -> Bool {
    let next = tokens[k + 1]
    let first = s[next.start]
    if first.isLowercaseLetter { return false }
    if first == "," || first == ";" || first == ")" || first == ":" { return false }
    // The last token that is not a closing quote or bracket.
    var j = k
    while j > 0 && Self.isClosing(s, tokens[j]) { j -= 1 }
    let last = tokens[j]
    if last.kind == .abbreviation {
      let key = MatchKey.key(String(scalars: s[last.start..<last.end]))
      if data.abbreviations[key] == true { return false }
      // Inside a spaced abbreviation (`a.` of `a. C.`).
      if tokens[k + 1].kind == .abbreviation && next.start == last.end + 1
        && data.spacedAbbreviations.contains(where: { $0.dropLast().contains(key) })
      {
        return false
      }
      let length = last.end - last.start
      if length == 2 && s[last.start].isUppercaseLetter { return false }  // an initial
      return first.isUppercaseLetter || first == "¿" || first == "¡" || first == "«"
        || first == "\""
    }
    // A sentence ends with terminal punctuation; ICU sometimes breaks elsewhere.
    let end = s[last.end - 1]
    switch end {
    case ".", "!", "?", "…": return true
    case ";": return startsWithCommonWord(s, next)
    default: return last.kind == .punct && (end == ":" ? false : true)
    }
  }

  /// Whether `token` is a capitalised function word or verb form rather than a name: its
  /// lower-case form is in the Spanish word list of sentence openers.
  private func startsWithCommonWord(_ s: [Unicode.Scalar], _ token: Token) -> Bool {
    guard token.kind == .word, s[token.start].isUppercaseLetter else { return false }
    return data.sentenceOpeners.contains(MatchKey.key(String(scalars: s[token.start..<token.end])))
  }

  private static func isClosing(_ s: [Unicode.Scalar], _ token: Token) -> Bool {
    guard token.end - token.start == 1 else { return false }
    switch s[token.start] {
    case "»", "”", "\"", "'", "’", ")", "]": return true
    default: return false
    }
  }
}

extension [Unicode.Scalar] {
  /// Whether a line break lies in `range` (the gap between two tokens, say). Read by index: a
  /// slice would retain and release the array's buffer, and this is asked at every token.
  func hasLineBreak(in range: Range<Int>) -> Bool {
    for i in range where self[i].isLineBreak { return true }
    return false
  }
}
