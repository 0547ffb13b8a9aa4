import ArgumentParser
import Batch
import Dispatch
import Foundation
import Ingestion
import PrensaCore

extension Prensa {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Run the whole pipeline over files, folders and JSONL streams in one process.",
      discussion: """
        Inputs are documents (.txt, .md, .html and .htm saved web pages: one record each), \
        .jsonl files (one record a line), folders (recursive, sorted; other files are reported \
        as skipped) and '-' (standard input: JSONL when it starts with '{', else one document). \
        Records come out in input order whatever --jobs is. With --out-dir, each input gets its own output \
        (a/b.txt → DIR/a/b.jsonl), written atomically; a rerun skips outputs that are complete \
        and made from the same input with the same configuration.
        """)

    @Argument(help: "Files, folders, or '-' for standard input.")
    var inputs: [String] = ["-"]

    @OptionGroup var selection: InputSelectionOptions
    @OptionGroup var shaping: OutputShapeOptions

    @Option(
      name: .shortAndLong, help: "Write one JSONL stream to this file instead of standard output.")
    var output: String?

    @Option(help: "Write one JSONL file per input under this folder, mirroring the inputs.")
    var outDir: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress line and no final summary.")
    var quiet = false

    @Flag(help: "Stop at the first bad record or file.")
    var failFast = false

    @Option(help: "Copy every rejected JSONL line, verbatim, to this file.")
    var rejects: String?

    @Flag(help: "Time each stage (runs on one thread) and print MB/s per stage on standard error.")
    var stats = false

    @Flag(
      help:
        "With --out-dir, delete the outputs (and manifest rows) whose inputs are not among this run's."
    )
    var prune = false

    @OptionGroup var normalization: NormalizationOptions
    @OptionGroup var tagging: TaggingOptions
    @OptionGroup var classification: ClassificationOptions

    func validate() throws {
      if output != nil && outDir != nil {
        throw ValidationError("use either --output or --out-dir, not both")
      }
      if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
      let start = DispatchTime.now()
      let pipeline = try loadingConfiguration("run") {
        let model = try classification.startLoadingModel(normalization)
        return Pipeline([
          try normalization.normalizer(), try normalization.tokenizer(),
          try tagging.tagger(normalization),
          try classification.classifier(normalization, model: model, explain: tagging.explain),
        ])
      }
      let plan = try loadingConfiguration("run") { try selection.plan(inputs) }
      let sources = plan.inputs
      var options = BatchRunner.Options()
      options.jobs = jobs
      options.failFast = failFast
      options.verbose = selection.verbose
      options.shape = shaping.shape
      let reader = try loadingConfiguration("run") {
        try DocumentReader.load(LexiconDirectory.locate(normalization.lexicons))
      }
      let runner = BatchRunner(
        pipeline: pipeline, options: options, reader: reader,
        diagnostics: { Diagnostics.print($0) })
      runner.timeStages = stats
      ProcessLifetime.keep(runner)
      runner.report(plan.skipped)
      let totalBytes = sources.reduce(0) {
        $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0)
      }
      if !quiet && isatty(STDERR_FILENO) != 0 {
        let meter = ProgressMeter(total: totalBytes, start: start)
        runner.progress = { meter.update($0) }
      }
      let rejectSink = try loadingConfiguration("run") {
        try rejects.map { try OutputSink(path: $0) }
      }
      var skipped = 0
      var writeFailure: PipelineError?
      if let outDir {
        // The configuration's digest reads every data file (some 20 MB): only the manifest of an
        // output folder needs it.
        var directory = try loadingConfiguration("run") {
          try OutputDirectory(root: outDir, configuration: configurationDigest())
        }
        let folder = runner.run(
          sources, into: &directory, rejects: rejectSink, prune: prune, quiet: quiet)
        skipped = folder.current
        writeFailure = folder.writeFailure
      } else {
        let sink = try loadingConfiguration("run") {
          try output.map { try OutputSink(path: $0) } ?? OutputSink()
        }
        runner.run(sources, into: sink, rejects: rejectSink)
        sink.close()
        if let failure = sink.failure {
          Diagnostics.print("prensa run: \(failure)")
          writeFailure = failure
        }
      }
      rejectSink?.close()
      let summary = runner.summary
      if !quiet {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Diagnostics.print(
          String(
            format:
              "prensa run: %d documents, %d sentences, %d entities, %d warnings, %d errors, %d skipped as current, %@%.1f s",
            summary.documents, summary.sentences, summary.entities, summary.warnings,
            summary.errors, skipped,
            summary.skipped > 0 ? "\(summary.skipped) files not read, " : "", seconds))
      }
      if stats {
        let megabytes = Double(summary.bytes) / 1e6
        for (stage, nanoseconds) in zip(pipeline.names, runner.stageNanoseconds) {
          let seconds = Double(nanoseconds) / 1e9
          Diagnostics.print(
            String(
              format: "prensa run: stage %@: %.3f s, %.1f MB/s", stage, seconds,
              seconds > 0 ? megabytes / seconds : 0))
        }
      }
      if writeFailure != nil { throw ExitCode(74) }
      if summary.errors > 0 { throw ExitCode(65) }
    }

    /// A hash of what shapes the output: the version, the options and every data file.
    func configurationDigest() throws -> String {
      var hasher = SHA256()
      let settings =
        "\(prensaVersion)|\(recordSchemaVersion)|\(normalization.form.rawValue)|\(normalization.asciiPunct)|\(tagging.lexiconOnly)|\(tagging.explain)|\(classification.rulesOnly)"
      hasher.update(Array(settings.utf8))
      let root = try LexiconDirectory.locate(normalization.lexicons).path
      if let model = classification.model { hasher.update(try readFile(model)) }
      for path in [root] + tagging.addLexicons {
        for entry in try FileWalker.files(under: path, extensions: []) {
          hasher.update(Array(entry.relativePath.utf8))
          hasher.update(try readFile(entry.path))
        }
      }
      return hasher.finalizeHex()
    }
  }
}

/// The progress line on a terminal: documents, MB, MB/s, ETA.
final class ProgressMeter: @unchecked Sendable {
  let total: Int
  let start: DispatchTime
  var last: UInt64 = 0

  init(total: Int, start: DispatchTime) {
    self.total = total
    self.start = start
  }

  func update(_ summary: BatchRunner.Summary) {
    let now = DispatchTime.now().uptimeNanoseconds
    guard now - last > 200_000_000 else { return }
    last = now
    let seconds = max(0.001, Double(now - start.uptimeNanoseconds) / 1e9)
    let rate = Double(summary.bytes) / seconds
    let remaining = total > summary.bytes && rate > 0 ? Double(total - summary.bytes) / rate : 0
    let line = String(
      format: "\r\u{1B}[K%d documents, %.1f MB, %.1f MB/s, ETA %.0f s", summary.documents,
      Double(summary.bytes) / 1e6, rate / 1e6, remaining)
    FileHandle.standardError.write(Data(line.utf8))
  }
}
