import ArgumentParser
import Batch
import Evaluation
import Ingestion
import Normalization
import PrensaCore

extension Prensa {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ingest",
      abstract:
        "Turn text, Markdown and saved web pages into records; .jsonl files pass through.",
      discussion: """
        Folders are read recursively in sorted order; files of other kinds are reported as \
        skipped. A document becomes {"id", "text", "source": {"path", "bytes", "sha256", \
        "encoding", "format"}} with id = its path relative to the argument; a web page also \
        gets "meta" (title, date, author, site, url, lang) and only its article as text. The \
        encoding is detected (BOM, UTF-8, the page's declared charset, then ICU) and converted \
        to UTF-8. '-' reads standard input: JSONL when it starts with '{', else one document.
        """)

    @Argument(help: "Files, folders, or '-' for standard input.")
    var paths: [String] = []

    @OptionGroup var selection: InputSelectionOptions

    @Option(
      help:
        "Read a CoNLL-2002 file: records with its exact tokens and sentences, and gold entities.")
    var conll: String?

    @Option(name: .shortAndLong, help: "Write records to this file instead of standard output.")
    var output: String?

    @Option(help: "Copy every rejected JSONL line, verbatim, to this file.")
    var rejects: String?

    @Option(help: "Directory of Spanish data files (default: the shipped Lexicons).")
    var lexicons: String?

    func validate() throws {
      if paths.isEmpty && conll == nil {
        throw ValidationError("give files or folders to read, or --conll FILE")
      }
    }

    func run() throws {
      let plan = try loadingConfiguration("ingest") { try selection.plan(paths) }
      let reader = try loadingConfiguration("ingest") {
        try DocumentReader.load(LexiconDirectory.locate(lexicons))
      }
      let (sink, rejectSink) = try openSinks(output: output, rejects: rejects, command: "ingest")
      if let conll {
        let documents = try loadingConfiguration("ingest") {
          try CoNLLReader.documents(bytes: try readFile(conll), file: conll)
        }
        for document in documents {
          document.write(to: &sink.writer)
          sink.writer.raw(0x0A)
          sink.flushIfFull()
        }
      }
      var options = BatchRunner.Options()
      options.verbose = selection.verbose
      // No stages: records pass through checked, documents become records.
      let runner = BatchRunner(
        pipeline: Pipeline([]), options: options, reader: reader, commandName: "ingest",
        diagnostics: { Diagnostics.print($0) })
      runner.report(plan.skipped)
      runner.run(plan.inputs, into: sink, rejects: rejectSink)
      sink.close()
      rejectSink?.close()
      if let failure = sink.failure ?? rejectSink?.failure {
        Diagnostics.print("prensa ingest: \(failure)")
        throw ExitCode(74)
      }
      if runner.summary.errors > 0 { throw ExitCode(65) }
    }
  }
}
