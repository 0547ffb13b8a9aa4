import ArgumentParser
import EntityTagging
import Foundation
import PrensaCore

extension Prensa {
  struct Lexicon: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lexicon",
      abstract: "Check lexicon files or print their statistics.",
      subcommands: [Check.self, Stats.self])

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Report malformed lines, duplicate ids and aliases shared across labels, as FILE:LINE.")

      @Argument(help: "Lexicon files or folders (default: the shipped entity lexicons).")
      var paths: [String] = []

      @Option(help: "Directory of data files (default: the shipped Lexicons).")
      var lexicons: String?

      func run() throws {
        let paths = try loadingConfiguration("lexicon check") {
          self.paths.isEmpty
            ? [try LexiconDirectory.locate(lexicons).path + "/es/entities"] : self.paths
        }
        var findings: [String] = []
        var entries: [LexiconEntry] = []
        for path in paths {
          let files = try loadingConfiguration("lexicon check") {
            try LexiconLoader.files(at: path)
          }
          for file in files {
            do {
              entries += try LexiconLoader.parse(try readTextFile(file), file: file)
            } catch let error as LexiconError {
              findings.append(error.description)
            }
          }
        }
        findings += LexiconChecker.findings(entries)
        for finding in findings { print(finding) }
        Diagnostics.print(
          "prensa lexicon check: \(entries.count) entries, \(findings.count) problems")
        if !findings.isEmpty { throw ExitCode(65) }
      }
    }

    struct Stats: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Print entries and aliases per label and file, and the time to load and compile them.")

      @OptionGroup var normalization: NormalizationOptions
      @OptionGroup var tagging: TaggingOptions

      func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let (lexicon, paths) = try loadingConfiguration("lexicon stats") {
          let paths = try tagging.lexiconPaths(normalization)
          return (try LexiconLoader.load(paths: paths), paths)
        }
        let parsed = clock.now
        let compiled = CompiledLexicon(
          lexicon,
          tokenizer: try loadingConfiguration("lexicon stats") { try normalization.tokenizer() })
        let done = clock.now
        print("lexicons: \(paths.joined(separator: ", "))")
        var byLabel: [String: (Int, Int)] = [:]
        var byFile: [String: Int] = [:]
        for entry in lexicon.entries {
          byLabel[entry.label, default: (0, 0)].0 += 1
          byLabel[entry.label, default: (0, 0)].1 += entry.aliases.count
          byFile[
            entry.file.split(separator: "/").last.map(String.init) ?? entry.file, default: 0] += 1
        }
        print("label  entries  aliases")
        for label in byLabel.keys.sorted() {
          let (entries, aliases) = byLabel[label] ?? (0, 0)
          print(
            label.padding(toLength: 6, withPad: " ", startingAt: 0)
              + String(format: "%8d %8d", entries, aliases))
        }
        print(
          "total  \(String(format: "%7d", lexicon.entries.count))  patterns (with inflections): \(compiled.patternCount)"
        )
        for file in byFile.keys.sorted() { print("  \(file): \(byFile[file] ?? 0)") }
        print(
          String(
            format: "load %.0f ms, compile %.0f ms", milliseconds(parsed - start),
            milliseconds(done - parsed)))
      }

      func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
      }
    }
  }
}
