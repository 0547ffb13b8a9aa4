import PrensaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A binary cache of compiled lexicons, so a start does not parse and compile the text files
/// again (about 0.2 s for the shipped 14,000 entries; reading the cache takes a fraction).
///
/// The cache is an optimisation only: it is looked up by a key made of everything the compiled
/// form depends on (each lexicon and tokenizer data file's path, size, inode and change times,
/// the program file, the ICU version and the cache format), a cache that is missing, stale,
/// truncated or unreadable is ignored and rebuilt, and failing to write one is not an error.
///
/// Location: `$PRENSA_CACHE_DIR`, else `$XDG_CACHE_HOME/prensa`, else `$HOME/.cache/prensa`;
/// `PRENSA_CACHE_DIR=off` turns the cache off. At most `keep` cache files are kept.
public enum LexiconCache {
  static let magic = Array("prensa compiled lexicon 3\n".utf8)
  static let keep = 8

  /// The cache folder, or nil when caching is off or no folder is known.
  public static func directory(environment: [String: String]) -> String? {
    if let explicit = environment["PRENSA_CACHE_DIR"] {
      return explicit.isEmpty || explicit == "off" ? nil : explicit
    }
    if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/prensa" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/prensa" }
    return nil
  }

  /// The key of a compiled lexicon built from `files` (lexicon and data files) by this program.
  public static func key(files: [String], extra: [String]) -> String {
    var lines = extra
    lines.append("program " + fingerprint("/proc/self/exe"))
    for file in files { lines.append(file + " " + fingerprint(file)) }
    return lines.joined(separator: "\n")
  }

  /// Size, inode, modification and change times of a file (nanoseconds), or `missing`.
  static func fingerprint(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "missing" }
    return
      "\(info.st_size) \(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
  }

  static func path(for key: String, in directory: String) -> String {
    var hash = SHA256()
    hash.update(Array(key.utf8))
    return directory + "/lexicon-" + String(hash.finalizeHex().prefix(24)) + ".bin"
  }

  /// The compiled lexicon cached under `key`, if a valid one is there.
  public static func load(key: String, directory: String) -> CompiledLexicon? {
    guard let bytes = try? readFile(path(for: key, in: directory)) else { return nil }
    // The last 8 bytes hold the checksum of everything before them, little-endian.
    guard bytes.count > 8 else { return nil }
    let body = bytes.count - 8
    var stored: UInt64 = 0
    for (shift, byte) in bytes[body...].enumerated() {
      stored |= UInt64(byte) << (8 * UInt64(shift))
    }
    guard stored == checksum(bytes[..<body]) else { return nil }
    var reader = BinaryReader(Array(bytes[..<body]))
    guard let head = reader.bytes(magic.count), head.elementsEqual(magic), reader.string() == key
    else { return nil }
    return CompiledLexicon(reading: &reader)
  }

  /// Writes `lexicon` under `key` (atomically; errors are ignored) and prunes old files.
  public static func store(_ lexicon: CompiledLexicon, key: String, directory: String) {
    do { try makeDirectories(directory) } catch { return }
    var writer = BinaryWriter()
    writer.bytes.append(contentsOf: magic)
    writer.string(key)
    lexicon.write(to: &writer)
    var sum = checksum(writer.bytes[...])
    for _ in 0..<8 {
      writer.bytes.append(UInt8(truncatingIfNeeded: sum))
      sum >>= 8
    }
    let target = path(for: key, in: directory)
    let temporary = target + ".\(getpid()).partial"
    guard let sink = try? OutputSink(path: temporary) else { return }
    sink.writer.bytes = writer.bytes
    sink.close()
    if sink.failure != nil || rename(temporary, target) != 0 {
      unlink(temporary)
      return
    }
    prune(directory)
  }

  /// Keeps the `keep` most recently written cache files.
  private static func prune(_ directory: String) {
    guard let entries = try? FileWalker.files(under: directory, extensions: ["bin"]) else { return }
    var files: [(path: String, time: Int)] = []
    for entry in entries
    where entry.relativePath.hasPrefix("lexicon-") && !entry.relativePath.contains("/") {
      var info = stat()
      if stat(entry.path, &info) == 0 {
        files.append((entry.path, info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec))
      }
    }
    guard files.count > keep else { return }
    for file in files.sorted(by: { ($0.time, $0.path) > ($1.time, $1.path) }).dropFirst(keep) {
      unlink(file.path)
    }
  }
}

// MARK: - Binary form

