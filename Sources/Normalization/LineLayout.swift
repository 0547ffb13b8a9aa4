import PrensaCore

/// The whitespace and line-structure pass.
///
/// - Every run of spaces (any Unicode space, tabs) inside a line becomes one space.
/// - A blank line, or a paragraph separator, between two lines becomes exactly `\n\n`.
/// - A single line break is kept as `\n` where it ends a headline, byline, dateline or list item,
///   and becomes a space where it only wraps a sentence: the next line starts in lower case, the
///   line ends with a comma, or the text is hard-wrapped (most lines fill a fixed width) and the
///   line reaches that width.
/// - A word split at a line end (`coope-` / `ración`, both parts lower case) is joined; a
///   compound whose first part is a known combining form (`ruso-` / `norcoreana`) keeps its hyphen.
/// - CR, CRLF, VT, FF, NEL and LINE SEPARATOR are line breaks; leading and trailing whitespace goes.
struct LineLayout {
  var compoundPrefixes: Set<String>

  private struct Line {
    /// Runs of non-space scalars, as index ranges of the input.
    var runs: [Range<Int>]
    /// Scalar count of the line with its spaces collapsed.
    var length: Int
  }

  /// Whether `s` has no line break, no space at either end and no space but single U+0020s
  /// (or is empty): what `apply` returns unchanged without splitting it into lines.
  static func isOneLaidOutLine(_ s: [Unicode.Scalar]) -> Bool {
    guard let first = s.first, let last = s.last else { return true }
    guard !isSpace(first), !isSpace(last) else { return false }
    var previousSpace = false
    for c in s {
      if c.value > 0x20 && c.value < 0x7F {
        previousSpace = false
      } else if c.isLineBreak {
        return false
      } else if isSpace(c) {
        guard c == " ", !previousSpace else { return false }
        previousSpace = true
      } else {
        previousSpace = false
      }
    }
    return true
  }

  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  func apply(_ map: TextMap, changes: inout Normalizer.Changes) -> TextMap {
    let s = map.scalars
    // One line, words apart by one space, none at either end (most records of a paragraph):
    // the layout below would leave it as it is, so the lines and runs are not built.
    if Self.isOneLaidOutLine(s) { return map }
    // Split into lines; a paragraph separator or form feed counts as a blank line.
    var lines: [Line] = []
    var breaksBefore: [Int] = []  // line breaks between line k-1 and line k
    var current = Line(runs: [], length: 0)
    var breaks = 0
    var i = 0
    while i < s.count {
      let c = s[i]
      if c.isLineBreak {
        if !current.runs.isEmpty {
          lines.append(current)
          breaksBefore.append(breaks)
          current = Line(runs: [], length: 0)
          breaks = 0
        }
        if c == "\r" && i + 1 < s.count && s[i + 1] == "\n" { i += 1 }
        breaks += (c.value == 0x2029 || c.value == 0x0C) ? 2 : 1
        i += 1
        continue
      }
      if Self.isSpace(c) {
        i += 1
        continue
      }
      var j = i + 1
      while j < s.count && !Self.isSpace(s[j]) && !s[j].isLineBreak { j += 1 }
      current.length += (current.runs.isEmpty ? 0 : 1) + (j - i)
      current.runs.append(i..<j)
      i = j
    }
    if !current.runs.isEmpty {
      lines.append(current)
      breaksBefore.append(breaks)
    }

    let wrapWidth = wrapWidth(s, lines: lines, breaksBefore: breaksBefore)
    // Most texts are already laid out: then nothing is copied.
    if isUnchanged(s, lines: lines, breaksBefore: breaksBefore, wrapWidth: wrapWidth) { return map }
    var out = TextMap(capacity: s.count)
    var whitespace = 0
    // Leading whitespace.
    if let first = lines.first?.runs.first, first.lowerBound > 0 { whitespace += 1 }
    for (k, line) in lines.enumerated() {
      if k > 0 {
        let previousRun = lines[k - 1].runs[lines[k - 1].runs.count - 1]
        let gap = previousRun.upperBound..<line.runs[0].lowerBound
        var separator: [Unicode.Scalar]
        var gapToReplace = gap
        if breaksBefore[k] >= 2 {
          separator = ["\n", "\n"]
        } else if let join = hyphenJoin(s, previous: previousRun, next: line.runs[0]) {
          separator = []
          gapToReplace = join
          // The hyphen itself is part of the previous run: drop what was already copied.
          if join.lowerBound < gap.lowerBound {
            let drop = gap.lowerBound - join.lowerBound
            out.removeLast(drop)
          }
          changes.hyphenation += 1
        } else if keepsBreak(s, previous: lines[k - 1], next: line, wrapWidth: wrapWidth) {
          separator = ["\n"]
        } else {
          separator = [" "]
        }
        if gapToReplace == gap && s[gap].elementsEqual(separator) {
          out.copy(gap, from: map)
        } else if separator.isEmpty {
          // A deletion: nothing to emit; the alignment records the gap.
        } else {
          out.replace(gapToReplace, of: map, with: separator)
          if gapToReplace == gap { whitespace += 1 }
        }
      }
      for (r, run) in line.runs.enumerated() {
        if r > 0 {
          let gap = line.runs[r - 1].upperBound..<run.lowerBound
          if gap.count == 1 && s[gap.lowerBound] == " " {
            out.copy(gap, from: map)
          } else {
            out.replace(gap, of: map, with: CollectionOfOne(" "))
            whitespace += 1
          }
        }
        out.copy(run, from: map)
      }
    }
    if let last = lines.last?.runs.last, last.upperBound < s.count { whitespace += 1 }
    if lines.isEmpty && !s.isEmpty { whitespace += 1 }
    changes.whitespace += whitespace
    return out
  }

