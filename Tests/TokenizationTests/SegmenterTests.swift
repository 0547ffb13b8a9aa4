import Foundation
import PrensaCore
import PrensaTestSupport
import Testing

@testable import Tokenization

/// prensa's word and sentence segmenters give ICU's boundaries (and, for words, ICU's rule
/// statuses) on every text they take, and leave every other text to ICU.
@Suite struct SegmenterTests {
  /// The texts among `texts` where a segmenter and ICU differ (at most `limit`).
  static func differences(_ texts: [[Unicode.Scalar]], limit: Int = 5) -> [String] {
    var found: [String] = []
    for scalars in texts {
      if let difference = SegmenterCheck.difference(scalars) {
        found.append(difference)
        if found.count == limit { break }
      }
    }
    return found
  }

  /// Every character `taken` accepts, between each pair of strings of `contexts`, doubled and
  /// tripled: how many characters were taken, and the texts.
  static func characterTexts(
    contexts: [(String, String)], taken: (Unicode.Scalar) -> Bool
  ) -> (count: Int, texts: [[Unicode.Scalar]]) {
    var texts: [[Unicode.Scalar]] = []
    var count = 0
    let ranges = [
      0x0000..<0x0800, 0x1E00..<0x3100, 0xFB00..<0xFB07, 0xFE10..<0xFE70, 0xFF00..<0xFFF0,
    ]
    for value in ranges.joined() {
      guard let c = Unicode.Scalar(UInt32(value)), taken(c) else { continue }
      count += 1
      for (before, after) in contexts {
        texts.append(Array(before.unicodeScalars) + [c] + Array(after.unicodeScalars))
      }
      texts.append([c, c])
      texts.append([c, c, c])
    }
    return (count, texts)
  }

  /// Every character the word segmenter takes, in the contexts where its class decides a
  /// boundary or a status: between letters, between digits, doubled, alone, at either end of a
  /// word or a number, between spaces.
  @Test func everyCharacterTheWordSegmenterTakesBreaksAsICU() {
    let (count, texts) = Self.characterTexts(
      contexts: [
        ("a", "a"), ("1", "1"), ("a", "1"), ("1", "a"), ("", ""), ("a", ""), ("", "a"),
        ("1", ""), ("", "1"), (" ", " "), ("_", "_"), ("\r", "\n"), ("a", "a" + "a"),
      ],
      taken: { WordSegmenter.wordClass($0) != WordSegmenter.unsupported })
    // Latin, Greek, Cyrillic, punctuation and symbols: thousands of characters.
    #expect(count > 3000)
    #expect(Self.differences(texts) == [])
  }

  /// Every character the sentence segmenter takes, after and before the contexts where its
  /// class decides a boundary: a period between letters, a terminator and a space, a capital or
  /// a lower-case letter ahead.
  @Test func everyCharacterTheSentenceSegmenterTakesBreaksAsICU() {
    let (count, texts) = Self.characterTexts(
      contexts: [
        ("a.", " b"), ("a.", " B"), ("a. ", "b"), ("a. ", "B"), ("A.", "B"), ("a", ". B"),
        ("a", " b"), ("¿Qué", " dijo"), ("x", ""), ("", "x"), ("a.", ""), ("", "\r\n"),
      ],
      taken: { SentenceSegmenter.sentenceClass($0) != SentenceSegmenter.unsupported })
    #expect(count > 6000)
    #expect(Self.differences(texts) == [])
  }

  /// One character of each word class, and of the classes' usual members in Spanish text.
  static let wordAlphabet: [Unicode.Scalar] = [
    "a", "Ñ", "é", "7", "·", ",", ";", ".", "'", "\u{2019}", "_", "\r", "\n", "\u{85}", " ",
    "\u{A0}", "-", "@", ":", "$", "«", "%", "\"",
  ]

  /// One character of each sentence class, and of the classes' usual members in Spanish text.
  static let sentenceAlphabet: [Unicode.Scalar] = [
    "a", "ñ", "A", "É", "ª", "7", ".", "?", "!", "\u{2026}", ",", ":", ";", "\"", ")", "»",
    "\u{2019}", " ", "\u{A0}", "\r", "\n", "\u{2029}", "-", "¿",
  ]

  /// Every string of up to four characters of an alphabet.
  static func allStrings(of alphabet: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
    var texts: [[Unicode.Scalar]] = [[]]
    var all: [[Unicode.Scalar]] = []
    for _ in 1...4 {
      texts = texts.flatMap { text in alphabet.map { text + [$0] } }
      all += texts
    }
    return all
  }

