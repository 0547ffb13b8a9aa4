import ArgumentParser
import Glibc
import Evaluation
import Ingestion
import Normalization
import PrensaCore

extension Prensa {
  struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Turn .txt and .md files and folders into records; .jsonl files pass through.",
      discussion: """
        Folders are read recursively in sorted order. A text file becomes {"id", "text", \
        "source": {"path", "bytes", "sha256", "encoding"}} with id = its path relative to the \
        argument. The encoding is detected (BOM, UTF-8, then ICU) and converted to UTF-8.
        """)

    @Argument(help: "Files and folders to read.")
    var paths: [String] = []

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
      var entries: [FileWalker.Entry] = []
      for path in paths {
        do {
          entries += try FileWalker.files(
            under: path, extensions: Set(DocumentReader.extensions.keys).union(["jsonl"]))
        } catch {
          Diagnostics.print("prensa ingest: \(error)")
          throw ExitCode(66)
        }
      }
      let reader = try loadingConfiguration("ingest") {
        try DocumentReader.load(LexiconDirectory.locate(lexicons))
      }
      let (sink, rejectSink) = try openSinks(output: output, rejects: rejects, command: "ingest")
      let stream = RecordStream(
        pipeline: Pipeline([]), commandName: "ingest", diagnostics: Diagnostics.print)
      var report = RecordStream.Report()
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
      for entry in entries {
        if entry.path.lowercased().hasSuffix(".jsonl") {
          let source = InputSource(path: entry.path)
          do {
            let descriptor = try source.open()
            stream.run(
              descriptor: descriptor, name: entry.path, output: sink, rejects: rejectSink,
              report: &report)
            _ = close(descriptor)
          } catch {
            Diagnostics.print("prensa ingest: \(error)")
            report.rejected += 1
          }
          continue
        }
        do {
          let bytes = try readFile(entry.path)
          let document = try reader.document(
            bytes: bytes, id: entry.relativePath, path: entry.path)
          document.write(to: &sink.writer)
          sink.writer.raw(0x0A)
          sink.flushIfFull()
          report.records += 1
        } catch let error as Ingestor.Failure {
          Diagnostics.print("prensa ingest: \(entry.path): \(error)")
          report.rejected += 1
        } catch {
          Diagnostics.print("prensa ingest: \(error)")
          report.rejected += 1
        }
      }
      sink.close()
      rejectSink?.close()
      if let failure = sink.failure ?? rejectSink?.failure {
        Diagnostics.print("prensa ingest: \(failure)")
        throw ExitCode(74)
      }
      if report.rejected > 0 { throw ExitCode(65) }
    }
  }
}
