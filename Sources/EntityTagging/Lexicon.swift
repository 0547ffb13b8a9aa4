import PrensaCore

/// The entity labels of spec/labels.md.
public let entityLabels: Set<String> = ["PER", "ORG", "GPE", "LOC", "NORP", "MISC"]

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
  public var label: String
  public var name: String
  /// Every alias, the canonical name first.
  public var aliases: [Alias]
  public var attributes: [String: String]
  /// `inflects`, `case` (exact case), `accents` (exact accents), `capital`, `seat`, `institution`.
  public var flags: Set<String>
  public var file: String
  public var line: Int

  public init(id: String, label: String, name: String, aliases: [Alias] = [], attributes: [String: String] = [:],
              flags: Set<String> = [], file: String = "<memory>", line: Int = 0) {
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
    var entries: [LexiconEntry] = []
    var lineNumber = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(raw)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.utf8.count > 100_000 {
        throw LexiconError(file: file, line: lineNumber, message: "line longer than 100000 bytes")
      }
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cells.count >= 3, cells.count <= 6 else {
        throw LexiconError(file: file, line: lineNumber, message: "expected 3 to 6 tab-separated columns (id, label, name, aliases, attributes, flags), found \(cells.count)")
      }
      let id = cells[0].trimmed, label = cells[1].trimmed, name = cells[2].trimmed
      guard !id.isEmpty else { throw LexiconError(file: file, line: lineNumber, message: "empty id") }
      guard entityLabels.contains(label) else {
        throw LexiconError(file: file, line: lineNumber, message: "unknown label '\(label)' (expected one of PER ORG GPE LOC NORP MISC)")
      }
      guard !name.isEmpty else { throw LexiconError(file: file, line: lineNumber, message: "empty name for '\(id)'") }
      var aliases: [LexiconEntry.Alias] = []
      if cells.count > 3 && !cells[3].trimmed.isEmpty {
        for piece in cells[3].split(separator: "|", omittingEmptySubsequences: false) {
          var text = piece.trimmed
          let needsAntecedent = text.hasPrefix("~")
          if needsAntecedent { text = String(text.dropFirst()).trimmed }
          guard !text.isEmpty else { throw LexiconError(file: file, line: lineNumber, message: "empty alias in '\(id)'") }
          aliases.append(.init(stripArticle(text), needsAntecedent: needsAntecedent))
        }
      }
      var attributes: [String: String] = [:]
      if cells.count > 4 {
        for pair in cells[4].split(separator: " ", omittingEmptySubsequences: true) {
          guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw LexiconError(file: file, line: lineNumber, message: "attribute '\(pair)' is not key=value")
          }
          attributes[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
      }
      var flags: Set<String> = []
      if cells.count > 5 {
        for flag in cells[5].split(separator: ",") where !flag.trimmed.isEmpty {
          let name = flag.trimmed
          guard knownFlags.contains(name) else {
            throw LexiconError(file: file, line: lineNumber, message: "unknown flag '\(name)' (known: \(knownFlags.sorted().joined(separator: " ")))")
          }
          flags.insert(name)
        }
      }
      if let combining = attributes["combining"], !combining.isEmpty {
        for form in combining.split(separator: ",") { aliases.append(.init(String(form), combiningOnly: true)) }
      }
      entries.append(LexiconEntry(id: id, label: label, name: stripArticle(name), aliases: aliases, attributes: attributes,
                                  flags: flags, file: file, line: lineNumber))
    }
    return entries
  }

  static let knownFlags: Set<String> = ["inflects", "case", "accents", "capital", "seat", "institution"]

  /// `el Líbano` → `Líbano`: a lower-case article before a name stays outside entity spans.
  static func stripArticle(_ text: String) -> String {
    for article in ["el ", "la ", "los ", "las "] where text.hasPrefix(article) && text.count > article.count {
      return String(text.dropFirst(article.count))
    }
    return text
  }

  /// Loads lexicon files and folders (their `*.tsv` files), earlier paths first.
  ///
  /// - Throws: `LexiconError` for a malformed line, `PipelineError` for an unreadable path.
  public static func load(paths: [String]) throws -> Lexicon {
    var entries: [LexiconEntry] = []
    for path in paths {
      for file in try files(at: path) {
        entries += try parse(try readTextFile(file), file: file)
      }
    }
    return Lexicon(entries: entries)
  }

  /// The `.tsv` files at `path`, shipped ones in priority order.
  public static func files(at path: String) throws(PipelineError) -> [String] {
    let found = try FileWalker.files(under: path, extensions: ["tsv"]).map(\.path)
    func rank(_ file: String) -> Int {
      let name = file.split(separator: "/").last.map(String.init) ?? file
      return shippedOrder.firstIndex(of: name) ?? shippedOrder.count
    }
    return found.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
  }
}

extension StringProtocol {
  var trimmed: String {
    var scalars = Substring(self).unicodeScalars[...]
    while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
    return String(scalars: scalars)
  }
}
