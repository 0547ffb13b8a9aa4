import ArgumentParser
import Batch
import Foundation
import Interchange
import PrensaCore

extension Exporter.Format: ExpressibleByArgument {}
extension Importer.Format: ExpressibleByArgument {}

extension Prensa {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write analysed records in other tools' formats (tables, CoNLL, annotation tools).",
      discussion: """
        Formats: csv (entities or sentences as a table: --table, or both files with --out-dir), \
        conll (CoNLL-2002 BIO), conllu (tokens and sentences, entities in MISC), brat (a .txt and \
        .ann per record; needs --out-dir), label-studio (tasks with prensa's annotations as \
        predictions), doccano (sequence-labelling JSONL), spacy (Doc.to_json per line). \
        Sentence labels travel as regions (Label Studio), category:/stance: spans (doccano) or \
        Sentence spans with attributes (brat); 'prensa import' reads corrected files back. \
        docs/interchange.md has every format.
        """)

    @Argument(help: "Result JSONL files; none or '-' reads standard input.")
    var results: [String] = []

    @Option(help: "The format to write.")
    var format: Exporter.Format

    @Option(help: "For csv on standard output: entities or sentences.")
    var table = "sentences"

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Write files into this folder (brat: one pair per record; csv: both tables).")
    var outDir: String?

    func validate() throws {
      if format == .brat && outDir == nil { throw ValidationError("--format brat needs --out-dir") }
      if !["entities", "sentences"].contains(table) {
        throw ValidationError("--table is entities or sentences")
      }
    }

    func run() throws {
      var documents: [Document] = []
      for path in results.isEmpty ? ["-"] : results {
        documents += try Prensa.Evaluate.readRecords(path, command: "export")
      }
      if let outDir {
        try loadingConfiguration("export") { try makeDirectories(outDir) }
        switch format {
        case .brat:
          for document in documents {
            let (text, annotations) = Exporter.brat(document)
            let name = Self.fileName(document.id)
            try write(text, to: outDir + "/" + name + ".txt")
            try write(annotations, to: outDir + "/" + name + ".ann")
          }
        case .csv:
          try write(Exporter.csv(documents, table: "entities"), to: outDir + "/entities.csv")
          try write(Exporter.csv(documents, table: "sentences"), to: outDir + "/sentences.csv")
        default:
          try write(render(documents), to: outDir + "/export." + Self.suffix(format))
        }
        return
      }
      let text = render(documents)
      if let output { try write(text, to: output) } else { print(text, terminator: "") }
    }

    func render(_ documents: [Document]) -> String {
      switch format {
      case .csv: Exporter.csv(documents, table: table)
      case .conll: Exporter.conll(documents)
      case .conllu: Exporter.conllu(documents)
      case .labelStudio: Exporter.labelStudio(documents)
      case .doccano: Exporter.doccano(documents)
      case .spacy: Exporter.spacy(documents)
      case .brat: documents.map { Exporter.brat($0).annotations }.joined()
      }
    }

    static func suffix(_ format: Exporter.Format) -> String {
      switch format {
      case .labelStudio: "json"
      case .doccano, .spacy: "jsonl"
      default: format.rawValue
      }
    }

    /// A record id as a file name: path separators and other awkward characters become `_`.
    static func fileName(_ id: String) -> String {
      let safe = String(id.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
      return safe.isEmpty || safe.hasPrefix(".") ? "doc" + safe : safe
    }

    func write(_ text: String, to path: String) throws {
      try writeWhole(Array(text.utf8), to: path, command: "export")
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Read corrected annotations (Label Studio, doccano, brat) back as gold JSONL.",
      discussion: """
        The output is gold for 'prensa evaluate --gold': {"id", "text", "entities", \
        "sentences"} with sentences[].cooperation.category and sentences[].stance.label. \
        label-studio reads a JSON export (each task's newest annotation, else its prediction); \
        doccano a JSONL export; brat a folder of .txt/.ann pairs (or .ann files).
        """)

    @Argument(help: "Files (brat: folders or .ann files).")
    var paths: [String]

    @Option(help: "The format to read.")
    var format: Importer.Format

    @Option(name: .shortAndLong, help: "Write gold JSONL to this file instead of standard output.")
    var output: String?

    func run() throws {
      var documents: [Document] = []
      do {
        for path in paths {
          switch format {
          case .labelStudio:
            documents += try Importer.labelStudio(try readTextFile(path), file: path)
          case .doccano:
            documents += try Importer.doccano(try readTextFile(path), file: path)
          case .brat:
            let files = try FileWalker.files(under: path, extensions: ["ann"])
            for entry in files {
              let base = String(entry.path.dropLast(".ann".count))
              let text = try readTextFile(base + ".txt")
              let id = (entry.relativePath as NSString).deletingPathExtension
              documents.append(
                try Importer.brat(
                  text: text, annotations: try readTextFile(entry.path), id: id, file: entry.path))
            }
          }
        }
      } catch let error as Importer.Failure {
        Diagnostics.print("prensa import: \(error)")
        throw ExitCode(65)
      } catch {
        Diagnostics.print("prensa import: \(error)")
        throw ExitCode(66)
      }
      var writer = JSONWriter(capacity: 1 << 16)
      for document in documents {
        document.write(to: &writer)
        writer.raw(0x0A)
      }
      if let output {
        try writeWhole(writer.bytes, to: output, command: "import")
      } else {
        print(String(decoding: writer.bytes, as: UTF8.self), terminator: "")
      }
    }
  }
}

