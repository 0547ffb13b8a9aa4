import PrensaCore

/// Markdown reduced to the text a reader sees, with the map back to the file.
///
/// Headings, block quotes and list markers, emphasis (`*`, `_`, `**`, `__`, `~~`), inline code,
/// links and images (their text and alt text stay), autolinks, inline HTML tags, code fences,
/// rules, table pipes and a YAML front matter are taken out; everything else, line breaks
/// included, stays where it was. Every change is a deletion (or a table pipe turned into a
/// space), so `alignment` maps each offset of the text back to the file exactly.
public enum MarkdownText {
  public struct Result: Sendable, Equatable {
    public var text: String
    /// From `text` to the Markdown source (empty when nothing was taken out).
    public var alignment: Alignment
    /// `title`, `date`, `author` from a YAML front matter.
    public var frontMatter: [String: String]
  }

  public static func strip(_ source: String) -> Result {
    let s = Array(source.unicodeScalars)
    var plan = Plan(count: s.count)
    var frontMatter: [String: String] = [:]
    let lines = lineRanges(s)
    var l = 0
    // A YAML front matter: `---` on the first line, up to the next `---` or `...`.
    if let first = lines.first, text(s, first) == "---" {
      var end = 1
      while end < lines.count && !["---", "..."].contains(text(s, lines[end])) { end += 1 }
      if end < lines.count {
        for line in lines[1..<end] {
          let value = text(s, line)
          guard let colon = value.firstIndex(of: ":") else { continue }
          let key = value[..<colon].trimmingCharacters(in: " ").lowercased()
          var field = value[value.index(after: colon)...].trimmingCharacters(in: " ")
          if field.count >= 2, let q = field.first, q == "\"" || q == "'", field.last == q {
            field = String(field.dropFirst().dropLast())
          }
          if ["title", "date", "author"].contains(key), !field.isEmpty { frontMatter[key] = field }
        }
        plan.delete(lines[0].lowerBound..<min(s.count, lines[end].upperBound + 1))
        l = end + 1
      }
    }
    var inFence: [Unicode.Scalar]?
    var paragraph: [Range<Int>] = []
    func flushParagraph() {
      inline(s, paragraph, &plan)
      paragraph.removeAll()
    }
    while l < lines.count {
      let line = lines[l]
      let trimmed = text(s, line).trimmingCharacters(in: " ")
      defer { l += 1 }
      if let fence = inFence {
        if trimmed.unicodeScalars.starts(with: fence)
          && trimmed.unicodeScalars.allSatisfy({ $0 == fence[0] })
        {
          plan.delete(line)
          inFence = nil
        }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        flushParagraph()
        inFence = Array(trimmed.unicodeScalars.prefix { $0 == trimmed.unicodeScalars.first })
        plan.delete(line)
        continue
      }
      if trimmed.isEmpty {
        flushParagraph()
        continue
      }
      // Rules and setext underlines.
      let marks = Set(trimmed.unicodeScalars.filter { $0 != " " })
      if marks.count == 1, let mark = marks.first, ["-", "*", "_", "="].contains(mark),
        trimmed.unicodeScalars.filter({ $0 != " " }).count >= 3
      {
        flushParagraph()
        plan.delete(line)
        continue
      }
      // Table separator rows.
      if trimmed.contains("|"),
        trimmed.unicodeScalars.allSatisfy({ "|-: ".unicodeScalars.contains($0) })
      {
        flushParagraph()
        plan.delete(line)
        continue
      }
      // Reference definitions: `[ref]: url`.
      if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]"),
        trimmed[trimmed.index(after: close)...].hasPrefix(":")
      {
        flushParagraph()
        plan.delete(line)
        continue
      }
      let start = blockPrefix(s, line)
      if start > line.lowerBound { plan.delete(line.lowerBound..<start) }
      // ATX heading: trailing `#`s go too; a heading is a paragraph of its own.
      let isHeading = start > line.lowerBound && s[line.lowerBound..<start].contains("#")
      var end = line.upperBound
      if isHeading {
        while end > start && s[end - 1] == " " { end -= 1 }
        var hashes = end
        while hashes > start && s[hashes - 1] == "#" { hashes -= 1 }
        if hashes < end && (hashes == start || s[hashes - 1] == " ") {
          while hashes > start && s[hashes - 1] == " " { hashes -= 1 }
          plan.delete(hashes..<line.upperBound)
          end = hashes
        }
        flushParagraph()
      }
      // Table rows: the outer pipes go, inner ones become spaces.
      if trimmed.hasPrefix("|") {
        let pipes = (start..<end).filter { s[$0] == "|" }
        for (n, i) in pipes.enumerated() {
          if n == 0 || (n == pipes.count - 1 && s[(i + 1)..<end].allSatisfy({ $0 == " " })) {
            plan.delete(i..<(i + 1))
          } else {
            plan.replace(i, with: " ")
          }
        }
      }
      paragraph.append(start..<end)
      if isHeading { flushParagraph() }
    }
    flushParagraph()
    return plan.result(s, frontMatter: frontMatter)
  }

  // MARK: - Blocks

  /// The line ranges of `s` (without their line breaks).
  static func lineRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    for (i, c) in s.enumerated() where c == "\n" {
      result.append(start..<(i > start && s[i - 1] == "\r" ? i - 1 : i))
      start = i + 1
    }
    if start < s.count { result.append(start..<s.count) }
    return result
  }

  static func text(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
    String(String.UnicodeScalarView(s[range]))
  }

  /// Where a line's text starts after its block markers: up to three spaces, block quote `>`s,
  /// a heading's `#`s, a list item's `-`, `*`, `+` or `1.` and the space after it.
  static func blockPrefix(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int {
    var i = line.lowerBound
    func skipSpaces(_ limit: Int = 3) {
      var n = 0
      while i < line.upperBound && s[i] == " " && n < limit {
        i += 1
        n += 1
      }
    }
    skipSpaces()
    while i < line.upperBound && s[i] == ">" {
      i += 1
      skipSpaces(1)
    }
    var hashes = 0
    var j = i
    while j < line.upperBound && s[j] == "#" && hashes < 7 {
      hashes += 1
      j += 1
    }
    if (1...6).contains(hashes) && (j == line.upperBound || s[j] == " ") {
      i = j
      skipSpaces(Int.max)
      return i
    }
    // List markers.
    if i + 1 < line.upperBound && ["-", "*", "+"].contains(s[i]) && s[i + 1] == " " {
      i += 2
    } else {
      var k = i
      while k < line.upperBound && s[k].properties.numericType == .decimal && k - i < 9 { k += 1 }
      if k > i && k + 1 < line.upperBound && (s[k] == "." || s[k] == ")") && s[k + 1] == " " {
        i = k + 2
      }
    }
    return i
  }

  // MARK: - Inline

  /// Takes the inline markup out of one paragraph (its line ranges after block markers).
  static func inline(_ s: [Unicode.Scalar], _ lines: [Range<Int>], _ plan: inout Plan) {
    guard !lines.isEmpty else { return }
    // The paragraph's scalars, by position in `s`.
    let positions = lines.flatMap { Array($0) }
    var literal = Set<Int>()
    var openers: [(position: Int, mark: Unicode.Scalar, length: Int)] = []
    var p = 0
    func at(_ q: Int) -> Unicode.Scalar? { q >= 0 && q < positions.count ? s[positions[q]] : nil }
    while p < positions.count {
      let i = positions[p]
      let c = s[i]
      if literal.contains(i) {
        p += 1
        continue
      }
      // Escapes.
      if c == "\\", let next = at(p + 1), next.isASCII,
        "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~".unicodeScalars.contains(next)
      {
        plan.delete(i..<(i + 1))
        literal.insert(positions[p + 1])
        p += 2
        continue
      }
      // Code spans.
      if c == "`" {
        var run = 0
        while at(p + run) == "`" { run += 1 }
        var q = p + run
        var close: Int?
        while q < positions.count {
          if at(q) == "`" {
            var r = 0
            while at(q + r) == "`" { r += 1 }
            if r == run {
              close = q
              break
            }
            q += r
          } else {
            q += 1
          }
        }
        if let close {
          for k in p..<(p + run) { plan.delete(positions[k]..<(positions[k] + 1)) }
          for k in close..<(close + run) { plan.delete(positions[k]..<(positions[k] + 1)) }
          for k in (p + run)..<close { literal.insert(positions[k]) }
          p = close + run
          continue
        }
        p += run
        continue
      }
      // Links and images: `[text](url)`, `[text][ref]`, `![alt](src)`.
      if c == "[" || (c == "!" && at(p + 1) == "[") {
        let open = c == "!" ? p + 1 : p
        if let (closeText, end) = linkEnd(s, positions, from: open) {
          for k in p...open { plan.delete(positions[k]..<(positions[k] + 1)) }
          for k in closeText..<end { plan.delete(positions[k]..<(positions[k] + 1)) }
          p = open + 1
          continue
        }
      }
      // Autolinks and inline HTML tags.
      if c == "<",
        let close = (p + 1..<min(positions.count, p + 300)).first(where: { at($0) == ">" })
      {
        let inner = String(String.UnicodeScalarView((p + 1..<close).compactMap { at($0) }))
        if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:")
          || (inner.contains("@") && !inner.contains(" "))
        {
          plan.delete(i..<(i + 1))
          plan.delete(positions[close]..<(positions[close] + 1))
          p = close + 1
          continue
        }
        if let first = inner.unicodeScalars.first,
          first.properties.isAlphabetic || (first == "/" && inner.count > 1)
            || first == "!"
        {
          for k in p...close { plan.delete(positions[k]..<(positions[k] + 1)) }
          p = close + 1
          continue
        }
      }
      // Emphasis delimiter runs.
      if c == "*" || c == "_" || c == "~" {
        var run = 0
        while at(p + run) == c { run += 1 }
        if c == "~" && run != 2 {
          p += run
          continue
        }
        let before = at(p - 1)
        let after = at(p + run)
        let leftFlanking = after.map { !$0.properties.isWhitespace } ?? false
        let rightFlanking = before.map { !$0.properties.isWhitespace } ?? false
        let intraword =
          c == "_" && (before?.properties.isAlphabetic ?? false)
          && (after?.properties.isAlphabetic ?? false)
        if !intraword {
          if rightFlanking,
            let o = openers.lastIndex(where: { $0.mark == c && $0.length == run })
          {
            let opener = openers[o]
            for k in opener.position..<(opener.position + run) {
              plan.delete(positions[k]..<(positions[k] + 1))
            }
            for k in p..<(p + run) { plan.delete(positions[k]..<(positions[k] + 1)) }
            openers.removeSubrange(o...)
          } else if leftFlanking {
            openers.append((p, c, run))
          }
        }
        p += run
        continue
      }
      p += 1
    }
  }

  /// For a `[` at `open`: the position of its `]` and one past the link's end (`)` of the
  /// destination or `]` of the reference), when it is a link.
  static func linkEnd(_ s: [Unicode.Scalar], _ positions: [Int], from open: Int) -> (Int, Int)? {
    var depth = 0
    var q = open
    while q < positions.count {
      let c = s[positions[q]]
      if c == "[" { depth += 1 }
      if c == "]" {
        depth -= 1
        if depth == 0 { break }
      }
      q += 1
    }
    guard q < positions.count, q + 1 < positions.count else { return nil }
    let closeText = q
    let next = s[positions[q + 1]]
    guard next == "(" || next == "[" else { return nil }
    let closing: Unicode.Scalar = next == "(" ? ")" : "]"
    var nesting = 0
    var r = q + 1
    while r < positions.count {
      let c = s[positions[r]]
      if c == next { nesting += 1 }
      if c == closing {
        nesting -= 1
        if nesting == 0 { return (closeText, r + 1) }
      }
      r += 1
    }
    return nil
  }

  /// The deletions and replacements to apply to the source.
  struct Plan {
    var deleted: [Bool]
    var replacements: [Int: Unicode.Scalar] = [:]

    init(count: Int) { deleted = [Bool](repeating: false, count: count) }

    mutating func delete(_ range: Range<Int>) {
      for i in range where i < deleted.count { deleted[i] = true }
    }

    mutating func replace(_ i: Int, with scalar: Unicode.Scalar) { replacements[i] = scalar }

    func result(_ s: [Unicode.Scalar], frontMatter: [String: String]) -> Result {
      var text = String.UnicodeScalarView()
      var edits: [Alignment.Edit] = []
      var k = 0
      var i = 0
      while i < s.count {
        if deleted[i] {
          let start = i
          while i < s.count && deleted[i] { i += 1 }
          edits.append(
            Alignment.Edit(text: Span(start: k, end: k), original: Span(start: start, end: i)))
          continue
        }
        if let replacement = replacements[i] {
          text.append(replacement)
          edits.append(
            Alignment.Edit(
              text: Span(start: k, end: k + 1), original: Span(start: i, end: i + 1)))
        } else {
          text.append(s[i])
        }
        k += 1
        i += 1
      }
      return Result(
        text: String(text), alignment: Alignment(edits: edits), frontMatter: frontMatter)
    }
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(self.drop { $0 == set }.reversed().drop { $0 == set }.reversed())
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    Substring(self).trimmingCharacters(in: set)
  }
}
