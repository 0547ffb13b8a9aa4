import Foundation
import PrensaCore
import PrensaTestSupport
import Testing

@testable import Tokenization

/// `SentenceSegmenter` gives ICU's sentence boundaries on every text it takes, and leaves texts
/// with Extend or Format characters to ICU.
@Suite struct SentenceSegmenterTests {
  /// The texts among `texts` where the segmenter and ICU differ, with both answers.
  static func differences(_ texts: [[Unicode.Scalar]], limit: Int = 5) -> [String] {
    var found: [String] = []
    for scalars in texts {
      guard let own = SentenceSegmenter.boundaries(scalars) else { continue }
      let icu = SentenceSplitter.icuBoundaries(scalars)
      if own != icu {
        let text = String(String.UnicodeScalarView(scalars)).debugDescription
        found.append("\(text): ICU \(icu), own \(own)")
        if found.count == limit { break }
      }
    }
    return found
  }

  /// Every character the segmenter takes, after and before the contexts where its class decides
  /// a boundary: a period between letters, a terminator and a space, a capital or a lower-case
  /// letter ahead.
  @Test func everyCharacterItTakesBreaksAsICU() {
    var texts: [[Unicode.Scalar]] = []
    var taken = 0
    let ranges = [
      0x0000..<0x0800, 0x1E00..<0x2200, 0x2200..<0x3000, 0x3000..<0x3100, 0xFE10..<0xFE70,
      0xFF00..<0xFFF0,
    ]
    for value in ranges.joined() {
      guard let c = Unicode.Scalar(UInt32(value)),
        SentenceSegmenter.sentenceClass(c) != SentenceSegmenter.unsupported
      else { continue }
      taken += 1
      for (before, after) in [
        ("a.", " b"), ("a.", " B"), ("a. ", "b"), ("a. ", "B"), ("A.", "B"), ("a", ". B"),
        ("a", " b"), ("¿Qué", " dijo"), ("x", ""), ("", "x"), ("a.", ""), ("", "\r\n"),
      ] {
        texts.append(Array(before.unicodeScalars) + [c] + Array(after.unicodeScalars))
      }
      texts.append([c, c, c])
    }
    #expect(taken > 6_000)
    #expect(Self.differences(texts) == [])
  }

  /// One character of each class, and of the classes' usual members in Spanish text.
  static let alphabet: [Unicode.Scalar] = [
    "a", "ñ", "A", "É", "ª", "7", ".", "?", "!", "\u{2026}", ",", ":", ";", "\"", ")", "»",
    "\u{2019}", " ", "\u{A0}", "\r", "\n", "\u{2029}", "-", "¿",
  ]

  /// Every sequence of up to four characters of the alphabet: every short run of the classes
  /// that UAX #29's sentence rules look at.
  @Test func everyShortSequenceBreaksAsICU() {
    var texts: [[Unicode.Scalar]] = [[]]
    var all: [[Unicode.Scalar]] = []
    for _ in 1...4 {
      texts = texts.flatMap { text in Self.alphabet.map { text + [$0] } }
      all += texts
    }
    #expect(all.count > 300_000)
    #expect(Self.differences(all) == [])
  }

  /// Longer random strings of the alphabet, letters and spaces more often than the rest.
  @Test func randomStringsBreakAsICU() {
    var random = SeededRandom(seed: 11)
    let weighted = Self.alphabet + Array("aaaeeoosnn   AE..".unicodeScalars)
    let texts = (0..<5_000).map { _ in
      (0..<Int.random(in: 5...60, using: &random)).map { _ in
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
    #expect(scalars.allSatisfy { SentenceSegmenter.boundaries($0) != nil })
    #expect(Self.differences(scalars) == [])
  }

  /// A text with a combining mark, a soft hyphen or a direction mark is left to ICU, and the
  /// splitter's sentences are the same either way.
  @Test(arguments: [
    "Dijo que si\u{301}. Luego se fue.", "La infor\u{AD}mación llegó. Bien.",
    "\u{200E}Hola. Adiós.",
  ])
  func extendAndFormatAreLeftToICU(text: String) {
    let scalars = Array(text.unicodeScalars)
    #expect(SentenceSegmenter.boundaries(scalars) == nil)
    #expect(SentenceSplitter.icuBoundaries(scalars).count == 2)
  }

  /// The rules on Spanish cases: a period before a capital ends a sentence (the splitter keeps
  /// `Sr.` whole), one before lower case does not, nor one in a number or between capitals; a
  /// question mark does before lower case (the splitter joins `¿Qué? dijo` again).
  @Test(arguments: [
    ("Llegó el Sr. Pérez. Habló.", [13, 20, 26]),
    ("Costó 3.5 millones, etc. y más.", [31]),
    ("EE.UU. respondió. ¿Qué? dijo él.", [18, 24, 32]),
    ("«Basta.» Luego", [9, 14]),
    ("Uno.\r\nDos", [6, 9]),
  ])
  func spanishCases(text: String, boundaries: [Int]) {
    let scalars = Array(text.unicodeScalars)
    #expect(SentenceSegmenter.boundaries(scalars) == boundaries)
    #expect(SentenceSplitter.icuBoundaries(scalars) == boundaries)
  }
}
