#if canImport(Glibc)
  import Glibc
#endif

/// A monotonic clock reading in nanoseconds.
public func monotonicNanoseconds() -> UInt64 {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// A failure of a stage on one record (the record is rejected, the stream goes on).
public struct StageError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A pipeline stage that adds one kind of annotation to a document.
public protocol Stage: Sendable {
  /// The stage's name as recorded in `prensa.stages` (`normalize`, `tokenize`, ...).
  var name: String { get }

  /// Annotates `document` in place, with what this worker's stages share in `context`. Pure: no
  /// I/O, and nothing of the document kept anywhere but in `context`.
  ///
  /// - Throws: `StageError` when the record cannot be processed.
  func process(_ document: inout Document, in context: StageContext) throws(StageError)
}

extension Stage {
  /// Annotates `document` with a context of its own (one-off calls and tests; a runner passes
  /// each worker's context so that words are looked up once per worker).
  public func process(_ document: inout Document) throws(StageError) {
    try process(&document, in: StageContext())
  }
}

/// Stages run in order, each at most once per record.
///
/// A stage is skipped when it, or any stage after it in this pipeline, is already recorded in
/// the document's `prensa.stages`: so `prensa tag` on a bare record runs normalize and tokenize
/// first, and on a tokenized record runs only the tagger.
public struct Pipeline: Sendable {
  public var stages: [any Stage]

  public init(_ stages: [any Stage]) { self.stages = stages }

  public var names: [String] { stages.map(\.name) }

  /// Processes `document` with a context of its own (one-off calls and tests).
  public func process(_ document: inout Document) throws(StageError) {
    try process(&document, in: StageContext())
  }

  /// Processes `document` with a worker's `context`.
  public func process(_ document: inout Document, in context: StageContext) throws(StageError) {
    var ignored: [UInt64] = []
    try process(&document, in: context, nanoseconds: &ignored, timed: false)
  }

  /// Processes, adding each stage's wall time in nanoseconds to `nanoseconds[i]` (for
  /// `prensa run --stats`).
  public func process(
    _ document: inout Document, in context: StageContext, nanoseconds: inout [UInt64],
    timed: Bool = true
  ) throws(StageError) {
    if timed && nanoseconds.count < stages.count {
      nanoseconds += [UInt64](repeating: 0, count: stages.count - nanoseconds.count)
    }
    var firstToRun = 0
    for (index, stage) in stages.enumerated() where document.hasApplied(stage.name) {
      firstToRun = index + 1
    }
    for index in firstToRun..<stages.count {
      let start = timed ? monotonicNanoseconds() : 0
      try stages[index].process(&document, in: context)
      document.stages.append(stages[index].name)
      if timed { nanoseconds[index] += monotonicNanoseconds() - start }
    }
  }
}
