import PrensaCore

/// One lexicon entry: an entity with its names, attributes and matching flags.
public struct LexiconEntry: Sendable, Equatable {
  /// One way of writing the entry's name.
  public struct Alias: Sendable, Equatable {
    public var text: String
    /// Matched only after the entry was found earlier in the same document (`~Kim`).
    public var needsAntecedent: Bool
    /// A combining form (`franco` of `franco-india`), matched only inside a hyphenated compound.
    public var combiningOnly: Bool

    public init(_ text: String, needsAntecedent: Bool = false, combiningOnly: Bool = false) {
      self.text = text
      self.needsAntecedent = needsAntecedent
      self.combiningOnly = combiningOnly
    }
  }

  public var id: String
  public var label: EntityLabel
  public var name: String
  /// Every alias, the canonical name first.
  public var aliases: [Alias]
  public var attributes: [String: String]
  /// `inflects`, `case` (exact case), `accents` (exact accents), `capital`, `seat`, `institution`.
  public var flags: Set<String>
  public var file: String
  public var line: Int

  public init(
    id: String, label: EntityLabel, name: String, aliases: [Alias] = [],
    attributes: [String: String] = [:],
    flags: Set<String> = [], file: String = "<memory>", line: Int = 0
  ) {
    self.id = id
    self.label = label
    self.name = name
    self.aliases = [Alias(name)] + aliases
    self.attributes = attributes
    self.flags = flags
    self.file = file
    self.line = line
  }

  /// The country code the entry stands for, if any.
  public var refersTo: String? { attributes["refers_to"] }
}

/// A set of entries; earlier entries win ties (same span, same priority).
public struct Lexicon: Sendable {
  public var entries: [LexiconEntry]
  public init(entries: [LexiconEntry]) { self.entries = entries }
}

/// A problem in a lexicon file, located.
public struct LexiconError: Error, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file):\(line): \(message)" }
}

/// Reads the lexicon format (docs/lexicons.md): tab-separated
/// `id  label  name  aliases  attributes  flags`, `#` comments.
public enum LexiconLoader {
  /// The shipped files in priority order; other files follow in name order.
  static let shippedOrder = [
    "countries.tsv", "demonyms.tsv", "capitals.tsv", "cities.tsv", "locations.tsv", "seats.tsv",
    "institutions.tsv", "organizations.tsv", "misc.tsv", "people.tsv", "people-petrarch.tsv",
  ]

  /// Parses one file's text.
  ///
  /// - Throws: `LexiconError` at the first malformed line: never a silently dropped entry.
  /// - Complexity: O(*n*) in the size of the text.
  public static func parse(_ text: String, file: String) throws(LexiconError) -> [LexiconEntry] {
    let bytes = Array(text.utf8)
    return try parse(bytes, lines: 0..<bytes.count, firstLine: 1, file: file)
  }

  /// Parses the lines in `range` of a file's bytes; `range` starts at a line start and
  /// `firstLine` is that line's number.
  static func parse(_ bytes: [UInt8], lines range: Range<Int>, firstLine: Int, file: String)
    throws(LexiconError) -> [LexiconEntry]
  {
    var firstError: LexiconError?
    let entries = parse(bytes, lines: range, firstLine: firstLine, file: file) { error in
      firstError = error
      return false
    }
    if let firstError { throw firstError }
    return entries
  }

  /// Parses one file's text, reporting every malformed line (for `prensa lexicon check`): the
  /// entries of the good lines and an error for each bad one.
  public static func parseAll(_ text: String, file: String) -> (
    entries: [LexiconEntry], errors: [LexiconError]
  ) {
    let bytes = Array(text.utf8)
    var errors: [LexiconError] = []
    let entries = parse(bytes, lines: 0..<bytes.count, firstLine: 1, file: file) { error in
      errors.append(error)
      return true
    }
    return (entries, errors)
  }

  /// The parser: `failed` hears of each malformed line and says whether to go on.
  static func parse(
    _ bytes: [UInt8], lines range: Range<Int>, firstLine: Int, file: String,
    failed: (LexiconError) -> Bool
  ) -> [LexiconEntry] {
    // Byte-level scanning: splitting by Character is several times slower, and the shipped
    // lexicons are loaded at every start.
    var entries: [LexiconEntry] = []
    entries.reserveCapacity(range.count / 80)
    var lineNumber = firstLine - 1
    var lineStart = range.lowerBound
    while lineStart < range.upperBound {
      var lineEnd = lineStart
      while lineEnd < range.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      lineNumber += 1
      var end = lineEnd
      if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
      if end == lineStart || bytes[lineStart] == UInt8(ascii: "#") { continue }
      if end - lineStart > 100_000 {
        if failed(
          LexiconError(file: file, line: lineNumber, message: "line longer than 100000 bytes"))
        {
          continue
        }
        break
      }
      var cells: [String] = []
      var cellStart = lineStart
      for i in lineStart...end where i == end || bytes[i] == 0x09 {
        cells.append(String(decoding: bytes[cellStart..<i], as: UTF8.self))
        cellStart = i + 1
      }
      do {
        entries.append(try entry(cells, file: file, line: lineNumber))
      } catch {
        if !failed(error) { break }
      }
    }
    return entries
  }

