import Foundation
import PrensaTestSupport
import Testing
import Tokenization

/// The segment fuzz corpus (Tests/Fuzz/corpus/segment), replayed with the fuzz target's check.
@Suite struct SegmentFuzzCorpusTests {
  static var inputs: [URL] { TestSupport.fuzzCorpus("segment") }

  @Test func corpusIsThere() {
    #expect(Self.inputs.count >= 3)
  }

  @Test(arguments: SegmentFuzzCorpusTests.inputs)
  func replays(input: URL) throws {
    let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
    #expect(SegmenterCheck.difference(Array(text.unicodeScalars)) == nil)
  }
}
