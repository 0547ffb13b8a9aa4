import PrensaCore

/// Token and sentence F1 against CoNLL-U gold, computed the CoNLL 2018 way: whitespace is
/// removed from both sides, every token and sentence becomes a span over the remaining
/// characters, and a system span is correct when a gold span is identical. Multiword tokens
/// (`del` = `de el`) count as one surface token.
public enum SegmentationScorer {
  public struct Scores: Equatable, Sendable {
    public var tokens: PRFScore
    public var sentences: PRFScore
  }

  struct Spans {
    var characters: [Unicode.Scalar] = []
    var tokens: [Span] = []
    var sentences: [Span] = []
  }

  /// Whitespace as the CoNLL 2018 evaluation treats it.
  static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029: return true
    default: return c.properties.generalCategory == .spaceSeparator || c.properties.isWhitespace
    }
  }

  /// Reads gold spans from CoNLL-U text.
  ///
  /// - Throws: `PipelineError.invalidConfiguration` naming `file:line`.
  static func goldSpans(conllu text: String, file: String) throws(PipelineError) -> Spans {
    var spans = Spans()
    var sentenceStart = 0
    var multiwordEnd = 0
    var inSentence = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        if inSentence && spans.characters.count > sentenceStart {
          spans.sentences.append(Span(start: sentenceStart, end: spans.characters.count))
        }
        inSentence = false
        sentenceStart = spans.characters.count
        multiwordEnd = 0
        continue
      }
      inSentence = true
      if line.hasPrefix("#") { continue }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard columns.count == 10 else {
        throw .invalidConfiguration("\(file):\(index + 1): expected 10 tab-separated columns")
      }
      let id = columns[0]
      if id.contains(".") { continue }
      var wordID = 0
      if let dash = id.firstIndex(of: "-") {
        multiwordEnd = Int(id[id.index(after: dash)...]) ?? 0
      } else {
        wordID = Int(id) ?? 0
        if wordID <= multiwordEnd { continue }
      }
      let form = columns[1].unicodeScalars.filter { !isWhitespace($0) }
      guard !form.isEmpty else { throw .invalidConfiguration("\(file):\(index + 1): empty FORM") }
      let start = spans.characters.count
      spans.characters.append(contentsOf: form)
      spans.tokens.append(Span(start: start, end: spans.characters.count))
    }
    if inSentence && spans.characters.count > sentenceStart {
      spans.sentences.append(Span(start: sentenceStart, end: spans.characters.count))
    }
    return spans
  }

  static func systemSpans(_ documents: [Document]) -> Spans {
    var spans = Spans()
    for document in documents {
      let scalars = Array(document.text.unicodeScalars)
      var prefix = [Int](repeating: 0, count: scalars.count + 1)
      let base = spans.characters.count
      var n = 0
      for (i, c) in scalars.enumerated() {
        prefix[i] = n
        if !isWhitespace(c) {
          n += 1
          spans.characters.append(c)
        }
      }
      prefix[scalars.count] = n
      for token in document.tokens ?? [] where prefix[token.start] < prefix[token.end] {
        spans.tokens.append(Span(start: base + prefix[token.start], end: base + prefix[token.end]))
      }
      for sentence in document.sentences ?? [] where prefix[sentence.start] < prefix[sentence.end] {
        spans.sentences.append(
          Span(start: base + prefix[sentence.start], end: base + prefix[sentence.end]))
      }
    }
    spans.tokens.sort()
    spans.sentences.sort()
    return spans
  }

  /// Scores system documents against CoNLL-U gold text.
  ///
  /// - Throws: `PipelineError.invalidConfiguration` when the texts differ (without whitespace).
  public static func score(conllu: String, file: String, system documents: [Document])
    throws(PipelineError) -> Scores
  {
    let gold = try goldSpans(conllu: conllu, file: file)
    let system = systemSpans(documents)
    if gold.characters != system.characters {
      let at =
        zip(gold.characters, system.characters).enumerated().first { $0.element.0 != $0.element.1 }?
        .offset
        ?? min(gold.characters.count, system.characters.count)
      throw .invalidConfiguration(
        "the text without whitespace differs from \(file) at character \(at) (gold \(gold.characters.count), system \(system.characters.count) characters)"
      )
    }
    return Scores(
      tokens: match(gold.tokens, system.tokens), sentences: match(gold.sentences, system.sentences))
  }

  /// Identical spans, both lists sorted (a two-pointer walk, as the CoNLL 2018 script does).
  static func match(_ gold: [Span], _ system: [Span]) -> PRFScore {
    var correct = 0
    var g = 0
    var s = 0
    while g < gold.count && s < system.count {
      if system[s].start < gold[g].start {
        s += 1
      } else if gold[g].start < system[s].start {
        g += 1
      } else {
        if gold[g].end == system[s].end { correct += 1 }
        g += 1
        s += 1
      }
    }
    return PRFScore(tp: correct, fp: system.count - correct, fn: gold.count - correct)
  }
}
