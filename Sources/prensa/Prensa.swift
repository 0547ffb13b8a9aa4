import ArgumentParser
import ICUShim
import PrensaCore

@main
struct Prensa: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prensa",
    abstract: "Turn Spanish news text into analysed JSON Lines records.",
    discussion: """
      Each stage reads JSON Lines (one {"id", "text", ...} object per line) and writes them with \
      its own fields added, so stages chain in shell pipelines:

        prensa ingest articles/ | prensa normalize | prensa tokenize | jq .

      Exit status: 0 success, 64 usage error, 65 bad input data, 66 missing input, \
      74 output error.
      """,
    version: versionString,
    subcommands: [
      Ingest.self, Normalize.self, Tokenize.self, Tag.self, Classify.self, Train.self, Run.self,
      Report.self, Evaluate.self, Lexicon.self,
    ])

  /// `prensa 0.1.0 (record schema 1, ICU 72.1)`
  static var versionString: String {
    "prensa \(prensaVersion) (record schema \(recordSchemaVersion), ICU \(icuVersion))"
  }

  static var icuVersion: String {
    var buffer = [CChar](repeating: 0, count: 32)
    prensa_icu_version(&buffer, Int32(buffer.count))
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
