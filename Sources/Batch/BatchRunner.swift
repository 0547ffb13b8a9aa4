import Dispatch
import Ingestion
import PrensaCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a pipeline over files, folders and JSONL streams: in parallel, in input order, resumable.
///
/// Work is cut into batches of records; each batch is processed on `jobs` threads and written in
/// input order, so the output is byte-identical whatever `jobs` is, and memory stays bounded by
/// the batch size. With an output folder, each input's output is written to a temporary file
/// and renamed when complete, and a manifest records the input's hash and the configuration's
/// hash: a rerun skips inputs whose output is complete and current.
///
/// The runner is the driver: it reads, writes and keeps the summary on the calling thread. The
/// records of a batch are processed by a `Worker` (Sendable: it holds only the pipeline and the
/// output shape) on `jobs` threads, each thread with its own `StageContext`, which the runner
/// owns and keeps from batch to batch.
public final class BatchRunner {
  public struct Options: Sendable {
    public var jobs = 1
    public var batchSize = 256
    public var failFast = false
    /// Say on standard error what standard input was detected as.
    public var verbose = false
    /// Which fields are written.
    public var shape = OutputShape.all
    public init() {}
  }

  /// What a run did.
  public struct Summary: Sendable, Equatable {
    public var documents = 0
    public var sentences = 0
    public var entities = 0
    public var warnings = 0
    public var errors = 0
    public var bytes = 0
    /// Files not read: unsupported or empty (each reported).
    public var skipped = 0
  }

