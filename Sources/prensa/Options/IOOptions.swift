import ArgumentParser
import Foundation
import Batch
import EntityTagging
import PrensaCore

/// The input and output options every record-processing subcommand shares.
struct IOOptions: ParsableArguments {
  @Argument(help: "JSONL files to read; none or '-' reads standard input.")
  var inputs: [String] = []

  @Option(name: .shortAndLong, help: "Write records to this file instead of standard output.")
  var output: String?

  @Flag(help: "Stop at the first bad line instead of reporting it and going on.")
  var failFast = false

  @Option(help: "Copy every rejected line, verbatim, to this file.")
  var rejects: String?

  @OptionGroup var shaping: OutputShapeOptions

  /// Streams every input through `pipeline`.
  ///
  /// - Throws: `ExitCode` 66 when an input cannot be opened, 74 when output fails, 65 when any
  ///   line was rejected.
  func stream(_ pipeline: Pipeline, command: String) throws {
    let sources = inputs.isEmpty ? [InputSource(path: "-")] : inputs.map(InputSource.init(path:))
    var descriptors: [Int32] = []
    for source in sources {
      do {
        descriptors.append(try source.open())
      } catch {
        Diagnostics.print("prensa \(command): \(error)")
        throw ExitCode(66)
      }
    }
    let (sink, rejectSink) = try openSinks(output: output, rejects: rejects, command: command)
    var stream = RecordStream(
      pipeline: pipeline, commandName: command, diagnostics: Diagnostics.print)
    stream.failFast = failFast
    stream.shape = shaping.shape
    ProcessLifetime.keep((pipeline, stream.context))
    var report = RecordStream.Report()
    for (source, descriptor) in zip(sources, descriptors) where !report.stoppedEarly {
      stream.run(
        descriptor: descriptor, name: source.displayName, output: sink, rejects: rejectSink,
        report: &report)
      if !source.isStandardInput { close(descriptor) }
    }
    sink.close()
    rejectSink?.close()
    for failure in [sink.failure, rejectSink?.failure].compactMap({ $0 }) {
      Diagnostics.print("prensa \(command): \(failure)")
      throw ExitCode(74)
    }
    if report.rejected > 0 { throw ExitCode(65) }
  }
}

/// Messages to standard error, one line each.
enum Diagnostics {
  static func print(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}

/// Runs `body`, which loads configuration (lexicons, data files); a failure is printed as
/// `prensa COMMAND: reason` and exits with status 66 (a missing data file is missing input).
func loadingConfiguration<T>(_ command: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as PipelineError {
    Diagnostics.print("prensa \(command): \(error)")
    throw ExitCode(66)
  } catch let error as LexiconError {
    Diagnostics.print("prensa \(command): \(error)")
    throw ExitCode(65)
  }
}

/// Opens standard output or `-o FILE`, and the `--rejects` file when given.
///
/// - Throws: `ExitCode(74)` after printing which file cannot be written.
func openSinks(output: String?, rejects: String?, command: String) throws -> (
  OutputSink, OutputSink?
) {
  do {
    return (
      try output.map { try OutputSink(path: $0) } ?? OutputSink(),
      try rejects.map { try OutputSink(path: $0) }
    )
  } catch {
    Diagnostics.print("prensa \(command): \(error)")
    throw ExitCode(74)
  }
}

/// What a folder run reads and how standard input is read (`run`, `ingest`).
struct InputSelectionOptions: ParsableArguments {
  @Option(
    name: .customLong("include"),
    help: ArgumentHelp(
      "Read only a folder's files matching this glob (name or path under the folder); repeatable.",
      valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .customLong("exclude"),
    help: ArgumentHelp(
      "Leave out a folder's files matching this glob; repeatable.", valueName: "glob"))
  var exclude: [String] = []

  @Option(
    help: ArgumentHelp(
      "How to read inputs: auto (by extension; standard input by its first bytes), jsonl, text, markdown, html.",
      valueName: "format"))
  var format: InputPlan.Format = .auto

  @Flag(help: "Say on standard error what standard input was read as.")
  var verbose = false

  func plan(_ arguments: [String]) throws -> InputPlan {
    try InputPlan.make(arguments, include: include, exclude: exclude, format: format)
  }
}

extension InputPlan.Format: ExpressibleByArgument {}

/// What the last stage writes (every record-writing subcommand).
struct OutputShapeOptions: ParsableArguments {
  @Option(
    name: .customLong("fields"),
    help: ArgumentHelp(
      "Write only these top-level fields (comma-separated; id always), e.g. id,text,sentences.",
      valueName: "list"))
  var fields: String?

  @Option(
    name: .customLong("drop"),
    help: ArgumentHelp(
      "Leave these top-level fields out (comma-separated), e.g. tokens,alignment.",
      valueName: "list"))
  var drop: String?

  @Flag(help: "Add each sentence's text to it (sentences[].text).")
  var sentenceText = false

  var shape: OutputShape {
    func list(_ value: String?) -> Set<String>? {
      value.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
    }
    return OutputShape(keep: list(fields), drop: list(drop) ?? [], sentenceText: sentenceText)
  }
}