  /// Every sequence of up to four characters: every short run of the classes that UAX #29's
  /// rules look at.
  @Test(arguments: [wordAlphabet, sentenceAlphabet])
  func everyShortSequenceBreaksAsICU(alphabet: [Unicode.Scalar]) {
    let all = Self.allStrings(of: alphabet)
    #expect(all.count > 200_000)
    #expect(Self.differences(all) == [])
  }

  /// Longer random strings of both alphabets, letters, digits and spaces more often.
  @Test func randomStringsBreakAsICU() {
    var random = SeededRandom(seed: 29)
    let weighted =
      Self.wordAlphabet + Self.sentenceAlphabet + Array("aaaeeoosnn1100   AE..".unicodeScalars)
    let texts = (0..<10_000).map { _ in
      (0..<Int.random(in: 5...60, using: &random)).map { _ in
        weighted.randomElement(using: &random)!
      }
    }
    #expect(Self.differences(texts) == [])
  }

  /// Real Spanish text: the seed article and the repository's gold articles, which both
  /// segmenters take whole.
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
    #expect(scalars.allSatisfy { SegmenterCheck.ownWords($0) != nil })
    #expect(scalars.allSatisfy { SegmenterCheck.ownSentences($0) != nil })
    #expect(Self.differences(scalars) == [])
  }

  /// A text with a character the word segmenter does not take is left to ICU whole, and the
  /// tokenizer's segments are ICU's.
  @Test(arguments: [
    "Ma\u{301}s alla\u{301}", "infor\u{AD}mación", "שלום y paz", "東京 y Madrid",
    "👨‍👩 en familia", "ไทย", "カタカナ", "el צה\"ל dijo",
  ])
  func otherScriptsAreLeftToICU(text: String) {
    let scalars = Array(text.unicodeScalars)
    #expect(SegmenterCheck.ownWords(scalars) == nil)
    var fast: [Token] = []
    var slow: [Token] = []
    Tokenizer.forEachWordSegment(scalars) { fast.append($0) }
    Tokenizer.forEachWordSegment(scalars, icuOnly: true) { slow.append($0) }
    #expect(fast == slow)
    #expect(!fast.isEmpty)
  }

  /// A text with a combining mark, a soft hyphen or a direction mark is left to ICU by the
  /// sentence segmenter.
  @Test(arguments: [
    "Dijo que si\u{301}. Luego se fue.", "La infor\u{AD}mación llegó. Bien.",
    "\u{200E}Hola. Adiós.",
  ])
  func extendAndFormatAreLeftToICU(text: String) {
    let scalars = Array(text.unicodeScalars)
    #expect(SegmenterCheck.ownSentences(scalars) == nil)
    #expect(SegmenterCheck.icuSentences(scalars).count == 2)
  }

  /// ICU 72's own changes to UAX #29, which the word segmenter follows: the colon does not join
  /// letters, `@` joins like a letter; a segment ending in a digit is a number to ICU.
  @Test func colonAtSignAndStatusesAsICU() {
    #expect(SegmenterCheck.ownWords(Array("a:b".unicodeScalars))?.count == 3)
    #expect(
      SegmenterCheck.ownWords(Array("prensa@example".unicodeScalars)) == [
        SegmenterCheck.Boundary(end: 14, status: 200)
      ])
    #expect(
      SegmenterCheck.ownWords(Array("HI5 5G".unicodeScalars))?.map(\.status) == [100, 0, 200])
  }

  /// The sentence rules on Spanish cases: a period before a capital ends a sentence (the
  /// splitter keeps `Sr.` whole), one before lower case does not, nor one in a number or
  /// between capitals; a question mark does before lower case (the splitter joins `¿Qué? dijo`
  /// again).
  @Test(arguments: [
    ("Llegó el Sr. Pérez. Habló.", [13, 20, 26]),
    ("Costó 3.5 millones, etc. y más.", [31]),
    ("EE.UU. respondió. ¿Qué? dijo él.", [18, 24, 32]),
    ("«Basta.» Luego", [9, 14]),
    ("Uno.\r\nDos", [6, 9]),
  ])
  func spanishSentenceCases(text: String, boundaries: [Int]) {
    let scalars = Array(text.unicodeScalars)
    #expect(SegmenterCheck.ownSentences(scalars) == boundaries)
    #expect(SegmenterCheck.icuSentences(scalars) == boundaries)
  }
}
