import Ingestion
import PrensaCore

extension BatchRunner {
  /// What became of one document file read and processed by a worker.
  enum FileOutcome: Sendable {
    /// Processed (or rejected by a stage); `bytes` is the file's size.
    case processed(Result<Output, InputError>, bytes: Int)
    /// Read and made into a record, but large: the driver processes it alone, streamed.
    case large(Document, bytes: Int)
    /// Blank: reported as skipped.
    case empty
    /// Not readable, or not text: an error with its message.
    case failed(String)
  }

  /// Document files (`.txt`, `.md`, `.html`) through the pipeline on `jobs` threads: each
  /// worker reads a file, makes its record and processes it; the driver then reports and writes
  /// every outcome in input order, so the output and the messages are those of one file at a
  /// time.
  func runFiles(_ files: [Input], into sink: OutputSink, rejects: OutputSink?) {
    guard !files.isEmpty else { return }
    let contexts = takeContexts()
    let outcomes = worker.process(files, reader: reader, jobs: options.jobs, contexts: contexts)
    for (input, outcome) in zip(files, outcomes) {
      if options.failFast && summary.errors > 0 { break }
      switch outcome {
      case .empty:
        report([InputPlan.Skipped(path: input.path, reason: "empty file")])
      case .failed(let message):
        diagnostics("prensa \(commandName): \(message)")
        summary.errors += 1
      case .large(let document, let bytes):
        summary.bytes += bytes
        runAlone(.document(document), raw: nil, into: sink, rejects: rejects)
      case .processed(let result, let bytes):
        summary.bytes += bytes
        write([result], items: [nil], into: sink, rejects: rejects)
      }
      progress?(summary)
    }
  }
}

extension BatchRunner {
  /// A document file's bytes made into a record.
  enum Reading {
    case record(Document)
    /// Blank: reported as skipped.
    case empty
    /// Not text (binary, undecodable): the message, which names the file.
    case failed(String)
  }

  /// The record of a document file (or of standard input read whole), as `run` and `ingest`
  /// make it whether one file at a time or in parallel.
  static func record(
    from bytes: [UInt8], of input: Input, format: DocumentReader.Format, reader: DocumentReader
  ) -> Reading {
    let name = input.isStandardInput ? "<stdin>" : input.path
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return .empty }
    let id = input.isStandardInput ? "stdin" : input.relativePath
    do {
      return .record(try reader.document(bytes: bytes, id: id, path: name, format: format))
    } catch {
      return .failed("\(name): \(error)")
    }
  }
}

extension BatchRunner.Worker {
  /// Reads, makes into records and processes document files on `jobs` threads (each with its
  /// own context); the outcomes are in input order.
  func process(
    _ files: [BatchRunner.Input], reader: DocumentReader, jobs: Int,
    contexts: BatchRunner.Contexts
  ) -> [BatchRunner.FileOutcome] {
    let threads = max(1, min(jobs, files.count, contexts.all.count))
    let outcomes = BatchRunner.Worker.parallel(files.count, threads: threads, contexts: contexts) {
      i, context in outcome(files[i], reader: reader, context: context)
    }
    return outcomes.map { $0 ?? .failed("not processed") }
  }

  private func outcome(
    _ input: BatchRunner.Input, reader: DocumentReader, context: StageContext
  ) -> BatchRunner.FileOutcome {
    guard case .text(let format) = input.kind else {
      return .failed("\(input.path): not a document")
    }
    let bytes: [UInt8]
    do {
      bytes = try readFile(input.path)
    } catch {
      return .failed("\(error)")
    }
    let document: Document
    switch BatchRunner.record(from: bytes, of: input, format: format, reader: reader) {
    case .empty: return .empty
    case .failed(let message): return .failed(message)
    case .record(let made): document = made
    }
    if bytes.count >= BatchRunner.aloneSize { return .large(document, bytes: bytes.count) }
    var ignored: [UInt64] = []
    return .processed(
      run(.document(document), in: context, nanoseconds: &ignored, timed: false),
      bytes: bytes.count)
  }
}
