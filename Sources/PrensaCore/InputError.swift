/// A malformed input record, with where it was found and what is wrong with it.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong with the record. Each case has one fixed message.
  public enum Reason: Error, Equatable, Sendable {
    case invalidJSON(String)
    case notAnObject(found: String)
    case missingField(String)
    case wrongType(field: String, expected: String, found: String)
    case offsetOutOfRange(field: String, offset: Int, textLength: Int)
    case spansOutOfOrder(field: String, index: Int)
    case nestingTooDeep(limit: Int)
    case duplicateKey(String)
    case lineTooLong(limit: Int)
    case inconsistent(String)

    public var message: String {
      switch self {
      case .invalidJSON(let detail): "invalid JSON: \(detail)"
      case .notAnObject(let found): "a record must be a JSON object, found \(found)"
      case .missingField(let field): "missing field '\(field)'"
      case .wrongType(let field, let expected, let found):
        "field '\(field)' must be \(expected), found \(found)"
      case .offsetOutOfRange(let field, let offset, let length):
        "offset \(offset) in '\(field)' is outside the text (\(length) characters)"
      case .spansOutOfOrder(let field, let index):
        "'\(field)[\(index)]' starts before the previous span ends"
      case .nestingTooDeep(let limit): "JSON nested deeper than \(limit) levels"
      case .duplicateKey(let key): "duplicate key '\(key)'"
      case .lineTooLong(let limit): "line longer than \(limit) bytes"
      case .inconsistent(let detail): detail
      }
    }
  }

  public var location: SourceLocation
  public var reason: Reason

  public init(location: SourceLocation, reason: Reason) {
    self.location = location
    self.reason = reason
  }

  /// `in.jsonl:7: missing field 'text'`
  public var description: String { "\(location): \(reason.message)" }
}

/// A failure of the pipeline as a whole (as opposed to one bad record).
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
  case cannotOpen(path: String, reason: String)
  case cannotWrite(path: String, reason: String)
  case invalidConfiguration(String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason): "cannot open '\(path)': \(reason)"
    case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
    case .invalidConfiguration(let detail): detail
    }
  }
}