  /// Whether the layout would give back exactly `s`: no leading or trailing whitespace, one space
  /// between words, and every line break already what the rules make of it.
  private func isUnchanged(
    _ s: [Unicode.Scalar], lines: [Line], breaksBefore: [Int], wrapWidth: Int?
  ) -> Bool {
    guard let first = lines.first?.runs.first, let last = lines.last?.runs.last else {
      return s.isEmpty
    }
    guard first.lowerBound == 0, last.upperBound == s.count else { return false }
    for (k, line) in lines.enumerated() {
      if k > 0 {
        let previousRun = lines[k - 1].runs[lines[k - 1].runs.count - 1]
        let gap = s[previousRun.upperBound..<line.runs[0].lowerBound]
        if breaksBefore[k] >= 2 {
          guard gap.elementsEqual(["\n", "\n"]) else { return false }
        } else {
          guard hyphenJoin(s, previous: previousRun, next: line.runs[0]) == nil,
            keepsBreak(s, previous: lines[k - 1], next: line, wrapWidth: wrapWidth),
            gap.elementsEqual(["\n"])
          else { return false }
        }
      }
      for r in line.runs.indices.dropFirst() {
        let gap = line.runs[r - 1].upperBound..<line.runs[r].lowerBound
        guard gap.count == 1 && s[gap.lowerBound] == " " else { return false }
      }
    }
    return true
  }

  /// The width a hard-wrapped text is wrapped at, or nil when lines are not wrapped.
  ///
  /// The statistics run over logical lines: lines that the unconditional rules join anyway (a
  /// word split by a hyphen, a next line in lower case, a line ending in a comma) count as one, so
  /// that normalizing the output again sees the same lines and decides the same (idempotence).
  private func wrapWidth(_ s: [Unicode.Scalar], lines: [Line], breaksBefore: [Int]) -> Int? {
    var logical: [(length: Int, singleBreakAfter: Bool)] = []
    for (k, line) in lines.enumerated() {
      if k > 0, breaksBefore[k] == 1, let previous = logical.last,
        joinsAnyway(s, previous: lines[k - 1], next: line)
      {
        logical[logical.count - 1] = (previous.length + 1 + line.length, false)
      } else {
        logical.append((line.length, false))
      }
      if k + 1 < lines.count && breaksBefore[k + 1] == 1 {
        logical[logical.count - 1].singleBreakAfter = true
      }
    }
    let lengths = logical.dropLast().filter(\.singleBreakAfter).map(\.length)
    guard lengths.count >= 3, let widest = lengths.max(), widest <= 120, widest >= 30 else {
      return nil
    }
    let full = lengths.filter { Double($0) >= 0.7 * Double(widest) }.count
    return Double(full) >= 0.6 * Double(lengths.count) ? widest : nil
  }

