#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder of Spanish data files (`Lexicons/`): abbreviations, word lists, entity lexicons.
public struct LexiconDirectory: Sendable, Equatable {
  public var path: String

  public init(path: String) { self.path = path }

  /// Finds the data folder: `explicit` if given, else `$PRENSA_LEXICONS`, else
  /// `PREFIX/share/prensa/Lexicons` beside the installed binary, else a `Lexicons/` folder in
  /// the binary's directory or any parent (a source checkout), else `./Lexicons`.
  ///
  /// - Throws: `PipelineError.cannotOpen` when none exists.
  public static func locate(_ explicit: String?) throws(PipelineError) -> LexiconDirectory {
    if let explicit {
      guard isDirectory(explicit) else {
        throw .cannotOpen(path: explicit, reason: "no such directory")
      }
      return LexiconDirectory(path: explicit)
    }
    if let environment = getenv("PRENSA_LEXICONS") {
      let path = String(cString: environment)
      guard isDirectory(path) else {
        throw .cannotOpen(path: path, reason: "no such directory (from PRENSA_LEXICONS)")
      }
      return LexiconDirectory(path: path)
    }
    var candidates: [String] = []
    if let executable = executablePath() {
      var directory = parent(of: executable)
      candidates.append(parent(of: directory) + "/share/prensa/Lexicons")
      while !directory.isEmpty && directory != "/" {
        candidates.append(directory + "/Lexicons")
        directory = parent(of: directory)
      }
    }
    candidates.append("Lexicons")
    for candidate in candidates where isDirectory(candidate + "/es") {
      return LexiconDirectory(path: candidate)
    }
    throw .cannotOpen(
      path: "Lexicons", reason: "no data folder found; pass --lexicons DIR or set PRENSA_LEXICONS")
  }

  /// The entries of a word list: one per line, `#` starts a comment, blank lines are skipped,
  /// surrounding spaces trimmed.
  ///
  /// - Throws: `PipelineError.cannotOpen` when the file cannot be read.
  public func wordList(_ relativePath: String) throws(PipelineError) -> [String] {
    try lines(relativePath).map(\.text)
  }

  /// The non-comment lines of a data file with their line numbers.
  ///
  /// Read as UTF-8 bytes: splitting the text by characters (grapheme breaking) took a tenth of a
  /// start, and kept a CRLF line whole, since `\r\n` is one character. A line ends at LF; `#`
  /// starts a comment; spaces, tabs and CR around the text are trimmed.
  public func lines(_ relativePath: String) throws(PipelineError) -> [(text: String, line: Int)] {
    let file = path + "/" + relativePath
    var content = try readTextFile(file)
    var result: [(String, Int)] = []
    content.withUTF8 { bytes in
      func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
      var lineNumber = 0
      var start = 0
      while start <= bytes.count {
        lineNumber += 1
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        var last = start
        while last < end && bytes[last] != 0x23 { last += 1 }  // up to a `#`
        var first = start
        while first < last && isBlank(bytes[first]) { first += 1 }
        while last > first && isBlank(bytes[last - 1]) { last -= 1 }
        if first < last {
          // Cut at ASCII bytes of valid UTF-8: the piece is valid UTF-8 too.
          let text = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self)
          result.append((text, lineNumber))
        }
        start = end + 1
      }
    }
    return result
  }
}

extension Substring {
  /// The text without leading and trailing characters of `set` (ASCII only).
  func trimmingCharacters(in set: String) -> String {
    let bytes = Array(set.utf8)
    let view = utf8
    var start = view.startIndex
    var end = view.endIndex
    while start < end, bytes.contains(view[start]) { start = view.index(after: start) }
    while end > start, bytes.contains(view[view.index(before: end)]) {
      end = view.index(before: end)
    }
    return String(self[start..<end])
  }
}

/// Reads a whole (small) file as UTF-8 text.
///
/// - Throws: `PipelineError.cannotOpen` naming the file.
public func readTextFile(_ path: String) throws(PipelineError) -> String {
  let bytes = try readFile(path)
  guard let text = String(validating: bytes, as: UTF8.self) else {
    throw .cannotOpen(path: path, reason: "not valid UTF-8")
  }
  return text
}

/// Reads a whole file's bytes.
///
/// - Throws: `PipelineError.cannotOpen` naming the file.
public func readFile(_ path: String) throws(PipelineError) -> [UInt8] {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { throw .cannotOpen(path: path, reason: describeErrno(errno)) }
  defer { close(fd) }
  var info = stat()
  if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
    throw .cannotOpen(path: path, reason: "is a directory")
  }
  // Read the size `fstat` reports straight into the array, then whatever follows (a file that
  // grows while read, or one whose size the system does not report).
  let expected = max(Int(info.st_size), 0)
  var failure: Int32 = 0
  var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
    count = 0
    while count < expected, let base = buffer.baseAddress {
      let got = read(fd, base + count, expected - count)
      if got < 0 && errno == EINTR { continue }
      if got < 0 { failure = errno }
      if got <= 0 { break }
      count += got
    }
  }
  if failure != 0 { throw .cannotOpen(path: path, reason: describeErrno(failure)) }
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if got < 0 {
      if errno == EINTR { continue }
      throw .cannotOpen(path: path, reason: describeErrno(errno))
    }
    if got == 0 { break }
    bytes.append(contentsOf: chunk[0..<got])
  }
  return bytes
}

/// Creates `path` and every missing folder above it (`mkdir -p`).
///
/// - Throws: `PipelineError.cannotWrite` naming the folder that could not be made.
public func makeDirectories(_ path: String) throws(PipelineError) {
  var built = path.hasPrefix("/") ? "" : "."
  for component in path.split(separator: "/") {
    built += "/" + component
    if mkdir(built, 0o755) != 0 && errno != EEXIST {
      throw .cannotWrite(path: built, reason: describeErrno(errno))
    }
  }
}

func isDirectory(_ path: String) -> Bool {
  var info = stat()
  return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

func executablePath() -> String? {
  var buffer = [CChar](repeating: 0, count: 4096)
  let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  guard length > 0 else { return nil }
  return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func parent(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "" }
  return slash == path.startIndex ? "/" : String(path[..<slash])
}
