import ArgumentParser
import EntityTagging
import Foundation
import PrensaCore
import SentenceClassification

extension Prensa {
  struct Lexicon: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lexicon",
      abstract: "Check lexicon files, print their statistics, or list the words each cue matched.",
      subcommands: [Check.self, Stats.self, Cues.self])

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
          "Report every malformed line, duplicate ids and aliases shared across labels, as FILE:LINE.",
        discussion: """
          Given your own lexicon files, also warns where they clash with the shipped ones (an id \
          they use, an alias they give another label); your entries win when tagging, so these \
          do not change the exit status. Exit status 65 when a file has problems.
          """)

      @Argument(help: "Lexicon files or folders (default: the shipped entity lexicons).")
      var paths: [String] = []

      @Option(help: "Directory of data files (default: the shipped Lexicons).")
      var lexicons: String?

      func run() throws {
        let shippedPath = try loadingConfiguration("lexicon check") {
          try LexiconDirectory.locate(lexicons).path + "/es/entities"
        }
        let paths = self.paths.isEmpty ? [shippedPath] : self.paths
        var findings: [String] = []
        var entries: [LexiconEntry] = []
        for path in paths {
          let files = try loadingConfiguration("lexicon check") {
            try LexiconLoader.files(at: path)
          }
          for file in files {
            let text = try loadingConfiguration("lexicon check") { try readTextFile(file) }
            // Every malformed line, not only the first.
            let (parsed, errors) = LexiconLoader.parseAll(text, file: file)
            entries += parsed
            findings += errors.map(\.description)
          }
        }
        findings += LexiconChecker.findings(entries)
        // User lexicons against the shipped ones: warnings (the user's entries win).
        var warnings: [String] = []
        if !self.paths.isEmpty {
          let shipped = try loadingConfiguration("lexicon check") {
            try LexiconLoader.load(paths: [shippedPath]).entries
          }
          let userFiles = Set(entries.map(\.file))
          warnings = LexiconChecker.conflicts(
            user: entries, shipped: shipped.filter { !userFiles.contains($0.file) })
        }
        for finding in findings { print(finding) }
        for warning in warnings { print(warning.replacingFirst(": ", with: ": warning: ")) }
        Diagnostics.print(
          "prensa lexicon check: \(entries.count) entries, \(findings.count) problems, \(warnings.count) conflicts with the shipped lexicons"
        )
        if !findings.isEmpty { throw ExitCode(65) }
      }
    }

    struct Stats: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "stats",
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
          byLabel[entry.label.rawValue, default: (0, 0)].0 += 1
          byLabel[entry.label.rawValue, default: (0, 0)].1 += entry.aliases.count
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

    struct Cues: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "cues",
        abstract: "List the words each classification cue matched in classified records.",
        discussion: """
          Reads the output of `prensa classify` (or `run`) and prints, for every cue that \
          matched, its kind (cooperation or stance), the cue as the cue files write it, its \
          label, how many times it matched and the words it matched, most frequent first. A \
          cue matched through the stemmer covers every word with its stem: the list shows \
          where that is another word (`espía` matching `espera`). Output: one tab-separated \
          line per cue, or JSON Lines with --json.
          """)

      @Argument(help: "Classified JSONL files; none or '-' reads standard input.")
      var results: [String] = []

      @Flag(help: "Only cues matched through their stem (not exact `=forms`, not phrases).")
      var stemmed = false

      @Option(help: "Only cues that matched at least this many times.")
      var min = 1

      @Option(help: "Words listed per cue (0: all).")
      var forms = 10

      @Flag(help: "JSON Lines: {kind, cue, label, matches, forms: [[word, count], ...]}.")
      var json = false

      func validate() throws {
        guard min >= 1 else { throw ValidationError("--min must be at least 1") }
        guard forms >= 0 else { throw ValidationError("--forms must not be negative") }
      }

      func run() throws {
        var cues = CueForms()
        for path in results.isEmpty ? ["-"] : results {
          for document in try Prensa.Evaluate.readRecords(path, command: "lexicon cues") {
            cues.add(document)
          }
        }
        let rows = cues.rows
        if rows.isEmpty {
          Diagnostics.print(
            "prensa lexicon cues: no cues in the input (give it the output of 'prensa classify')")
        }
        var writer = JSONWriter()
        for row in rows where row.matches >= min && (!stemmed || row.isStemmed) {
          let listed = forms == 0 ? row.forms : Array(row.forms.prefix(forms))
          if json {
            writer.value(
              JSONValue.object(
                JSONObject([
                  ("kind", .string(row.key.kind)), ("cue", .string(row.key.cue)),
                  ("label", .string(row.key.label)), ("matches", .int(row.matches)),
                  ("forms", .array(listed.map { .array([.string($0.form), .int($0.count)]) })),
                ])))
            print(String(decoding: writer.bytes, as: UTF8.self))
            writer.bytes.removeAll(keepingCapacity: true)
          } else {
            let words = listed.map { "\($0.form):\($0.count)" }.joined(separator: " ")
            print(
              [row.key.kind, row.key.cue, row.key.label, String(row.matches), words].joined(
                separator: "\t"))
          }
        }
        if cues.skipped > 0 {
          Diagnostics.print(
            "prensa lexicon cues: \(cues.skipped) cues without offsets inside their record's text were skipped"
          )
        }
      }
    }
  }
}

extension String {
  /// The string with the first occurrence of `target` replaced.
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