/// FNV-1a over bytes: guards the cache against truncation and corruption (not an adversary).
func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
  return hash
}

/// Little-endian integers and length-prefixed UTF-8 strings.
struct BinaryWriter {
  var bytes: [UInt8] = []

  /// LEB128 of the zigzag form: small numbers take one byte.
  mutating func int(_ value: Int) {
    var v = UInt64(bitPattern: Int64(value << 1 ^ value >> 63))
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func string(_ value: String) {
    int(value.utf8.count)
    bytes.append(contentsOf: value.utf8)
  }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
}

/// Reads what `BinaryWriter` wrote; every read checks bounds and returns nil past the end.
struct BinaryReader {
  let data: [UInt8]
  var offset = 0

  init(_ data: [UInt8]) { self.data = data }

  mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, offset + count <= data.count else { return nil }
    defer { offset += count }
    return data[offset..<offset + count]
  }

  @inline(__always) mutating func int() -> Int? {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while offset < data.count, shift < 64 {
      let byte = data[offset]
      offset += 1
      v |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 {
        let n = Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
        return Int(n)
      }
      shift += 7
    }
    return nil
  }

  /// A count: an integer that cannot exceed the bytes left (each counted item takes one byte
  /// or more), so a corrupt file cannot ask for a huge allocation.
  @inline(__always) mutating func count() -> Int? {
    guard let n = int(), n >= 0, n <= data.count - offset else { return nil }
    return n
  }

  mutating func string() -> String? {
    guard let n = count(), offset + n <= data.count else { return nil }
    defer { offset += n }
    return data.withUnsafeBufferPointer { buffer in
      // The file's checksum was verified before reading, so the bytes are what was written.
      String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + n]), as: UTF8.self)
    }
  }

  mutating func bool() -> Bool? {
    guard let raw = bytes(1), let byte = raw.first, byte <= 1 else { return nil }
    return byte == 1
  }
}

extension CompiledLexicon {
  func write(to writer: inout BinaryWriter) {
    // File names repeat for every entry: a table of them, then indices.
    var files: [String] = []
    var fileIndex: [String: Int] = [:]
    for entry in entries where fileIndex[entry.file] == nil {
      fileIndex[entry.file] = files.count
      files.append(entry.file)
    }
    writer.int(files.count)
    for file in files { writer.string(file) }
    writer.int(entries.count)
    for entry in entries {
      writer.string(entry.id)
      writer.string(entry.label.rawValue)
      writer.string(entry.name)
      writer.int(entry.aliases.count)
      for alias in entry.aliases {
        writer.string(alias.text)
        writer.bool(alias.needsAntecedent)
        writer.bool(alias.combiningOnly)
      }
      let attributes = entry.attributes.sorted { $0.key < $1.key }
      writer.int(attributes.count)
      for (key, value) in attributes {
        writer.string(key)
        writer.string(value)
      }
      let flags = entry.flags.sorted()
      writer.int(flags.count)
      for flag in flags { writer.string(flag) }
      writer.int(fileIndex[entry.file] ?? 0)
      writer.int(entry.line)
    }
    writer.int(keys.count)
    for key in keys { writer.string(key) }
    let edges = self.edges.all()
    writer.int(edges.count)
    for edge in edges {
      writer.int(Int(edge.node))
      writer.int(Int(edge.key))
      writer.int(Int(edge.child))
    }
    writer.int(outputs.count)
    for list in outputs {
      writer.int(list.count)
      for pattern in list { writer.int(Int(pattern)) }
    }
    writer.int(patterns.count)
    for pattern in patterns {
      writer.int(Int(pattern.entry))
      writer.int(pattern.cases.count)
      for rule in pattern.cases { writer.bytes.append(rule.rawValue) }
      writer.bool(pattern.needsAntecedent)
      writer.bool(pattern.combiningOnly)
    }
    // Derived, but stored: counting the people's first names took a tenth of a start.
    writer.int(givenNames.count)
    for name in givenNames.sorted() { writer.string(name) }
  }

