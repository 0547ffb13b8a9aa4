#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lists the files under a path, recursively, in sorted (byte) order.
public enum FileWalker {
  /// One file found under an argument.
  public struct Entry: Equatable, Sendable {
    /// The path to open.
    public var path: String
    /// The path relative to the argument (the file name when the argument is a file).
    public var relativePath: String
  }

  /// A file's extension, lower case, without the dot; empty when its name has none (a leading
  /// dot, as in `.profile`, starts no extension).
  public static func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// The files under `root` whose extension is in `extensions` (all files of a directory are
  /// listed when `extensions` is empty; a file named directly is always listed).
  ///
  /// Symbolic links to directories are not followed, so a link cycle cannot loop.
  /// - Throws: `PipelineError.cannotOpen` when `root` does not exist or cannot be read.
  public static func files(under root: String, extensions: Set<String>) throws(PipelineError)
    -> [Entry]
  {
    var info = stat()
    guard stat(root, &info) == 0 else {
      throw .cannotOpen(path: root, reason: describeErrno(errno))
    }
    if (info.st_mode & S_IFMT) != S_IFDIR {
      let name = root.split(separator: "/").last.map(String.init) ?? root
      return [Entry(path: root, relativePath: name)]
    }
    var result: [Entry] = []
    try walk(root, relative: "", extensions: extensions, into: &result)
    return result
  }

  private static func walk(
    _ directory: String, relative: String, extensions: Set<String>, into result: inout [Entry]
  ) throws(PipelineError) {
    guard let handle = opendir(directory) else {
      throw .cannotOpen(path: directory, reason: describeErrno(errno))
    }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." || name.hasPrefix(".") { continue }
      names.append(name)
    }
    closedir(handle)
    names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for name in names {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      let relativePath = relative.isEmpty ? name : relative + "/" + name
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        try walk(path, relative: relativePath, extensions: extensions, into: &result)
      case S_IFREG, S_IFLNK:
        if (info.st_mode & S_IFMT) == S_IFLNK {
          var target = stat()
          guard stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG else { continue }
        }
        if extensions.isEmpty || extensions.contains(Self.fileExtension(name)) {
          result.append(Entry(path: path, relativePath: relativePath))
        }
      default:
        continue
      }
    }
  }
}
