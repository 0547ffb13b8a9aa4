#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file descriptor line by line, in 64 KiB chunks, with no limit on a line's length.
///
/// Lines end at LF; a CR before the LF is dropped, and a last line without LF still counts.
/// The reader owns no file descriptor: the caller opens and closes it.
public struct LineReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false
  public private(set) var lineNumber = 0
  /// The error of the last failed read, if one failed.
  public private(set) var readError: Int32?

  /// Reads `descriptor`; a pipe is asked for a larger buffer, so that the process writing into
  /// it goes on while this one reads (see `Pipes`).
  public init(descriptor: Int32) {
    self.descriptor = descriptor
    _ = Pipes.enlarge(descriptor)
  }

  /// Calls `body` with the next line's bytes (valid only during the call) and its 1-based number;
  /// returns `false` at the end of input.
  ///
  /// - Complexity: amortized O(*n*) in the line's length.
  public mutating func nextLine<R>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> R) rethrows
    -> R?
  {
    var searchFrom = start
    while true {
      if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        lineNumber += 1
        let lineStart = start
        start = newline + 1
        return try buffer.withUnsafeBufferPointer {
          try body(UnsafeBufferPointer(rebasing: $0[lineStart..<end]), lineNumber)
        }
      }
      if atEnd {
        guard start < buffer.count else { return nil }
        var end = buffer.count
        if buffer[end - 1] == 0x0D { end -= 1 }
        lineNumber += 1
        let lineStart = start
        start = buffer.count
        return try buffer.withUnsafeBufferPointer {
          try body(UnsafeBufferPointer(rebasing: $0[lineStart..<end]), lineNumber)
        }
      }
      // Compact, then read more.
      if start > 0 {
        buffer.removeSubrange(0..<start)
        start = 0
      }
      searchFrom = buffer.count
      fill()
    }
  }

  /// The bytes not yet returned, after reading until they hold a line break, `limit` bytes or
  /// the end of input; nothing is consumed (the next `nextLine` still returns them).
  public mutating func peek(limit: Int = 1 << 16) -> ArraySlice<UInt8> {
    while !atEnd && buffer.count - start < limit && !buffer[start...].contains(0x0A) { fill() }
    return buffer[start...]
  }

  /// Everything not yet returned, to the end of input.
  public mutating func readToEnd() -> [UInt8] {
    while !atEnd { fill() }
    let rest = Array(buffer[start...])
    start = buffer.count
    return rest
  }

  private mutating func fill() {
    // A long line is read in chunks that grow with it (up to 16 MiB a read), into a buffer that
    // grows geometrically: reserving exactly one more chunk each time copied the whole line at
    // every read, which made a 100 MB line take a minute.
    let chunk = max(1 << 16, min(buffer.count, 1 << 24))
    let oldCount = buffer.count
    if buffer.capacity < oldCount + chunk {
      buffer.reserveCapacity(max(buffer.capacity * 2, oldCount + chunk))
    }
    var got = 0
    buffer.append(contentsOf: repeatElement(0, count: chunk))
    while true {
      got = buffer.withUnsafeMutableBufferPointer { pointer in
        read(descriptor, pointer.baseAddress.map { $0 + oldCount }, chunk)
      }
      if got < 0 && errno == EINTR { continue }
      break
    }
    if got <= 0 {
      if got < 0 { readError = errno }
      atEnd = true
      buffer.removeLast(chunk)
    } else {
      buffer.removeLast(chunk - got)
    }
  }
}