  /// Reads a compiled lexicon; nil when the bytes are not a consistent one.
  init?(reading reader: inout BinaryReader) {
    guard let fileCount = reader.count() else { return nil }
    var files: [String] = []
    for _ in 0..<fileCount {
      guard let file = reader.string() else { return nil }
      files.append(file)
    }
    guard let entryCount = reader.count() else { return nil }
    var entries: [LexiconEntry] = []
    entries.reserveCapacity(entryCount)
    for _ in 0..<entryCount {
      guard let id = reader.string(), let label = reader.string(), let name = reader.string(),
        let aliasCount = reader.count()
      else { return nil }
      var aliases: [LexiconEntry.Alias] = []
      for _ in 0..<aliasCount {
        guard let text = reader.string(), let needsAntecedent = reader.bool(),
          let combiningOnly = reader.bool()
        else { return nil }
        aliases.append(.init(text, needsAntecedent: needsAntecedent, combiningOnly: combiningOnly))
      }
      guard let attributeCount = reader.count() else { return nil }
      // Sized once (growing a table insert by insert was most of reading them); most entries
      // have none, and an empty dictionary allocates nothing.
      var attributes =
        attributeCount == 0 ? [:] : [String: String](minimumCapacity: attributeCount)
      for _ in 0..<attributeCount {
        guard let key = reader.string(), let value = reader.string() else { return nil }
        attributes[key] = value
      }
      guard let flagCount = reader.count() else { return nil }
      var flags: Set<String> = []
      for _ in 0..<flagCount {
        guard let flag = reader.string() else { return nil }
        flags.insert(flag)
      }
      guard let file = reader.int(), files.indices.contains(file), let line = reader.int() else {
        return nil
      }
      // The stored aliases start with the name, which the initializer puts first itself.
      entries.append(
        LexiconEntry(
          id: id, label: EntityLabel(label), name: name, aliases: Array(aliases.dropFirst()),
          attributes: attributes, flags: flags,
          file: files[file], line: line))
    }
    guard let keyCount = reader.count(), keyCount <= Int32.max else { return nil }
    var keys: [String] = []
    keys.reserveCapacity(keyCount)
    var vocabulary = [String: Int32](minimumCapacity: keyCount)
    for number in 0..<Int32(clamping: keyCount) {
      guard let key = reader.string(), vocabulary.updateValue(number, forKey: key) == nil else {
        return nil
      }
      keys.append(key)
    }
    guard let edgeCount = reader.count() else { return nil }
    var triples: [(node: Int, key: Int, child: Int)] = []
    triples.reserveCapacity(edgeCount)
    for _ in 0..<edgeCount {
      guard let node = reader.int(), let key = reader.int(), key < keyCount,
        let child = reader.int(), child > 0
      else { return nil }
      triples.append((node, key, child))
    }
    guard let nodeCount = reader.count(),
      triples.allSatisfy({ $0.node < nodeCount && $0.child < nodeCount })
    else { return nil }
    var edges = EdgeTable(capacity: edgeCount)
    for edge in triples {
      edges.insert(node: Int32(edge.node), key: Int32(edge.key), child: Int32(edge.child))
    }
    let outputCount = nodeCount
    var outputs: [[Int32]] = []
    outputs.reserveCapacity(outputCount)
    for _ in 0..<outputCount {
      guard let n = reader.count() else { return nil }
      var list: [Int32] = []
      for _ in 0..<n {
        guard let pattern = reader.int(), pattern >= 0, pattern <= Int32.max else { return nil }
        list.append(Int32(pattern))
      }
      outputs.append(list)
    }
    guard let patternCount = reader.count() else { return nil }
    var patterns: [Pattern] = []
    patterns.reserveCapacity(patternCount)
    for _ in 0..<patternCount {
      guard let entry = reader.int(), entries.indices.contains(entry),
        let caseCount = reader.count(),
        let raw = reader.bytes(caseCount)
      else { return nil }
      var cases: [CaseRule] = []
      for byte in raw {
        guard let rule = CaseRule(rawValue: byte) else { return nil }
        cases.append(rule)
      }
      guard let needsAntecedent = reader.bool(), let combiningOnly = reader.bool() else {
        return nil
      }
      patterns.append(
        Pattern(
          entry: Int32(entry), cases: cases, needsAntecedent: needsAntecedent,
          combiningOnly: combiningOnly))
    }
    guard let givenCount = reader.count() else { return nil }
    var givenNames = Set<String>(minimumCapacity: givenCount)
    for _ in 0..<givenCount {
      guard let name = reader.string() else { return nil }
      givenNames.insert(name)
    }
    guard outputs.allSatisfy({ $0.allSatisfy { Int($0) < patternCount } }),
      reader.offset == reader.data.count
    else { return nil }
    self.init(
      entries: entries, keys: keys, vocabulary: vocabulary, edges: edges, outputs: outputs,
      patterns: patterns, givenNames: givenNames)
  }
}
