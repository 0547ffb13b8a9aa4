import Foundation
import ICUShim
import PrensaCore
import PrensaTestSupport
import Testing

@testable import Tokenization

/// `WordSegmenter` gives ICU's word segments and rule statuses on every text it takes, and
/// leaves every other text to ICU.
@Suite struct WordSegmenterTests {
  struct Segment: Equatable, CustomStringConvertible {
    var start: Int
    var end: Int
    var status: Int32
    var description: String { "\(start)..<\(end):\(status)" }
  }

  /// ICU's segments of a text.
  static func icu(_ scalars: [Unicode.Scalar]) -> [Segment] {
    var result: [Segment] = []
    var start = 0
    UTF16Text(scalars).forEachBreak(Int32(PRENSA_BREAK_WORD)) { end, status in
      result.append(Segment(start: start, end: end, status: status))
      start = end
    }
    return result
  }

  /// The segmenter's, or nil when it leaves the text to ICU.
  static func own(_ scalars: [Unicode.Scalar]) -> [Segment]? {
    var result: [Segment] = []
    let taken = WordSegmenter.segments(scalars) { start, end, status in
      result.append(Segment(start: start, end: end, status: status))
    }
    return taken ? result : nil
  }

  /// The texts among `texts` where the two differ, with both answers (at most `limit`).
  static func differences(_ texts: [[Unicode.Scalar]], limit: Int = 5) -> [String] {
    var found: [String] = []
    for scalars in texts {
      guard let own = own(scalars) else { continue }
      let icu = icu(scalars)
      if own != icu {
        let text = String(String.UnicodeScalarView(scalars)).debugDescription
        found.append("\(text): ICU \(icu), own \(own)")
        if found.count == limit { break }
      }
    }
    return found
  }

  /// Every character the segmenter takes, in the contexts where its class decides a boundary or
  /// a status: between letters, between digits, doubled, alone, at either end of a word or a
  /// number, between spaces.
  @Test func everyCharacterItTakesBreaksAsICU() {
    var texts: [[Unicode.Scalar]] = []
    var taken = 0
    let ranges = [
      0x0000..<0x0800, 0x1E00..<0x2200, 0x2200..<0x3000, 0xFB00..<0xFB07, 0xFF00..<0xFFF0,
    ]
    for value in ranges.joined() {
      guard let c = Unicode.Scalar(UInt32(value)),
        WordSegmenter.wordClass(c) != WordSegmenter.unsupported
      else { continue }
      taken += 1
      for (before, after) in [
        ("a", "a"), ("1", "1"), ("a", "1"), ("1", "a"), ("", ""), ("a", ""), ("", "a"),
        ("1", ""), ("", "1"), (" ", " "), ("_", "_"), ("\r", "\n"),
      ] {
        texts.append(Array(before.unicodeScalars) + [c] + Array(after.unicodeScalars))
      }
      texts.append([c, c])
      texts.append(Array("a".unicodeScalars) + [c, c] + Array("a".unicodeScalars))
    }
    // Latin, Greek, Cyrillic, punctuation and symbols: thousands of characters.
    #expect(taken > 3000)
    #expect(Self.differences(texts) == [])
  }

  /// One character of each class, and of the classes' usual members in Spanish text.
  static let alphabet: [Unicode.Scalar] = [
    "a", "Ñ", "é", "7", "·", ",", ";", ".", "'", "\u{2019}", "_", "\r", "\n", "\u{85}", " ",
    "\u{A0}", "-", "@", ":", "$", "«", "%", "\"",
  ]

  /// Every sequence of up to four characters of the alphabet: every short run of classes, the
  /// contexts every rule of UAX #29 looks at.
  @Test func everyShortSequenceBreaksAsICU() {
    var texts: [[Unicode.Scalar]] = [[]]
    var all: [[Unicode.Scalar]] = []
    for _ in 1...4 {
      texts = texts.flatMap { text in Self.alphabet.map { text + [$0] } }
      all += texts
    }
    #expect(all.count > 200_000)
    #expect(Self.differences(all) == [])
  }

  /// Longer random strings of the alphabet, letters and digits more often than the rest.
  @Test func randomStringsBreakAsICU() {
    var random = SeededRandom(seed: 29)
    let weighted = Self.alphabet + Array("aaaaeeoossnn1100".unicodeScalars)
    let texts = (0..<5_000).map { _ in
      (0..<Int.random(in: 5...40, using: &random)).map { _ in
        weighted.randomElement(using: &random)!
      }
    }
    #expect(Self.differences(texts) == [])
  }

  /// Real Spanish text: the seed article and the repository's gold articles.
  @Test func spanishNewsBreaksAsICU() throws {
    let root = TestSupport.repositoryRoot()
    var texts = [
      try String(
        contentsOf: root.appendingPathComponent("seeds/000_28bb9f31d94802a2.txt"), encoding: .utf8)
    ]
    let gold = try String(
      contentsOf: root.appendingPathComponent("Tests/Gold/articles.jsonl"), encoding: .utf8)
    for line in gold.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      if let text = object?["text"] as? String { texts.append(text) }
    }
    let scalars = texts.map { Array($0.unicodeScalars) }
    #expect(scalars.count > 30)
    // The segmenter takes them (no character it leaves to ICU), and agrees.
    #expect(scalars.allSatisfy { Self.own($0) != nil })
    #expect(Self.differences(scalars) == [])
  }

  /// A text with a character the segmenter does not take is left to ICU whole, and the
  /// tokenizer's segments are ICU's.
  @Test(arguments: [
    "Ma\u{301}s alla\u{301}", "infor\u{AD}mación", "שלום y paz", "東京 y Madrid",
    "👨‍👩 en familia", "ไทย", "カタカナ", "el צה\"ל dijo",
  ])
  func otherScriptsAreLeftToICU(text: String) {
    let scalars = Array(text.unicodeScalars)
    #expect(Self.own(scalars) == nil)
    var fast: [Token] = []
    var slow: [Token] = []
    Tokenizer.forEachWordSegment(scalars) { fast.append($0) }
    Tokenizer.forEachWordSegment(scalars, icuOnly: true) { slow.append($0) }
    #expect(fast == slow)
    #expect(!fast.isEmpty)
  }

  /// ICU 72's own changes to UAX #29, which the segmenter follows: the colon does not join
  /// letters, `@` joins like a letter.
  @Test func colonAndAtSignAsICU() {
    #expect(Self.own(Array("a:b".unicodeScalars))?.count == 3)
    #expect(
      Self.own(Array("prensa@example".unicodeScalars)) == [
        Segment(start: 0, end: 14, status: 200)
      ])
    #expect(Self.own(Array("HI5 5G".unicodeScalars))?.map(\.status) == [100, 0, 200])
  }
}
