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

  /// Annotates `document` in place. Pure: no I/O.
  ///
  /// - Throws: `StageError` when the record cannot be processed.
  func process(_ document: inout Document) throws(StageError)
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

  public func process(_ document: inout Document) throws(StageError) {
    var firstToRun = 0
    for (index, stage) in stages.enumerated() where document.hasApplied(stage.name) {
      firstToRun = index + 1
    }
    for stage in stages[firstToRun...] {
      try stage.process(&document)
      document.stages.append(stage.name)
    }
  }
}