extension Prensa {
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract: "Write one self-contained HTML page to look at analysed records.",
      discussion: """
        Reads records (the output of 'prensa run' or 'prensa classify', files, '-' or an \
        --out-dir folder of them) and writes a page with no network use: charts of categories \
        (overall, over time, per source), an index of documents, and each document's text with \
        entities highlighted (hover or focus: label, id, country, source, confidence), each \
        sentence's category and stance as colour and text, its cues underlined and its holder. \
        Filters by category, stance, entity label, text and document; 50 documents a page; \
        keys j/k, n/p, /. Filters can be given in the address: page.html#category=conflict.
        """)

    @Argument(help: "Result JSONL files or folders of them; none or '-' reads standard input.")
    var results: [String] = []

    @Option(name: .shortAndLong, help: "The page to write (default: standard output).")
    var output: String?

    @Option(help: "The page's title.")
    var title = "prensa review"

    func run() throws {
      var documents: [Document] = []
      for path in results.isEmpty ? ["-"] : results {
        let files =
          path == "-"
          ? ["-"]
          : try loadingConfiguration("review") {
            try FileWalker.files(under: path, extensions: ["jsonl"]).map(\.path)
          }
        for file in files { documents += try Prensa.Evaluate.readRecords(file, command: "review") }
      }
      var report = CorpusReport()
      report.canonicalNames = canonicalEntityNames(nil)
      for document in documents { report.add(document) }
      let page = ReviewPage.render(documents, title: title, network: report.network())
      if let output {
        try writeWhole(Array(page.utf8), to: output, command: "review")
        Diagnostics.print(
          String(
            format: "prensa review: %@: %d documents, %.1f MB", output, documents.count,
            Double(page.utf8.count) / 1e6))
      } else {
        print(page, terminator: "")
      }
    }
  }
}

/// Writes a whole file; a failure is reported as `prensa COMMAND: …` and exit status 74.
func writeWhole(_ bytes: [UInt8], to path: String, command: String) throws {
  do {
    let sink = try OutputSink(path: path)
    sink.writer.bytes.append(contentsOf: bytes)
    sink.close()
    if let failure = sink.failure { throw failure }
  } catch {
    Diagnostics.print("prensa \(command): \(error)")
    throw ExitCode(74)
  }
}
