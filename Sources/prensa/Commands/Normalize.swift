import ArgumentParser
import Normalization
import PrensaCore

extension Normalizer.Form: ExpressibleByArgument {}

extension Prensa {
  struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "normalize",
      abstract: "Normalize Unicode, whitespace and encoding damage, keeping a map to the original.")

    @OptionGroup var io: IOOptions
    @OptionGroup var normalization: NormalizationOptions

    func run() throws {
      let pipeline = try loadingConfiguration("normalize") {
        Pipeline([try normalization.normalizer()])
      }
      try io.stream(pipeline, command: "normalize")
    }
  }
}

/// Options of the normalize stage, shared by every command that runs it.
struct NormalizationOptions: ParsableArguments {
  @Option(help: "Unicode normalization form: nfc, or nfkc to also fold ligatures and wide forms.")
  var form: Normalizer.Form = .nfc

  @Flag(help: "Map typographic quotes, dashes and the ellipsis to ASCII.")
  var asciiPunct = false

  @Option(help: "Directory of Spanish data files (default: the shipped Lexicons).")
  var lexicons: String?

  func normalizer() throws -> Normalizer {
    let data = try LexiconDirectory.locate(lexicons)
    let prefixes = try data.wordList("es/compound-prefixes.txt")
    return Normalizer(
      options: .init(form: form, asciiPunctuation: asciiPunct, compoundPrefixes: Set(prefixes)))
  }
}
