#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where records come from: a file path, or standard input (`-`).
public struct InputSource: Sendable, Hashable {
  public var path: String
  public init(path: String) { self.path = path }
  public var isStandardInput: Bool { path == "-" }
  /// The name used in error locations.
  public var displayName: String { isStandardInput ? "<stdin>" : path }

  /// Opens the source for reading.
  /// - Throws: `PipelineError.cannotOpen` naming the path and the reason.
  public func open() throws(PipelineError) -> Int32 {
    if isStandardInput { return STDIN_FILENO }
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path: path, reason: describeErrno(errno)) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw .cannotOpen(path: path, reason: "is a directory")
    }
    return fd
  }
}

/// A short lower-case reason for an errno value.
public func describeErrno(_ code: Int32) -> String {
  switch code {
  case ENOENT: "no such file"
  case EACCES: "permission denied"
  case EISDIR: "is a directory"
  case ENOSPC: "no space left on device"
  case EROFS: "read-only file system"
  case EDQUOT: "disk quota exceeded"
  default: String(cString: strerror(code)).lowercased()
  }
}

/// A buffered byte sink on a file descriptor.
public final class OutputSink {
  public let path: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  public var writer = JSONWriter(capacity: 1 << 20)
  /// The first write error, after which nothing more is written.
  public private(set) var failure: PipelineError?
  /// How much is buffered before a write: 1 MiB, or half a pipe's buffer (see `Pipes`).
  public let flushSize: Int

  /// Standard output.
  public init() {
    path = "<stdout>"
    descriptor = STDOUT_FILENO
    ownsDescriptor = false
    flushSize = Pipes.flushSize(descriptor)
  }

  /// Creates (or truncates) the file at `path`.
  public init(path: String) throws(PipelineError) {
    let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .cannotWrite(path: path, reason: describeErrno(errno)) }
    self.path = path
    descriptor = fd
    ownsDescriptor = true
    flushSize = Pipes.flushSize(fd)
  }

  /// Writes the buffer out once it holds `flushSize` bytes or more.
  @inline(__always) public func flushIfFull() {
    if writer.count >= flushSize { flush() }
  }

  /// Writes everything buffered.
  public func flush() {
    drain(&writer)
  }

  /// Writes out what `other` holds and empties it: a record being written into `other` (the
  /// sink's own writer, borrowed for the record) goes out as it is made instead of whole at its
  /// end (`Document.write(to:shape:drain:)`), so a huge record never sits in memory as JSON.
  public func drain(_ other: inout JSONWriter) {
    defer { other.removeAll() }
    guard failure == nil else { return }
    other.bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(
          descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = .cannotWrite(path: path, reason: describeErrno(errno))
          return
        }
        offset += written
      }
    }
  }

  /// Flushes, and closes the file if this sink opened it. Reports a failed `close` too (NFS and
  /// full disks report late).
  public func close() {
    flush()
    if ownsDescriptor {
      if Glibc.close(descriptor) != 0 && failure == nil {
        failure = .cannotWrite(path: path, reason: describeErrno(errno))
      }
    }
  }
}

/// Reads JSONL records from inputs, runs them through a pipeline and writes them out.
///
/// Bad lines never stop the stream (unless `failFast`): each is reported as
/// `prensa STAGE: FILE:LINE: reason`, copied verbatim to `rejects`, and counted.
public struct RecordStream {
  public var pipeline: Pipeline
  /// What the stages share while this stream's records pass through them one at a time.
  public let context = StageContext()
  /// The name in diagnostics (`prensa tag: ...`).
  public var commandName: String
  public var failFast = false
  /// Which fields are written (`--fields`, `--drop`, `--sentence-text`).
  public var shape = OutputShape.all
  public var diagnostics: (String) -> Void

  public init(pipeline: Pipeline, commandName: String, diagnostics: @escaping (String) -> Void) {
    self.pipeline = pipeline
    self.commandName = commandName
    self.diagnostics = diagnostics
  }

