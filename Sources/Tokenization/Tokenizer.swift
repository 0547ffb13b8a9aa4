import ICUShim
import PrensaText
import PrensaCore

/// The tokenize stage: tokens and sentences over the normalized text.
///
/// ICU's word break iterator (locale `es`) finds the segments; Spanish rules then join what UD
/// Spanish treats as one token (abbreviations, initials, hyphenated compounds, times, ellipses,
/// URLs, e-mail addresses, hashtags and mentions), assign each token a `kind`, and expand
/// contractions and enclitics. Sentences come from `SentenceSplitter`.
public struct Tokenizer: Stage {
  public let name = "tokenize"
  public var data: SpanishData

  public init(data: SpanishData) { self.data = data }

  public func process(_ document: inout Document, in context: StageContext) throws(StageError) {
    let scalars = document.scalars()
    // ICU counts UTF-16 units in 32-bit integers (and tokens keep 32-bit offsets): a text of
    // 2^31 units or more (8 GB of scalars in memory) is refused, not cut.
    guard UTF16Text.fitsICU(scalars) else {
      throw StageError(
        "text of \(scalars.count) scalars is longer than tokenize handles (2^31 UTF-16 units)")
    }
    let tokens = tokenize(scalars)
    document.tokens = tokens
    document.sentences = SentenceSplitter(data: data).split(scalars, tokens: tokens)
    Self.recordDateline(&document, scalars, tokens, months: data.months)
  }

  /// Puts the first paragraph-opening dateline into `meta.dateline` (`{text, place, region?,
  /// date?, agency?, start, end, place_start, place_end}`, offsets in scalars of the text). `tokenize` owns that field:
  /// a text without a dateline loses one a former text left.
  static func recordDateline(
    _ document: inout Document, _ s: [Unicode.Scalar], _ tokens: [Token], months: [String: Int]
  ) {
    guard !months.isEmpty, !tokens.isEmpty else { return }
    // The first line that opens with a dateline. The loop stops at it: testing the optional at
    // every token copied it (its strings retained and released) once per token.
    var line: Dateline?
    for t in tokens.indices where t == 0 || s.hasLineBreak(in: tokens[t - 1].end..<tokens[t].start)
    {
      if let found = Dateline.find(s, tokens, from: t, months: months) {
        line = found
        break
      }
    }
    guard let line else {
      if var meta = document.fields["meta"]?.objectValue, meta["dateline"] != nil {
        meta["dateline"] = nil
        document.fields["meta"] = .object(meta)
      }
      return
    }
    var meta = document.fields["meta"]?.objectValue ?? JSONObject()
    var value = JSONObject([
      ("text", .string(String(scalars: s[line.start..<line.end]))),
      ("place", .string(String(scalars: s[line.placeStart..<line.placeEnd]))),
    ])
    if let region = line.region { value["region"] = .string(region) }
    if let date = line.date { value["date"] = .string(date) }
    if let agency = line.agency { value["agency"] = .string(agency) }
    value["start"] = .int(line.start)
    value["end"] = .int(line.end)
    value["place_start"] = .int(line.placeStart)
    value["place_end"] = .int(line.placeEnd)
    meta["dateline"] = .object(value)
    document.fields["meta"] = .object(meta)
  }

  /// The tokens of `text` (for callers outside a pipeline).
  public func tokenize(_ text: String) -> [Token] { tokenize(Array(text.unicodeScalars)) }

