import ICUShim

/// prensa's own word and sentence segmenters against ICU's break iterators on one text: what the
/// tests and the `segment` fuzz target check (the segmenters promise ICU's answer on every text
/// they take).
package enum SegmenterCheck {
  /// A segment: its end (scalar offset) and rule status.
  package struct Boundary: Equatable, CustomStringConvertible {
    package var end: Int
    package var status: Int32
    package var description: String { "\(end):\(status)" }
  }

  /// ICU's word boundaries of `scalars`.
  package static func icuWords(_ scalars: [Unicode.Scalar]) -> [Boundary] {
    var result: [Boundary] = []
    UTF16Text(scalars).forEachBreak(Int32(PRENSA_BREAK_WORD)) { end, status in
      result.append(Boundary(end: end, status: status))
    }
    return result
  }

  /// `WordSegmenter`'s word boundaries, or nil when it leaves the text to ICU.
  package static func ownWords(_ scalars: [Unicode.Scalar]) -> [Boundary]? {
    var result: [Boundary] = []
    let taken = WordSegmenter.segments(scalars) { _, end, status in
      result.append(Boundary(end: end, status: status))
    }
    return taken ? result : nil
  }

  /// ICU's sentence boundaries of `scalars`.
  package static func icuSentences(_ scalars: [Unicode.Scalar]) -> [Int] {
    SentenceSplitter.icuBoundaries(scalars)
  }

  /// `SentenceSegmenter`'s sentence boundaries, or nil when it leaves the text to ICU.
  package static func ownSentences(_ scalars: [Unicode.Scalar]) -> [Int]? {
    SentenceSegmenter.boundaries(scalars)
  }

  /// Where the segmenters and ICU disagree on `scalars` (nil when they agree, or when the
  /// segmenters leave the text to ICU).
  package static func difference(_ scalars: [Unicode.Scalar]) -> String? {
    let text = String(String.UnicodeScalarView(scalars)).debugDescription
    if let own = ownWords(scalars) {
      let icu = icuWords(scalars)
      if own != icu { return "words of \(text): ICU \(icu), own \(own)" }
    }
    if let own = ownSentences(scalars) {
      let icu = icuSentences(scalars)
      if own != icu { return "sentences of \(text): ICU \(icu), own \(own)" }
    }
    return nil
  }
}