  /// What a run did.
  public struct Report: Equatable, Sendable {
    public var records = 0
    public var rejected = 0
    public var blankLines = 0
    public var stoppedEarly = false
    public init() {}
  }

  /// Processes every line of `descriptor`.
  public func run(
    descriptor: Int32, name: String, output: OutputSink, rejects: OutputSink?, report: inout Report
  ) {
    var reader = LineReader(descriptor: descriptor)
    if Self.startsLikeText(reader.peek()) {
      diagnostics(
        "prensa \(commandName): \(name): this is not JSONL (records start with '{'): "
          + "make records first with 'prensa ingest \(name == "<stdin>" ? "-" : name)', "
          + "or give plain text, Markdown or web pages to 'prensa run'")
    }
    report.blankLines += reader.forEachRecordLine(file: name) { line, location in
      process(line: line, location: location, output: output, rejects: rejects, report: &report)
      return !report.stoppedEarly
    }
    if let error = reader.readError {
      diagnostics("prensa \(commandName): \(name): read failed: \(describeErrno(error))")
      report.rejected += 1
    }
  }

  /// Whether input opens with something other than a JSON object (plain text piped to a stage
  /// that reads records).
  static func startsLikeText(_ head: ArraySlice<UInt8>) -> Bool {
    guard let first = significantStart(head).first else { return false }
    return first != UInt8(ascii: "{")
  }

  /// `head` from its first byte that is not white space, after a UTF-8 byte-order mark: where an
  /// input shows what it is (JSONL opens with `{`).
  public static func significantStart(_ head: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var bytes = head
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard
      let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
    else { return bytes[bytes.endIndex...] }
    return bytes[first...]
  }

  /// Parses, processes and writes one line (not blank: see `LineReader.forEachRecordLine`).
  public func process(
    line: UnsafeBufferPointer<UInt8>, location: SourceLocation, output: OutputSink,
    rejects: OutputSink?, report: inout Report
  ) {
    do throws(InputError) {
      var document = try Self.decode(line, at: location)
      do throws(StageError) {
        try pipeline.process(&document, in: context)
      } catch {
        throw InputError(location: location, reason: .inconsistent(error.message))
      }
      document.write(to: &output.writer, shape: shape, drain: output.drain)
      output.writer.raw(0x0A)
      output.flushIfFull()
      report.records += 1
    } catch {
      diagnostics("prensa \(commandName): \(error)")
      report.rejected += 1
      if let rejects {
        rejects.writer.bytes.append(contentsOf: line)
        rejects.writer.raw(0x0A)
        rejects.flushIfFull()
      }
      if failFast { report.stoppedEarly = true }
    }
  }

  /// Parses one line into a document.
  ///
  /// - Throws: `InputError` located at `location`.
  public static func decode(_ line: UnsafeBufferPointer<UInt8>, at location: SourceLocation)
    throws(InputError) -> Document
  {
    do throws(InputError.Reason) {
      let (value, repaired) = try JSONParser.parse(line)
      var document = try Document(json: value)
      if repaired {
        document.warnings.append("invalid UTF-8 or unpaired surrogate replaced with U+FFFD")
      }
      return document
    } catch {
      throw InputError(location: location, reason: error)
    }
  }

  /// Parses one line given as a string (tests and small inputs).
  public static func decode(_ line: String, at location: SourceLocation) throws(InputError)
    -> Document
  {
    var bytes = Array(line.utf8)
    let result: Result<Document, InputError> = bytes.withUnsafeMutableBufferPointer {
      do throws(InputError) {
        return .success(try decode(UnsafeBufferPointer($0), at: location))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

extension Document {
  /// The record as one JSON line (no newline), as the writer emits it.
  public var jsonLine: String {
    var writer = JSONWriter(capacity: 256)
    write(to: &writer)
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}

extension JSONValue {
  /// The value as compact JSON text (keys sorted, as the writer emits them).
  public var jsonLine: String {
    var writer = JSONWriter(capacity: 256)
    writer.value(self)
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}
