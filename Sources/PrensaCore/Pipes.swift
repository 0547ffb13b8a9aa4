#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Pipes between stages (`prensa tag | prensa classify`).
///
/// A pipe holds 64 KiB by default. A stage that wrote its output a megabyte at a time into one
/// blocked in `write` until the next stage had read and processed nearly all of it, and only
/// then went back to its own records: the two processes took turns instead of running at once,
/// and a chain of four took as long as the four stages one after another. So a stage asks for a
/// larger pipe and writes into it in pieces of half its size: the next stage reads one half
/// while this one fills the other.
public enum Pipes {
  /// What a process may ask for without privileges, by default (`/proc/sys/fs/pipe-max-size`).
  static let wanted: Int32 = 1 << 20

  /// When `descriptor` is a pipe (or FIFO): asks the kernel to enlarge its buffer, and gives
  /// the buffer's size as it then is. Nil for anything else (a file, a terminal) or where the
  /// size cannot be asked for.
  public static func enlarge(_ descriptor: Int32) -> Int? {
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return nil }
    #if os(Linux)
      // F_SETPIPE_SZ and F_GETPIPE_SZ (Linux 2.6.35): a refusal (a lower limit) leaves the pipe
      // as it was, and its size is read back either way.
      _ = fcntl(descriptor, 1031, wanted)
      let size = fcntl(descriptor, 1032)
      return size > 0 ? Int(size) : nil
    #else
      return nil
    #endif
  }

  /// How much a sink on `descriptor` buffers before it writes: half the pipe's buffer for a
  /// pipe, at least 16 KiB; 1 MiB for anything else.
  public static func flushSize(_ descriptor: Int32) -> Int {
    guard let size = enlarge(descriptor) else { return 1 << 20 }
    return max(1 << 14, size / 2)
  }
}
