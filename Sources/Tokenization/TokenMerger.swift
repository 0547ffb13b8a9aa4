import PrensaText
import PrensaCore

/// Joins ICU segments into the tokens UD Spanish expects.
struct TokenMerger {
  let scalars: [Unicode.Scalar]
  let data: SpanishData

  private func text(_ start: Int, _ end: Int) -> String {
    String(scalars: scalars[start..<end])
  }

  private func isDot(_ token: Token) -> Bool {
    token.end - token.start == 1 && scalars[token.start] == "."
  }

  private func isHyphen(_ token: Token) -> Bool {
    token.end - token.start == 1
      && (scalars[token.start] == "-" || scalars[token.start] == "\u{2010}")
  }

  private func isAlphanumeric(_ token: Token) -> Bool {
    token.kind == .word || token.kind == .number
  }

  /// Merges the segments in place: a merged token never takes more places than its segments, so
  /// each is written at or before the place it is read from (no second list as long as the
  /// first on a long text).
  ///
  /// - Complexity: O(*n*) in the number of segments.
  func merge(_ raw: inout [Token]) {
    var written = 0
    func emit(_ token: Token) {
      raw[written] = token
      written += 1
    }
    var i = 0
    while i < raw.count {
      let token = raw[i]
      let next = i + 1 < raw.count ? raw[i + 1] : nil
      let touchingNext = next.map { $0.start == token.end } ?? false

      // Spaced abbreviations: `EE. UU.`, `a. C.`, `p. ej.`: one abbreviation token per part.
      if token.kind == .word, let parts = spacedAbbreviation(raw, at: i) {
        for part in parts { emit(part) }
        i += parts.count * 2
        continue
      }
      // Abbreviations and acronyms: `Sr` + `.`, `EE.UU` + `.`, initials `J` + `.`.
      if token.kind == .word, touchingNext, let dot = next, isDot(dot),
        isAbbreviation(token, followedBy: dot, after: raw.dropFirst(i + 2).first)
      {
        emit(Token(start: token.start, end: dot.end, kind: .abbreviation))
        i += 2
        continue
      }
      // Ellipsis written as dots.
      if isDot(token), touchingNext, let dot = next, isDot(dot) {
        var j = i + 1
        while j + 1 < raw.count && isDot(raw[j + 1]) && raw[j + 1].start == raw[j].end { j += 1 }
        emit(Token(start: token.start, end: raw[j].end, kind: .punct))
        i = j + 1
        continue
      }
      // Times: 15:30.
      if token.kind == .number, touchingNext, let colon = next, colon.end - colon.start == 1,
        scalars[colon.start] == ":",
        i + 2 < raw.count, raw[i + 2].start == colon.end, raw[i + 2].kind == .number,
        raw[i + 2].end - raw[i + 2].start == 2
      {
        emit(Token(start: token.start, end: raw[i + 2].end, kind: .number))
        i += 3
        continue
      }
      // Hyphenated compounds: dólar-marco, PSE-PSOE, Rusia-Corea, N-340; parts kept.
      if isAlphanumeric(token), touchingNext, let hyphen = next, isHyphen(hyphen),
        i + 2 < raw.count,
        raw[i + 2].start == hyphen.end, isAlphanumeric(raw[i + 2])
      {
        var parts = [token.span]
        var j = i
        while j + 2 < raw.count, raw[j + 1].start == raw[j].end, isHyphen(raw[j + 1]),
          raw[j + 2].start == raw[j + 1].end, isAlphanumeric(raw[j + 2])
        {
          parts.append(raw[j + 2].span)
          j += 2
        }
        let allNumbers = parts.allSatisfy { part in
          scalars[part.start].properties.numericType != nil
        }
        emit(
          Token(
            start: token.start, end: raw[j].end, kind: allNumbers ? .number : .word, parts: parts))
        i = j + 1
        continue
      }
      emit(token)
      i += 1
    }
    raw.removeSubrange(written...)
  }

  /// The parts of a listed spaced abbreviation starting at segment `i`, if one matches:
  /// each part is a word and a touching period, and parts are one space apart.
  private func spacedAbbreviation(_ raw: [Token], at i: Int) -> [Token]? {
    guard raw[i].end - raw[i].start <= 3, i + 3 < raw.count, isDot(raw[i + 1]),
      raw[i + 1].start == raw[i].end,
      raw[i + 2].start == raw[i + 1].end + 1
    else { return nil }
    for parts in data.spacedAbbreviations {
      var matched: [Token] = []
      var j = i
      for (k, part) in parts.enumerated() {
        guard j + 1 < raw.count, raw[j].kind == .word, raw[j + 1].start == raw[j].end,
          isDot(raw[j + 1]),
          MatchKey.key(text(raw[j].start, raw[j + 1].end)) == part
        else { break }
        if k > 0 {
          guard let previous = matched.last, raw[j].start == previous.end + 1,
            scalars[previous.end] == " "
          else { break }
        }
        matched.append(Token(start: raw[j].start, end: raw[j + 1].end, kind: .abbreviation))
        j += 2
      }
      if matched.count == parts.count { return matched }
    }
    return nil
  }

  /// Whether `word` + `.` is an abbreviation: listed (`Sr.`, `aprox.`), an acronym with inner
  /// dots (`EE.UU.`, `U.S.A.`), or an initial (`J.` before a capitalised word or another initial).
  private func isAbbreviation(_ word: Token, followedBy dot: Token, after: Token?) -> Bool {
    let surface = text(word.start, dot.end)
    if data.abbreviations[MatchKey.key(surface)] != nil { return true }
    let body = scalars[word.start..<word.end]
    if body.contains(".") {
      let pieces = body.split(separator: ".")
      if pieces.allSatisfy({ $0.count <= 3 && $0.allSatisfy { $0.isLetter } }) { return true }
    }
    if body.count == 1, let letter = body.first, letter.isUppercaseLetter, let after {
      let nextFirst = scalars[after.start]
      return after.start == dot.end + 1 && nextFirst.isUppercaseLetter
    }
    return false
  }
}