  /// The tokens of `scalars`.
  ///
  /// - Complexity: O(*n*) in the length of the text.
  public func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
    let protected = ProtectedSpans.find(in: scalars)
    // The segments are taken as ICU finds them: a list of them beside `raw` would double the
    // tokens' memory on a long text.
    var raw: [Token] = []
    // About one token in five scalars; past 65,536 the list grows by doubling as before.
    raw.reserveCapacity(min(scalars.count / 4 + 4, 1 << 16))
    var p = 0
    Self.forEachWordSegment(scalars) { segment in
      while p < protected.count && protected[p].span.end <= segment.start { p += 1 }
      if p < protected.count && protected[p].span.start < segment.end {
        let guarded = protected[p]
        if raw.last?.start != guarded.span.start || raw.last?.end != guarded.span.end {
          // A segment that starts before the protected span keeps its head.
          if segment.start < guarded.span.start {
            raw.append(Token(start: segment.start, end: guarded.span.start, kind: .word))
          }
          raw.append(Token(start: guarded.span.start, end: guarded.span.end, kind: guarded.kind))
        }
        if segment.end > guarded.span.end {
          raw.append(Token(start: guarded.span.end, end: segment.end, kind: .word))
        }
        return
      }
      raw.append(segment)
    }
    TokenMerger(scalars: scalars, data: data).merge(&raw)
    // The list grew by doubling: on a long text, a third of its room may be empty. The document
    // keeps it through every later stage, so a long one is copied to its size.
    if raw.count > 1 << 16 && raw.capacity - raw.count > raw.count / 8 {
      let count = raw.count
      raw = [Token](unsafeUninitializedCapacity: count) { buffer, initialized in
        _ = buffer.initialize(from: raw)
        initialized = count
      }
    }
    for i in raw.indices where raw[i].kind == .word {
      raw[i].expansion = expansion(of: scalars[raw[i].start..<raw[i].end])
    }
    return raw
  }

  /// Calls `body` with each word segment that is not whitespace, in order, with a first guess
  /// at its kind. The segments are ICU's word break iterator's (locale `es`); `WordSegmenter`
  /// finds the same ones itself in a text of Latin, Greek or Cyrillic script, and ICU is asked
  /// only for other texts (or always, with `icuOnly`).
  static func forEachWordSegment(
    _ scalars: [Unicode.Scalar], icuOnly: Bool = false, _ body: (Token) -> Void
  ) {
    @inline(__always) func segment(_ start: Int, _ end: Int, _ status: Int32) {
      let first = scalars[start]
      if LineLayoutSpaces.isWhitespace(first) { return }
      let kind: TokenKind
      switch status {
      case 100..<200: kind = .number
      case 200..<500: kind = .word
      default: kind = CharacterClass.kind(of: first)
      }
      body(Token(start: start, end: end, kind: kind))
    }
    if !icuOnly && WordSegmenter.segments(scalars, segment) { return }
    var start = 0
    UTF16Text(scalars).forEachBreak(Int32(PRENSA_BREAK_WORD)) { end, status in
      defer { start = end }
      guard start < end else { return }
      segment(start, end, status)
    }
  }

  /// The kind of a token that starts with `scalar` (for tokens that come pre-split).
  public static func kind(of scalar: Unicode.Scalar) -> TokenKind {
    CharacterClass.kind(of: scalar)
  }

  /// The syntactic words of a contraction (`del` → `de el`) or of a verb with enclitics
  /// (`dárselo` → `dar se lo`); nil for an ordinary word.
  ///
  /// Cheap checks on the scalars come first: most words are neither, and building a string for
  /// every token would dominate the tokenizer's time.
  func expansion(of word: ArraySlice<Unicode.Scalar>) -> [String]? {
    guard word.count >= 2, word.count <= 30, let first = word.first, let last = word.last else {
      return nil
    }
    if word.count <= data.longestContraction && data.mayBeContraction(word) {
      let lower = String(scalars: word).lowercased()
      if let words = data.contractions[lower] {
        guard first.isUppercaseLetter, var head = words.first else { return words }
        head = head.prefix(1).uppercased() + head.dropFirst()
        return [head] + words.dropFirst()
      }
    }
    // Proper names (Carlos) are not verbs; a capitalised verb with clitics starts a sentence
    // rarely enough to leave alone. Every clitic ends in a vowel or s.
    guard word.count >= 5, !data.clitics.isEmpty,
      last == "a" || last == "e" || last == "o" || last == "s",
      (first.value >= 0x61 && first.value <= 0x7A)
        || (first.value > 0x7F && first.isLowercaseLetter)
    else { return nil }
    guard
      word.allSatisfy({
        ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "-"
          || ($0.value > 0x7F && $0.isLowercaseLetter)
      }),
      let parts = Clitics.split(word, clitics: data.cliticScalars)
    else { return nil }
    return data.cliticExceptions.contains(String(scalars: word)) ? nil : parts
  }
}

/// Whitespace as the tokenizer sees it (normalized text has only space and line feeds, but
/// records may come un-normalized from a pipe).
enum LineLayoutSpaces {
  /// Unicode White_Space, and the zero-width space. Half the segments of a text are spaces: ASCII
  /// is answered without a property lookup.
  static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
    if s.value < 0x80 { return s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D) }
    return s.properties.isWhitespace || s.value == 0x200B
  }
}

/// Splitting enclitic pronouns off infinitives and gerunds, on scalars (no string is built until
/// a split is found: this runs on every lower-case word).
enum Clitics {
  private static let stemEndings: [[Unicode.Scalar]] = [
    "ar", "er", "ir", "ár", "ér", "ír", "ando", "iendo", "ándo", "iéndo", "yendo", "yéndo",
  ].map { Array($0.unicodeScalars) }

  static func split(_ word: ArraySlice<Unicode.Scalar>, clitics: [[Unicode.Scalar]]) -> [String]? {
    // Two clitics, then one: dárselo = dár + se + lo. Both ways peel the same last clitic first,
    // so it is looked for once (most words end like none).
    guard let outer = cliticEnding(word, clitics) else { return nil }
    let rest = word.dropLast(clitics[outer].count)
    if let inner = cliticEnding(rest, clitics) {
      let stem = rest.dropLast(clitics[inner].count)
      if endsLikeVerb(stem) {
        return [plain(stem), String(scalars: clitics[inner]), String(scalars: clitics[outer])]
      }
    }
    guard endsLikeVerb(rest) else { return nil }
    return [plain(rest), String(scalars: clitics[outer])]
  }

  /// The first clitic `word` ends with, leaving more than two scalars before it.
  private static func cliticEnding(
    _ word: ArraySlice<Unicode.Scalar>, _ clitics: [[Unicode.Scalar]]
  ) -> Int? {
    clitics.firstIndex { word.count > $0.count + 2 && endsWith(word, $0) }
  }

  /// Whether a stem ends like an infinitive or a gerund.
  private static func endsLikeVerb(_ stem: ArraySlice<Unicode.Scalar>) -> Bool {
    stemEndings.contains { stem.count >= $0.count + 1 && endsWith(stem, $0) }
  }

  /// The stem as a word, its accent dropped (`dár` → `dar`).
  private static func plain(_ stem: ArraySlice<Unicode.Scalar>) -> String {
    String(
      scalars: stem.map { c -> Unicode.Scalar in
        switch c {
        case "á": "a"
        case "é": "e"
        case "í": "i"
        case "ó": "o"
        case "ú": "u"
        default: c
        }
      })
  }

  /// Whether `word` ends with `suffix` (a plain loop: this runs for every clitic on every
  /// lower-case word of five letters or more).
  @inline(__always) static func endsWith(
    _ word: ArraySlice<Unicode.Scalar>, _ suffix: [Unicode.Scalar]
  ) -> Bool {
    guard word.count >= suffix.count else { return false }
    var i = word.endIndex - suffix.count
    for scalar in suffix {
      if word[i] != scalar { return false }
      i += 1
    }
    return true
  }
}
