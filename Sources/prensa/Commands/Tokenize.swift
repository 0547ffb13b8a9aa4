import ArgumentParser
import Normalization
import PrensaCore
import Tokenization

extension Prensa {
  struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tokenize",
      abstract: "Split the text into sentences and tokens (normalizing it first if needed).")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions

    @Flag(help: "Tokenize the text exactly as given, without normalizing it first.")
    var skipNormalize = false

    func run() throws {
      let pipeline = try loadingConfiguration("tokenize") {
        Pipeline(
          (skipNormalize ? [] : [try normalization.normalizer()]) + [try normalization.tokenizer()])
      }
      try io.stream(pipeline, command: "tokenize")
    }
  }
}

extension NormalizationOptions {
  func tokenizer() throws -> Tokenizer {
    Tokenizer(data: try SpanishData.load(from: try LexiconDirectory.locate(lexicons)))
  }
}