  /// One unit of input: a document file, a JSONL file, or standard input.
  public struct Input: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// One document in a format (plain text, Markdown, a web page).
      case text(DocumentReader.Format)
      /// Records, one a line.
      case jsonl
      /// Standard input of either kind: JSONL when its first line opens an object.
      case detect
    }
    public var path: String
    /// The path relative to the argument it came from (used for ids and output paths).
    public var relativePath: String
    public var kind: Kind
    public var isStandardInput: Bool { path == "-" }
  }

  public let pipeline: Pipeline
  public let options: Options
  /// Turns document files into records.
  public let reader: DocumentReader
  public let commandName: String
  public var diagnostics: @Sendable (String) -> Void
  /// Called after each batch with the running summary (for progress lines).
  public var progress: ((Summary) -> Void)?
  public internal(set) var summary = Summary()
  /// Wall time per stage, in nanoseconds, summed over documents (filled when `options.jobs` is 1
  /// and `timeStages` is set).
  public private(set) var stageNanoseconds: [UInt64] = []
  public var timeStages = false
  let worker: Worker
  /// One context per job. While batches overlap (`runLines` with several jobs: one batch is
  /// processed while the previous one finishes) they alternate between this set and `spare`;
  /// otherwise every batch uses this one, so each word is analysed once per job.
  private let contexts: Contexts
  private var spare: Contexts?
  private var useSpare = false

  public init(
    pipeline: Pipeline, options: Options, reader: DocumentReader, commandName: String = "run",
    diagnostics: @escaping @Sendable (String) -> Void
  ) {
    self.pipeline = pipeline
    self.options = options
    self.reader = reader
    self.commandName = commandName
    self.diagnostics = diagnostics
    worker = Worker(pipeline: pipeline, shape: options.shape)
    contexts = Contexts(max(1, options.jobs))
  }

  /// Reports the files a plan leaves out and counts them in the summary.
  public func report(_ skipped: [InputPlan.Skipped]) {
    for file in skipped {
      diagnostics("prensa \(commandName): skipped \(file.path): \(file.reason)")
    }
    summary.skipped += skipped.count
  }

  // MARK: - Processing

  /// A record to process: from a line of JSONL (with its location) or from a text file.
  enum Work {
    case line([UInt8], SourceLocation)
    case document(Document)
  }

  /// One processed record: its JSON line and what it holds.
  struct Output: Sendable {
    var bytes: [UInt8]
    var sentences: Int
    var entities: Int
    var warnings: Int
  }

  /// The contexts for the next batch (`overlapping`: one batch may still be running).
  func takeContexts(overlapping: Bool = false) -> Contexts {
    guard overlapping else { return contexts }
    defer { useSpare.toggle() }
    guard useSpare else { return contexts }
    let set = spare ?? Contexts(contexts.all.count)
    spare = set
    return set
  }

  /// Processes work items and returns each one's output (a JSON line), or the error that rejected
  /// it, in input order; with `timeStages`, one by one, adding each stage's time.
  func process(_ items: [Work]) -> [Result<Output, InputError>] {
    let contexts = takeContexts()
    guard timeStages else { return worker.process(items, jobs: options.jobs, contexts: contexts) }
    return items.map {
      worker.run($0, in: contexts.all[0], nanoseconds: &stageNanoseconds, timed: true)
    }
  }

  /// What processes records: the pipeline and the output shape, shared by every thread.
  struct Worker: Sendable {
    let pipeline: Pipeline
    let shape: OutputShape

    /// Processes work items on `jobs` threads, each with its own context from `contexts`; the
    /// results are in input order whatever thread computed them.
    func process(_ items: [Work], jobs: Int, contexts: Contexts) -> [Result<Output, InputError>] {
      let threads = min(jobs, items.count, contexts.all.count)
      if threads <= 1 {
        var ignored: [UInt64] = []
        return items.map { run($0, in: contexts.all[0], nanoseconds: &ignored, timed: false) }
      }
      let results = Self.parallel(items.count, threads: threads, contexts: contexts) {
        i, context in
        var ignored: [UInt64] = []
        return run(items[i], in: context, nanoseconds: &ignored, timed: false)
      }
      return results.map {
        $0
          ?? .failure(
            InputError(
              location: SourceLocation(file: "?", line: 0), reason: .inconsistent("not processed")))
      }
    }

    /// `body(i, context)` for every `i` below `count`, on `threads` threads that claim indices
    /// from an atomic counter, each thread with its own context from `contexts`; the results are
    /// in index order whatever thread computed them (nil only if a thread never ran).
    static func parallel<T>(
      _ count: Int, threads: Int, contexts: Contexts,
      _ body: @Sendable (Int, StageContext) -> T
    ) -> [T?] {
      var results = [T?](repeating: nil, count: count)
      let next = Atomic<Int>(0)
      results.withUnsafeMutableBufferPointer { buffer in
        // Each index is claimed by exactly one thread (the atomic counter), so no slot is written
        // twice, and the buffer outlives `concurrentPerform`, which returns when all are done.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { thread in
          let context = contexts.all[thread]
          while true {
            let i = next.add(1, ordering: .relaxed).oldValue
            guard i < count else { break }
            slots[i] = body(i, context)
          }
        }
      }
      return results
    }

    /// Decodes, processes and writes one work item; adds stage times when `timed`. With `sink`,
    /// the record is written straight into it as it is made (the result then holds no bytes).
    func run(
      _ item: Work, in context: StageContext, nanoseconds: inout [UInt64], timed: Bool,
      into sink: OutputSink? = nil
    ) -> Result<Output, InputError> {
      do throws(InputError) {
        var document: Document
        let location: SourceLocation
        switch item {
        case .line(let bytes, let at):
          location = at
          document = try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
            try RecordStream.decode(buffer, at: at)
          }
        case .document(let d):
          document = d
          location = SourceLocation(file: d.id, line: 1)
        }
        do throws(StageError) {
          try pipeline.process(&document, in: context, nanoseconds: &nanoseconds, timed: timed)
        } catch {
          throw InputError(location: location, reason: .inconsistent(error.message))
        }
        var bytes: [UInt8] = []
        if let sink {
          document.write(to: &sink.writer, shape: shape, drain: sink.drain)
          sink.writer.raw(0x0A)
          sink.flushIfFull()
        } else {
          var writer = JSONWriter(capacity: 4096)
          document.write(to: &writer, shape: shape)
          writer.raw(0x0A)
          bytes = writer.bytes
        }
        return .success(
          Output(
            bytes: bytes, sentences: document.sentences?.count ?? 0,
            entities: document.entities?.count ?? 0, warnings: document.warnings.count))
      } catch {
        return .failure(error)
      }
    }
  }

  /// One stage context per thread of a batch.
  final class Contexts: @unchecked Sendable {
    /// Unchecked because a `StageContext` is not thread-safe: `Worker.process` hands context `i`
    /// to thread `i` only, and the runner gives one set to one batch at a time.
    let all: [StageContext]

    init(_ count: Int) { all = (0..<count).map { _ in StageContext() } }
  }

  /// Runs every input into `sink` (one stream). With several jobs, consecutive document files
  /// are read and processed in parallel, a batch at a time, and written in input order.
  public func run(_ inputs: [Input], into sink: OutputSink, rejects: OutputSink?) {
    var files: [Input] = []
    let parallel = options.jobs > 1 && !timeStages
    for input in inputs {
      if options.failFast && summary.errors > 0 { break }
      if parallel, case .text = input.kind, !input.isStandardInput {
        files.append(input)
        if files.count >= options.batchSize {
          runFiles(files, into: sink, rejects: rejects)
          files.removeAll()
        }
        continue
      }
      runFiles(files, into: sink, rejects: rejects)
      files.removeAll()
      runOne(input, into: sink, rejects: rejects)
    }
    if !(options.failFast && summary.errors > 0) {
      runFiles(files, into: sink, rejects: rejects)
    }
  }

  /// Runs one input into `sink`; returns false when the input could not be read at all.
  @discardableResult
  public func runOne(_ input: Input, into sink: OutputSink, rejects: OutputSink?) -> Bool {
    switch input.kind {
    case .text(let format):
      var bytes: [UInt8] = []
      do {
        if input.isStandardInput {
          var reader = LineReader(descriptor: STDIN_FILENO)
          bytes = reader.readToEnd()
        } else {
          bytes = try readFile(input.path)
        }
      } catch {
        diagnostics("prensa \(commandName): \(error)")
        summary.errors += 1
        return false
      }
      return runDocument(input, bytes: bytes, format: format, into: sink, rejects: rejects)
    case .detect:
      var reader = LineReader(descriptor: STDIN_FILENO)
      let head = reader.peek()
      guard let format = Self.detectFormat(head) else {
        if options.verbose { diagnostics("prensa \(commandName): <stdin>: read as JSONL") }
        return runLines(input, reader: &reader, into: sink, rejects: rejects)
      }
      if options.verbose {
        diagnostics(
          "prensa \(commandName): <stdin>: not JSONL: read as one \(format.rawValue) document")
      }
      let bytes = reader.readToEnd()
      return runDocument(input, bytes: bytes, format: format, into: sink, rejects: rejects)
    case .jsonl:
      let descriptor: Int32
      do {
        descriptor = try InputSource(path: input.path).open()
      } catch {
        diagnostics("prensa \(commandName): \(error)")
        summary.errors += 1
        return false
      }
      defer { if !input.isStandardInput { close(descriptor) } }
      var reader = LineReader(descriptor: descriptor)
      return runLines(input, reader: &reader, into: sink, rejects: rejects)
    }
  }

  /// The format of standard input from its first bytes: nil for JSONL (the first thing that is
  /// not white space opens an object), a web page when it opens with markup, else plain text.
  public static func detectFormat(_ head: ArraySlice<UInt8>) -> DocumentReader.Format? {
    let bytes = RecordStream.significantStart(head)
    guard let first = bytes.first else { return nil }
    if first == UInt8(ascii: "{") { return nil }
    if first == UInt8(ascii: "<") {
      let start = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
      if start.contains("<html") || start.contains("<!doctype html") || start.contains("<body") {
        return .html
      }
    }
    return .text
  }

  /// One document file (or standard input read whole) through the pipeline: an empty file is
  /// skipped and reported; one that is not text (binary) is an error.
  private func runDocument(
    _ input: Input, bytes: [UInt8], format: DocumentReader.Format, into sink: OutputSink,
    rejects: OutputSink?
  ) -> Bool {
    let document: Document
    switch Self.record(from: bytes, of: input, format: format, reader: reader) {
    case .empty:
      report([
        InputPlan.Skipped(
          path: input.isStandardInput ? "<stdin>" : input.path, reason: "empty file")
      ])
      return true
    case .failed(let message):
      diagnostics("prensa \(commandName): \(message)")
      summary.errors += 1
      return false
    case .record(let made):
      document = made
    }
    summary.bytes += bytes.count
    if bytes.count >= Self.aloneSize {
      runAlone(.document(document), raw: nil, into: sink, rejects: rejects)
    } else {
      write(process([.document(document)]), items: [nil], into: sink, rejects: rejects)
    }
    progress?(summary)
    return true
  }

  /// Records this large (in bytes of input) are processed on their own and written as they are
  /// made: a batch would hold each one's whole JSON output in memory (17 bytes a byte of text).
  static let aloneSize = 4 << 20

  /// Processes one large record on the calling thread, writing it straight into `sink`.
  func runAlone(
    _ item: Work, raw: [UInt8]?, into sink: OutputSink, rejects: OutputSink?
  ) {
    let context = takeContexts().all[0]
    var ignored: [UInt64] = []
    let result =
      timeStages
      ? worker.run(item, in: context, nanoseconds: &stageNanoseconds, timed: true, into: sink)
      : worker.run(item, in: context, nanoseconds: &ignored, timed: false, into: sink)
    account(result, raw: raw, rejects: rejects)
  }

  /// A stream of JSONL records through the pipeline, in batches.
  private func runLines(
    _ input: Input, reader: inout LineReader, into sink: OutputSink, rejects: OutputSink?
  ) -> Bool {
    let name = input.isStandardInput ? "<stdin>" : input.path
    var batch: [Work] = []
    var raw: [[UInt8]?] = []
    // With several jobs, a batch is processed while the next one is read and the previous one
    // written, so the workers do not wait on input and output.
    let overlap = options.jobs > 1 && !timeStages && !options.failFast
    var inFlight: (group: DispatchGroup, box: ResultBox, raw: [[UInt8]?])?
    func finishInFlight() {
      guard let running = inFlight else { return }
      running.group.wait()
      write(running.box.results, items: running.raw, into: sink, rejects: rejects)
      inFlight = nil
      progress?(summary)
    }
    func flush() {
      guard !batch.isEmpty else { return }
      if overlap {
        let items = batch
        let box = ResultBox()
        let group = DispatchGroup()
        let worker = self.worker
        let jobs = options.jobs
        let contexts = takeContexts(overlapping: true)
        DispatchQueue.global().async(group: group) {
          box.results = worker.process(items, jobs: jobs, contexts: contexts)
        }
        finishInFlight()
        inFlight = (group, box, raw)
      } else {
        write(process(batch), items: raw, into: sink, rejects: rejects)
        progress?(summary)
      }
      batch.removeAll(keepingCapacity: true)
      raw.removeAll(keepingCapacity: true)
    }
    // With one job, each record is written into the sink as it is made, while its bytes are
    // still in cache: gathered with its batch (256 records, about a megabyte of output on
    // one-paragraph records) and copied after, every byte was read back from memory.
    let direct = options.jobs == 1
    var sinceProgress = 0
    _ = reader.forEachRecordLine(file: name) { line, location in
      let bytes = Array(line)
      summary.bytes += bytes.count + 1
      if direct || bytes.count >= Self.aloneSize {
        // In input order: what is before it goes out first.
        flush()
        finishInFlight()
        runAlone(.line(bytes, location), raw: bytes, into: sink, rejects: rejects)
        sinceProgress += 1
        if !direct || sinceProgress >= options.batchSize {
          progress?(summary)
          sinceProgress = 0
        }
        return !(options.failFast && summary.errors > 0)
      }
      batch.append(.line(bytes, location))
      raw.append(bytes)
      if batch.count >= options.batchSize { flush() }
      return !(options.failFast && summary.errors > 0)
    }
    flush()
    finishInFlight()
    if let error = reader.readError {
      diagnostics("prensa \(commandName): \(name): read failed: \(describeErrno(error))")
      summary.errors += 1
      return false
    }
    return true
  }

  func write(
    _ results: [Result<Output, InputError>], items raw: [[UInt8]?], into sink: OutputSink,
    rejects: OutputSink?
  ) {
    for (index, result) in results.enumerated() {
      if case .success(let output) = result, !output.bytes.isEmpty {
        sink.writer.append(output.bytes)
        sink.flushIfFull()
      }
      account(result, raw: index < raw.count ? raw[index] : nil, rejects: rejects)
    }
  }

  /// Counts a record's result in the summary; a rejected record is reported, and its line goes
  /// to `rejects`. (Its output, if any, is already in the sink.)
  func account(_ result: Result<Output, InputError>, raw: [UInt8]?, rejects: OutputSink?) {
    switch result {
    case .success(let output):
      summary.documents += 1
      summary.sentences += output.sentences
      summary.entities += output.entities
      summary.warnings += output.warnings
    case .failure(let error):
      diagnostics("prensa \(commandName): \(error)")
      summary.errors += 1
      if let rejects, let line = raw {
        rejects.writer.bytes.append(contentsOf: line)
        rejects.writer.raw(0x0A)
        rejects.flushIfFull()
      }
    }
  }
}

/// The results of a batch processed in the background. Unchecked because the background task
/// writes `results` and the runner reads them only after waiting for that task's group.
private final class ResultBox: @unchecked Sendable {
  var results: [Result<BatchRunner.Output, InputError>] = []
}
