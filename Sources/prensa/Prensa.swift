import ArgumentParser
import Foundation
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
      Report.self, Show.self, Review.self, Export.self, Import.self, Evaluate.self, Lexicon.self,
    ])

  /// Runs the command line; a mistyped subcommand gets the nearest one suggested.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let message = unknownSubcommand(arguments, of: Self.self, path: "prensa") {
      Diagnostics.print(message)
      Foundation.exit(64)
    }
    Self.main(arguments)
  }

  /// "prensa: unknown command 'clasify'; did you mean 'classify'?" when the first word given to a
  /// command with subcommands names none of them.
  static func unknownSubcommand(
    _ arguments: [String], of command: ParsableCommand.Type, path: String
  ) -> String? {
    let subcommands = command.configuration.subcommands
    guard !subcommands.isEmpty, let word = arguments.first, !word.hasPrefix("-"), word != "help"
    else { return nil }
    let names = subcommands.map { $0._commandName }
    if let index = names.firstIndex(of: word) {
      return unknownSubcommand(
        Array(arguments.dropFirst()), of: subcommands[index], path: path + " " + word)
    }
    let nearest = names.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
    var message = "\(path): unknown command '\(word)'"
    if let (name, distance) = nearest, distance <= max(1, name.count / 3) {
      message += "; did you mean '\(name)'?"
    }
    return message + " (see '\(path) --help')"
  }

  /// Levenshtein distance between two words.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...max(1, b.count) where !b.isEmpty {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }

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
