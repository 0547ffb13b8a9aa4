import PrensaText
import PrensaCore

/// A dateline: the place (and date, and agency) that opens a news paragraph, as agencies and
/// papers print it: `MADRID, 3 may (EFE).-`, `WASHINGTON, 2 de mayo.`, `SEÚL, Corea del Sur (AP)
/// —`, `BRUSELAS (Reuters) -`.
///
/// The text keeps it; the sentence splitter does not end a sentence inside or right after it (it
/// belongs to the sentence that follows), and `tokenize` records it as `meta.dateline`.
public struct Dateline: Sendable, Equatable {
  /// The whole dateline with its closing mark, in scalars of the text.
  public var start: Int
  public var end: Int
  /// The place (`MADRID`), in scalars of the text.
  public var placeStart: Int
  public var placeEnd: Int
  /// The region after the place, when given (`Corea del Sur`).
  public var region: String?
  /// `YYYY-MM-DD` when the year is printed, else `--MM-DD` (ISO 8601 without a year).
  public var date: String?
  /// The agency in brackets (`EFE`).
  public var agency: String?
  /// The index of the dateline's last token.
  public var lastToken: Int

  /// The dateline that opens the tokens from `first`, if any.
  ///
  /// Form: a place in capitals (1–4 words); then any of `, Region`, `, day [de] month [de year]`,
  /// `(Agency)`; then a closing `.`, `.-`, `-`, `–`, `—` or `:`. A place alone is no dateline: a
  /// date or an agency must follow it.
  public static func find(
    _ s: [Unicode.Scalar], _ tokens: [Token], from first: Int, months: [String: Int]
  ) -> Dateline? {
    guard !months.isEmpty, first < tokens.count else { return nil }
    // Quick refusal of the usual paragraph opening (`El`, `La`, `Según`): a place in capitals
    // has no lower-case letter among its first two.
    let head = s[tokens[first].start..<min(tokens[first].end, tokens[first].start + 2)]
    if head.contains(where: { $0.isLowercaseLetter }) { return nil }
    func text(_ t: Int) -> String { String(scalars: s[tokens[t].start..<tokens[t].end]) }
    func isPunct(_ t: Int, _ marks: Set<String>) -> Bool {
      t < tokens.count && marks.contains(text(t))
    }
    var t = first
    // The place: words in capitals.
    var placeWords = 0
    var longest = 0
    while t < tokens.count, tokens[t].kind == .word || tokens[t].kind == .abbreviation,
      placeWords < 4
    {
      let word = s[tokens[t].start..<tokens[t].end]
      let letters = word.filter(\.isLetter)
      guard !letters.isEmpty, letters.allSatisfy(\.isUppercaseLetter) else { break }
      longest = max(longest, letters.count)
      placeWords += 1
      t += 1
    }
    guard placeWords > 0, longest >= 3 else { return nil }
    var line = Dateline(
      start: tokens[first].start, end: 0, placeStart: tokens[first].start,
      placeEnd: tokens[t - 1].end, lastToken: t - 1)
    // `, Region`, `, day de month de year`, in either order, each at most once.
    while isPunct(t, [","]) {
      var u = t + 1
      if let (date, next) = Self.date(s, tokens, from: u, months: months), line.date == nil {
        line.date = date
        t = next
        continue
      }
      var words: [String] = []
      while u < tokens.count, tokens[u].kind == .word || tokens[u].kind == .abbreviation,
        words.count < 4
      {
        let word = text(u)
        let lower = word.first?.isLowercase ?? false
        if lower && !["de", "del", "la", "las", "los", "el"].contains(word) { break }
        words.append(word)
        u += 1
      }
      guard !words.isEmpty, line.region == nil, !(words.last?.first?.isLowercase ?? true)
      else { return nil }
      line.region = words.joined(separator: " ")
      t = u
    }
    // `(Agency)`.
    if isPunct(t, ["("]) {
      var u = t + 1
      var words: [String] = []
      while u < tokens.count, !isPunct(u, [")"]), words.count < 4 {
        words.append(text(u))
        u += 1
      }
      guard isPunct(u, [")"]), !words.isEmpty else { return nil }
      line.agency = words.joined(separator: " ")
      t = u + 1
    }
    guard line.date != nil || line.agency != nil else { return nil }
    // The closing mark: `.`, `.-`, `. -`, a dash, or `:`.
    guard t < tokens.count else { return nil }
    let mark = text(t)
    if mark == "." {
      if t + 1 < tokens.count, ["-", "–", "—"].contains(text(t + 1)),
        tokens[t + 1].start - tokens[t].end <= 1
      {
        t += 1
      }
    } else if mark == ".-" || mark == "-" || mark == "–" || mark == "—" || mark == ":" {
      // closes the dateline
    } else {
      return nil
    }
    line.lastToken = t
    line.end = tokens[t].end
    // Text must follow on the same line.
    guard t + 1 < tokens.count,
      !s.hasLineBreak(in: tokens[t].end..<tokens[t + 1].start)
    else { return nil }
    return line
  }

  /// `3 may`, `2 de mayo`, `2 de mayo de 2024`, `2 de mayo, 2024` from token `t`: the date as
  /// `YYYY-MM-DD` or `--MM-DD`, and the token after it.
  static func date(
    _ s: [Unicode.Scalar], _ tokens: [Token], from first: Int, months: [String: Int]
  ) -> (String, Int)? {
    func text(_ t: Int) -> String { String(scalars: s[tokens[t].start..<tokens[t].end]) }
    var t = first
    guard t < tokens.count, tokens[t].kind == .number, let day = Int(text(t)),
      (1...31).contains(day)
    else { return nil }
    t += 1
    if t < tokens.count && text(t) == "de" { t += 1 }
    guard t < tokens.count, let month = months[MatchKey.key(text(t))] else { return nil }
    t += 1
    var year: Int?
    var u = t
    if u < tokens.count && ["de", "del", ","].contains(text(u)) { u += 1 }
    if u < tokens.count, tokens[u].kind == .number, let y = Int(text(u)), (1900...2100).contains(y)
    {
      year = y
      t = u + 1
    }
    let mm = month < 10 ? "0\(month)" : "\(month)"
    let dd = day < 10 ? "0\(day)" : "\(day)"
    return ((year.map(String.init) ?? "-") + "-\(mm)-\(dd)", t)
  }
}
