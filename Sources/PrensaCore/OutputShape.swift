/// Which fields of a record are written (`--fields`, `--drop`) and whether each sentence carries
/// its text (`--sentence-text`): for the last stage of a chain, to keep output small or readable.
/// Processing is unchanged; only writing is shaped.
public struct OutputShape: Sendable, Equatable {
  /// Top-level fields to write (nil: all); `id` is always written.
  public var keep: Set<String>?
  /// Top-level fields not to write.
  public var drop: Set<String>
  /// Add `text` (the sentence's span of `text`) to each sentence.
  public var sentenceText: Bool

  public init(keep: Set<String>? = nil, drop: Set<String> = [], sentenceText: Bool = false) {
    self.keep = keep
    self.drop = drop
    self.sentenceText = sentenceText
  }

  /// Writes everything, as stages do by default.
  public static let all = OutputShape()

  public var isAll: Bool { keep == nil && drop.isEmpty && !sentenceText }

  /// Whether a top-level field is written.
  @inline(__always) func writes(_ key: String) -> Bool {
    if key == "id" { return true }
    if let keep, !keep.contains(key) { return false }
    return !drop.contains(key)
  }
}

extension Document {
  /// Writes the record shaped by `shape`: fields left out, sentences with their text.
  public mutating func write(
    to writer: inout JSONWriter, shape: OutputShape, drain: ((inout JSONWriter) -> Void)? = nil
  ) {
    guard !shape.isAll else {
      return write(to: &writer, omittingText: false, omittingStamp: false, drain: drain)
    }
    var shaped = self
    if shape.sentenceText, let sentences = shaped.sentences {
      let scalars = shaped.scalars()
      shaped.sentences = sentences.map { sentence in
        var sentence = sentence
        let end = min(sentence.end, scalars.count)
        let start = min(sentence.start, end)
        sentence.extra["text"] = .string(String(scalars: scalars[start..<end]))
        return sentence
      }
    }
    if !shape.writes("original") { shaped.original = nil }
    if !shape.writes("alignment") { shaped.alignment = nil }
    if !shape.writes("tokens") { shaped.tokens = nil }
    if !shape.writes("sentences") { shaped.sentences = nil }
    if !shape.writes("entities") { shaped.entities = nil }
    if !shape.writes("warnings") { shaped.warnings = [] }
    for key in shaped.fields.keys where !shape.writes(key) { shaped.fields[key] = nil }
    shaped.write(
      to: &writer, omittingText: !shape.writes("text"), omittingStamp: !shape.writes("prensa"),
      drain: drain)
  }
}