  /// Whether a single line break is joined whatever the text's width: a split word, a next line
  /// in lower case, or a line ending in a comma or semicolon.
  private func joinsAnyway(_ s: [Unicode.Scalar], previous: Line, next: Line) -> Bool {
    let previousRun = previous.runs[previous.runs.count - 1]
    if hyphenJoin(s, previous: previousRun, next: next.runs[0]) != nil { return true }
    if Self.startsListItem(s, next.runs[0]) { return false }
    if s[next.runs[0].lowerBound].isLowercaseLetter { return true }
    var end = previousRun.upperBound - 1
    while end > previousRun.lowerBound && Self.isClosing(s[end]) { end -= 1 }
    return s[end] == "," || s[end] == ";"
  }

  private func keepsBreak(_ s: [Unicode.Scalar], previous: Line, next: Line, wrapWidth: Int?)
    -> Bool
  {
    let nextFirst = s[next.runs[0].lowerBound]
    if Self.startsListItem(s, next.runs[0]) { return true }
    if nextFirst.isLowercaseLetter { return false }
    let lastRun = previous.runs[previous.runs.count - 1]
    var end = lastRun.upperBound - 1
    while end > lastRun.lowerBound && Self.isClosing(s[end]) { end -= 1 }
    let last = s[end]
    if last == "," || last == ";" { return false }
    if let width = wrapWidth, Double(previous.length) >= 0.6 * Double(width) { return false }
    return true
  }

  private static func isClosing(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "\"", "'", ")", "]", "»", "”", "’": true
    default: false
    }
  }

  /// `- `, `• `, `* `, `1. `, `2) `, `a) ` at the start of a line.
  private static func startsListItem(_ s: [Unicode.Scalar], _ run: Range<Int>) -> Bool {
    let first = s[run.lowerBound]
    switch first {
    case "-", "–", "—", "•", "*", "·", "▪", "►", "◦": return true
    default: break
    }
    var i = run.lowerBound
    while i < run.upperBound && s[i].properties.numericType != nil { i += 1 }
    let digits = i - run.lowerBound
    if digits > 0 && digits <= 3 && i == run.upperBound - 1 && (s[i] == "." || s[i] == ")") {
      return true
    }
    if run.count == 2 && first.isLowercaseLetter && s[run.lowerBound + 1] == ")" {
      return true
    }
    return false
  }

  /// The range to delete when the previous line ends in a word split by a hyphen and the next
  /// line continues it in lower case; nil when the break is not a split word.
  private func hyphenJoin(_ s: [Unicode.Scalar], previous: Range<Int>, next: Range<Int>) -> Range<
    Int
  >? {
    let hyphen = previous.upperBound - 1
    guard hyphen - 1 >= previous.lowerBound, s[hyphen] == "-" || s[hyphen] == "\u{2010}",
      s[hyphen - 1].isLowercaseLetter, s[next.lowerBound].isLowercaseLetter
    else { return nil }
    var wordStart = hyphen - 1
    while wordStart > previous.lowerBound && s[wordStart - 1].isLetter {
      wordStart -= 1
    }
    var word = String.UnicodeScalarView()
    word.append(contentsOf: s[wordStart..<hyphen])
    if compoundPrefixes.contains(String(word).lowercased()) {
      return previous.upperBound..<next.lowerBound
    }
    return hyphen..<next.lowerBound
  }
}
