import PrensaCore

/// Tokens that ICU would cut apart and that must stay whole: URLs, e-mail addresses, hashtags
/// and mentions.
enum ProtectedSpans {
  struct Found {
    var span: Span
    var kind: TokenKind
  }

  /// Scans each whitespace-delimited chunk once.
  ///
  /// - Complexity: O(*n*).
  static func find(in s: [Unicode.Scalar]) -> [Found] {
    guard mayHoldOne(s) else { return [] }
    var found: [Found] = []
    var i = 0
    while i < s.count {
      while i < s.count && isSpace(s[i]) { i += 1 }
      let chunkStart = i
      while i < s.count && !isSpace(s[i]) { i += 1 }
      guard i > chunkStart else { continue }
      if let match = classify(s, chunkStart..<i) { found.append(match) }
    }
    return found
  }

  /// Whether any chunk of `s` could pass `classify`'s first test (`@`, `#`, `//`, or `w` three
  /// scalars before a `.`), tested over the whole text at once: most texts have none, and are
  /// then not cut into chunks at all.
  static func mayHoldOne(_ s: [Unicode.Scalar]) -> Bool {
    s.withUnsafeBufferPointer { p in p.indices.contains { mayOpen(p, at: $0, before: p.count) } }
  }

  /// Whether scalar `i` can open a URL, an address, a hashtag or a mention ending before `end`:
  /// `@`, `#`, `//`, or `w` three scalars before a `.` (`www.`).
  @inline(__always) static func mayOpen(
    _ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, before end: Int
  ) -> Bool {
    switch s[i] {
    case "@", "#": true
    case "/": i + 1 < end && s[i + 1] == "/"
    case "w", "W": i + 3 < end && s[i + 3] == "."
    default: false
    }
  }

  @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x80 {
      return c == " " || c == "\n" || c == "\t" || c == "\r" || c.value == 0x0B || c.value == 0x0C
    }
    return c.properties.isWhitespace
  }

  private static func isOpening(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "(", "[", "«", "\"", "“", "'", "‘", "¿", "¡", "<": true
    default: false
    }
  }

  private static func isTrailing(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case ".", ",", ";", ":", "!", "?", ")", "]", "»", "\"", "”", "'", "’", "…", ">": true
    default: false
    }
  }

  private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
    c.isLetter || c.properties.numericType != nil || c == "_"
  }

  private static func classify(_ s: [Unicode.Scalar], _ chunk: Range<Int>) -> Found? {
    // Only chunks with `@`, `#`, `://` or `www.` can hold one of these.
    guard
      s.withUnsafeBufferPointer({ p in
        chunk.contains { mayOpen(p, at: $0, before: chunk.upperBound) }
      })
    else { return nil }
    var start = chunk.lowerBound
    while start < chunk.upperBound && isOpening(s[start]) { start += 1 }
    var end = chunk.upperBound
    guard start < end else { return nil }
    let text = String(scalars: s[start..<end]).lowercased()
    let isURL =
      text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("ftp://")
      || text.hasPrefix("www.")
    if isURL {
      // Trailing punctuation belongs to the sentence, except a ')' that closes one in the URL.
      while end > start && isTrailing(s[end - 1]) {
        if s[end - 1] == ")" && s[start..<end].contains("(") { break }
        end -= 1
      }
      return end - start > 4 ? Found(span: Span(start: start, end: end), kind: .url) : nil
    }
    if s[start] == "#" || s[start] == "@" {
      var j = start + 1
      while j < end && isWordScalar(s[j]) { j += 1 }
      guard j > start + 1, s[start + 1].isLetter || s[start + 1] == "_" else { return nil }
      // `@dominio.com` inside an e-mail is handled below; a mention is @ + word only.
      return Found(span: Span(start: start, end: j), kind: s[start] == "#" ? .hashtag : .mention)
    }
    if let at = s[start..<end].firstIndex(of: "@"), at > start {
      while end > at && isTrailing(s[end - 1]) { end -= 1 }
      let local = s[start..<at]
      let domain = s[(at + 1)..<end]
      let localOK = local.allSatisfy { isWordScalar($0) || ".-+%".unicodeScalars.contains($0) }
      let domainOK =
        domain.count >= 3 && domain.contains(".") && domain.last != "."
        && domain.allSatisfy { isWordScalar($0) || $0 == "." || $0 == "-" }
      if localOK && domainOK { return Found(span: Span(start: start, end: end), kind: .email) }
    }
    return nil
  }
}
