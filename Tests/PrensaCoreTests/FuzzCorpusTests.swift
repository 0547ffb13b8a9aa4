import Foundation
import PrensaCore
import PrensaTestSupport
import Testing

/// The fuzz corpus of the JSONL reader (Tests/Fuzz/corpus/jsonl), replayed on every test run with
/// the fuzz target's own checks: whatever is accepted writes back to JSON that reads the same.
@Suite struct FuzzCorpusTests {
  static var inputs: [URL] { TestSupport.fuzzCorpus("jsonl") }

  @Test func corpusIsPresent() {
    #expect(Self.inputs.count >= 2)
  }

  @Test(arguments: FuzzCorpusTests.inputs)
  func replays(input: URL) throws {
    let bytes = Array(try Data(contentsOf: input))
    for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated()
    {
      let document = try? Array(line).withUnsafeBufferPointer {
        try RecordStream.decode($0, at: SourceLocation(file: "corpus", line: number + 1))
      }
      guard let document else { continue }
      let written = document.jsonLine
      let again = try RecordStream.decode(written, at: SourceLocation(file: "written", line: 1))
      #expect(again.jsonLine == written)
    }
  }
}
