#if canImport(Glibc)
  import Glibc
#endif

extension LineReader {
  /// Whether a line is blank: empty, or spaces and tabs only (a carriage return is already gone).
  /// Blank lines are no records, in every command that reads records.
  @inlinable public static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// The one loop over the lines of a JSONL input: calls `body` with each line that is not blank
  /// and its location (`file`, line number from 1), until `body` returns false or the input ends.
  /// Returns the number of blank lines skipped; a read failure is left in `readError`.
  public mutating func forEachRecordLine(
    file: String, _ body: (UnsafeBufferPointer<UInt8>, SourceLocation) -> Bool
  ) -> Int {
    var blank = 0
    var going = true
    while going,
      let _ = nextLine({ line, number in
        if Self.isBlank(line) {
          blank += 1
        } else {
          going = body(line, SourceLocation(file: file, line: number))
        }
      })
    {}
    return blank
  }
}

/// Reading a whole JSONL file of records, for the commands that look at finished records
/// (`evaluate`, `report`, `show`, `review`, `export`, `train`): a bad line stops the reading with
/// its location.
public enum RecordFile {
  /// Why a file of records could not be read.
  public enum Failure: Error, CustomStringConvertible {
    /// The file cannot be opened (exit status 66).
    case cannotOpen(PipelineError)
    /// A line is not a record, or reading failed part way (exit status 65).
    case badLine(InputError)
    case readFailed(path: String, errno: Int32)

    public var description: String {
      switch self {
      case .cannotOpen(let error): "\(error)"
      case .badLine(let error): "\(error)"
      case .readFailed(let path, let code): "\(path): read failed: \(describeErrno(code))"
      }
    }
  }

  /// Every record of `path` (`-`: standard input) with its line number.
  public static func read(_ path: String) throws(Failure) -> [(document: Document, line: Int)] {
    let source = InputSource(path: path)
    let descriptor: Int32
    do {
      descriptor = try source.open()
    } catch {
      throw .cannotOpen(error)
    }
    defer { if !source.isStandardInput { close(descriptor) } }
    var reader = LineReader(descriptor: descriptor)
    var documents: [(document: Document, line: Int)] = []
    var failure: InputError?
    _ = reader.forEachRecordLine(file: source.displayName) { line, location in
      do throws(InputError) {
        documents.append((try RecordStream.decode(line, at: location), location.line))
        return true
      } catch {
        failure = error
        return false
      }
    }
    if let failure { throw .badLine(failure) }
    if let error = reader.readError { throw .readFailed(path: source.displayName, errno: error) }
    return documents
  }
}
