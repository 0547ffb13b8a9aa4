import Foundation
import Normalization
import PrensaCore
import PrensaTestSupport
import Testing

/// The normalize fuzz corpus (Tests/Fuzz/corpus/normalize), replayed with the fuzz target's checks.
@Suite struct NormalizeFuzzCorpusTests {
  static var inputs: [URL] { TestSupport.fuzzCorpus("normalize") }

  @Test(arguments: NormalizeFuzzCorpusTests.inputs)
  func replays(input: URL) throws {
    let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
    let normalizer = Normalizer(options: .init(compoundPrefixes: ["ruso"]))
    let (once, alignment, _) = normalizer.normalizeWithAlignment(text)
    #expect(normalizer.normalize(once) == once)
    let originalLength = text.unicodeScalars.count
    for i in 0..<once.unicodeScalars.count {
      let span = alignment.originalSpan(of: Span(start: i, end: i + 1))
      #expect(span.start >= 0 && span.end <= originalLength && span.start < span.end)
    }
  }
}
