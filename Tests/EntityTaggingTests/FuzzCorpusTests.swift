import EntityTagging
import Foundation
import PrensaTestSupport
import Testing

/// The lexicon-parser fuzz corpus (Tests/Fuzz/corpus/lexicon), replayed: a parse either fails with
/// a located error or gives entries with ids and names; hostile inputs are among them.
@Suite struct LexiconFuzzCorpusTests {
  static var inputs: [URL] { TestSupport.fuzzCorpus("lexicon") }

  @Test(arguments: LexiconFuzzCorpusTests.inputs)
  func replays(input: URL) throws {
    let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
    do {
      let entries = try LexiconLoader.parse(text, file: "fuzz.tsv")
      for entry in entries { #expect(!entry.id.isEmpty && !entry.name.isEmpty) }
      _ = LexiconChecker.findings(entries)
    } catch {
      #expect(error.description.hasPrefix("fuzz.tsv:"))
    }
  }

  @Test func aTenMegabyteLineIsALocatedError() {
    let line = "X\tGPE\t" + String(repeating: "a", count: 10_000_000) + "\n"
    #expect(
      throws: LexiconError(file: "big.tsv", line: 1, message: "line longer than 100000 bytes")
    ) {
      try LexiconLoader.parse(line, file: "big.tsv")
    }
  }
}