  /// One entry from its tab-separated cells.
  static func entry(_ cells: [String], file: String, line lineNumber: Int) throws(LexiconError)
    -> LexiconEntry
  {
    guard cells.count >= 3, cells.count <= 6 else {
      throw LexiconError(
        file: file, line: lineNumber,
        message:
          "expected 3 to 6 tab-separated columns (id, label, name, aliases, attributes, flags), found \(cells.count)"
      )
    }
    let id = cells[0].trimmed, label = cells[1].trimmed, name = cells[2].trimmed
    guard !id.isEmpty else { throw LexiconError(file: file, line: lineNumber, message: "empty id") }
    guard EntityLabel.known.contains(EntityLabel(label)) else {
      throw LexiconError(
        file: file, line: lineNumber,
        message: "unknown label '\(label)' (expected one of PER ORG GPE LOC NORP MISC)")
    }
    guard !name.isEmpty else {
      throw LexiconError(file: file, line: lineNumber, message: "empty name for '\(id)'")
    }
    var aliases: [LexiconEntry.Alias] = []
    if cells.count > 3 && !cells[3].isEmpty {
      for piece in cells[3].split(separator: "|", omittingEmptySubsequences: false) {
        var text = piece.trimmed
        let needsAntecedent = text.hasPrefix("~")
        if needsAntecedent { text = String(text.dropFirst()).trimmed }
        guard !text.isEmpty else {
          throw LexiconError(file: file, line: lineNumber, message: "empty alias in '\(id)'")
        }
        aliases.append(.init(stripArticle(text), needsAntecedent: needsAntecedent))
      }
    }
    var attributes: [String: String] = [:]
    if cells.count > 4 {
      for pair in cells[4].split(separator: " ", omittingEmptySubsequences: true) {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
          throw LexiconError(
            file: file, line: lineNumber, message: "attribute '\(pair)' is not key=value")
        }
        attributes[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
      }
    }
    var flags: Set<String> = []
    if cells.count > 5 {
      for flag in cells[5].split(separator: ",") where !flag.trimmed.isEmpty {
        let name = flag.trimmed
        guard knownFlags.contains(name) else {
          throw LexiconError(
            file: file, line: lineNumber,
            message: "unknown flag '\(name)' (known: \(knownFlags.sorted().joined(separator: " ")))"
          )
        }
        flags.insert(name)
      }
    }
    if let combining = attributes["combining"], !combining.isEmpty {
      for form in combining.split(separator: ",") {
        aliases.append(.init(String(form), combiningOnly: true))
      }
    }
    return LexiconEntry(
      id: id, label: EntityLabel(label), name: stripArticle(name), aliases: aliases,
      attributes: attributes,
      flags: flags, file: file, line: lineNumber)
  }

  static let knownFlags: Set<String> = [
    "inflects", "case", "accents", "capital", "seat", "institution",
  ]

  /// `el Líbano` → `Líbano`: a lower-case article before a name stays outside entity spans.
  static func stripArticle(_ text: String) -> String {
    for article in ["el ", "la ", "los ", "las "]
    where text.hasPrefix(article) && text.count > article.count {
      return String(text.dropFirst(article.count))
    }
    return text
  }

  /// Loads lexicon files and folders (their `*.tsv` files), earlier paths first.
  ///
  /// - Throws: `LexiconError` for a malformed line, `PipelineError` for an unreadable path.
  public static func load(paths: [String]) throws -> Lexicon {
    // Files are cut into pieces of whole lines that parse in parallel; entries keep file order.
    struct Piece {
      var file: String
      var bytes: [UInt8]
      var range: Range<Int>
      var firstLine: Int
    }
    var pieces: [Piece] = []
    for path in paths {
      for file in try files(at: path) {
        let bytes = Array(try readTextFile(file).utf8)
        var start = 0
        var line = 1
        while start < bytes.count {
          var end = min(start + 64 * 1024, bytes.count)
          while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
          pieces.append(Piece(file: file, bytes: bytes, range: start..<end, firstLine: line))
          for i in start..<end where bytes[i] == 0x0A { line += 1 }
          start = end
        }
      }
    }
    let all = pieces
    let results = parallelMap(all.count) { index in
      let piece = all[index]
      return Result { () throws(LexiconError) in
        try parse(piece.bytes, lines: piece.range, firstLine: piece.firstLine, file: piece.file)
      }
    }
    var entries: [LexiconEntry] = []
    for result in results { entries += try result.get() }
    return Lexicon(entries: entries)
  }

  /// The `.tsv` files at `path`, shipped ones in priority order.
  public static func files(at path: String) throws(PipelineError) -> [String] {
    let found = try FileWalker.files(under: path, extensions: ["tsv"]).map(\.path)
    func rank(_ file: String) -> Int {
      let name = file.split(separator: "/").last.map(String.init) ?? file
      return shippedOrder.firstIndex(of: name) ?? shippedOrder.count
    }
    return found.enumerated().sorted {
      (rank($0.element), $0.offset) < (rank($1.element), $1.offset)
    }.map(\.element)
  }
}

extension StringProtocol {
  var trimmed: String {
    // Most cells have no surrounding space: skip the scalar walk.
    if let first = unicodeScalars.first, let last = unicodeScalars.last,
      !first.properties.isWhitespace,
      !last.properties.isWhitespace
    {
      return String(self)
    }
    var scalars = Substring(self).unicodeScalars[...]
    while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
    return String(scalars: scalars)
  }
}
