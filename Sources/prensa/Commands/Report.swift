import ArgumentParser
import Batch
import EntityTagging
import Glibc
import PrensaCore

extension Batch.CorpusReport.Format: ExpressibleByArgument {}
extension Batch.CorpusReport.Table: ExpressibleByArgument {}

extension Prensa {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Summarise analysed records: entities, actor pairs, categories and stances.")

    @Argument(help: "Result JSONL files; none or '-' reads standard input.")
    var results: [String] = []

    @Option(help: "Output format: table (the default on a terminal), md, json or csv.")
    var format: CorpusReport.Format?

    @Option(
      help:
        "Directory of data files, for entities' canonical names (default: the shipped Lexicons).")
    var lexicons: String?

    @Option(help: "Rows per section (0: all).")
    var top = 20

    @Option(
      help:
        "With --format csv: only this table (entities, categories, stances, actor-pairs, documents)."
    )
    var table: CorpusReport.Table?

    func run() throws {
      var report = CorpusReport()
      report.canonicalNames = canonicalEntityNames(lexicons)
      for path in results.isEmpty ? ["-"] : results {
        for document in try Prensa.Evaluate.readRecords(path, command: "report") {
          report.add(document)
        }
      }
      let chosen = format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .md)
      print(report.render(chosen, top: top, table: table))
    }
  }
}

/// Lexicon entry id → canonical name, from the entity lexicons of the data folder (empty when
/// they cannot be read: names then fall back to the most frequent written form).
func canonicalEntityNames(_ lexicons: String?) -> [String: String] {
  guard let directory = try? LexiconDirectory.locate(lexicons),
    let lexicon = try? LexiconLoader.load(paths: [directory.path + "/es/entities"])
  else { return [:] }
  var names: [String: String] = [:]
  for entry in lexicon.entries where names[entry.id] == nil { names[entry.id] = entry.name }
  return names
}
