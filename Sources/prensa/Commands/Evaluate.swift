import ArgumentParser
import Evaluation
import Foundation
import PrensaCore

extension Prensa {
  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "evaluate",
      abstract:
        "Score predictions against gold: entities, sentence labels, or tokens and sentences.",
      discussion: """
        GOLD is prensa JSONL (entities and sentence labels, matched by id), CoNLL-2002 (BIO \
        columns; predict on `prensa ingest --conll GOLD`) or CoNLL-U (tokens and sentences, \
        scored the CoNLL 2018 way). Predictions are prensa JSONL from PRED or standard input.
        """)

    @Option(help: "The gold file (JSONL, CoNLL-2002 or CoNLL-U).")
    var gold: String

    @Argument(help: "Predictions (JSONL); none or '-' reads standard input.")
    var predictions: String?

    @Option(help: "Map or drop labels before scoring, e.g. GPE=LOC,NORP=- for CoNLL-2002.")
    var map: String?

    @Flag(
      help:
        "List wrong sentence labels (with their text) and entity false positives and negatives, grouped, most frequent first."
    )
    var errors = false

    @Option(help: "How many error groups --errors lists.")
    var maxErrors = 40

    @Option(
      help: "Predictions of an earlier run: print the change in every metric and what changed.")
    var baseline: String?

    @Flag(
      help: "Compare cooperation categories as conflict, cooperation or none (event-coded gold).")
    var coarse = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
      let goldBytes = try loadingConfiguration("evaluate") { try readFile(gold) }
      let format = GoldFormat.detect(goldBytes, path: gold)
      let predicted = try Self.readRecords(predictions ?? "-")
      switch format {
      case .conllu:
        let scores = try loadingConfiguration("evaluate") {
          try SegmentationScorer.score(
            conllu: String(decoding: goldBytes, as: UTF8.self), file: gold, system: predicted)
        }
        if json {
          var writer = JSONWriter()
          writer.value(
            .object(
              JSONObject([
                ("tokens", ReportFormatter.prfJSON(scores.tokens)),
                ("sentences", ReportFormatter.prfJSON(scores.sentences)),
              ])))
          print(String(decoding: writer.bytes, as: UTF8.self))
        } else {
          print("== \(gold) (CoNLL 2018 segmentation scoring)")
          print(ReportFormatter.segmentation(scores))
        }
      case .conll2002, .jsonl:
        let goldDocuments = try loadingConfiguration("evaluate") {
          format == .conll2002
            ? try CoNLLReader.documents(bytes: goldBytes, file: gold) : try Self.readRecords(gold)
        }
        let labelMap = try loadingConfiguration("evaluate") {
          try map.map { try LabelMap(parsing: $0) } ?? LabelMap()
        }
        var evaluator = Evaluator(labelMap: labelMap)
        evaluator.coarseCategories = coarse
        let report = try loadingConfiguration("evaluate") {
          try evaluator.evaluate(gold: goldDocuments, predicted: predicted)
        }
        if json {
          var writer = JSONWriter()
          writer.value(ReportFormatter.json(report, errors: errors))
          print(String(decoding: writer.bytes, as: UTF8.self))
        } else {
          print(ReportFormatter.table(report, title: gold, errors: errors ? maxErrors : 0))
          if format == .conll2002, let entities = report.entities {
            print(
              ReportFormatter.conlleval(
                entities, tokens: goldDocuments.reduce(0) { $0 + ($1.tokens?.count ?? 0) }))
          }
        }
        if let baseline {
          let old = try loadingConfiguration("evaluate") {
            try evaluator.evaluate(gold: goldDocuments, predicted: try Self.readRecords(baseline))
          }
          print(ReportFormatter.comparison(report, baseline: old))
        }
      }
    }

    /// Every record of a JSONL file; a bad line stops the evaluation with its location.
    static func readRecords(_ path: String, command: String = "evaluate") throws -> [Document] {
      try readNumberedRecords(path, command: command).map(\.document)
    }

    /// Every record of a JSONL file with its line number; a bad line stops with its location.
    static func readNumberedRecords(_ path: String, command: String) throws -> [(
      document: Document, line: Int
    )] {
      do {
        return try RecordFile.read(path)
      } catch {
        Diagnostics.print("prensa \(command): \(error)")
        if case .cannotOpen = error { throw ExitCode(66) }
        throw ExitCode(65)
      }
    }
  }
}
