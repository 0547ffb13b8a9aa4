import PrensaText
import PrensaCore
import Tokenization

/// A lexicon compiled for matching: a trie over token matching keys.
///
/// Alias texts are tokenized by the same `Tokenizer` as documents (so `EE. UU.` and `Hwasong-17`
/// split exactly as they do in text) and every token becomes its `MatchKey`. Each distinct key
/// gets a number (in order of first appearance), and the trie's edges are keyed by (node, key
/// number): the tagger looks each text word up once per worker (its facts in the `StageContext`
/// keep the number) and then walks the trie on integers, hashing no strings. Each trie node that
/// ends an alias lists its patterns in lexicon order, which is the tie-break order.
public struct CompiledLexicon: Sendable {
  /// How a text token must be written to match an alias token.
  enum CaseRule: UInt8, Sendable {
    /// Any case (the alias token is lower case).
    case any
    /// A capital first letter (the alias token has one): `Unión`, `Paz`, `Gobierno`.
    case capital
    /// All capitals (the alias token is an acronym): `OTAN`, `UE`.
    case allCaps
  }

  struct Pattern: Sendable {
    var entry: Int32
    var cases: [CaseRule]
    var needsAntecedent: Bool
    var combiningOnly: Bool
  }

  var entries: [LexiconEntry]
  /// Every token key of every alias, by number; a compound token whose whole key is here is
  /// matched whole.
  private(set) var keys: [String] = []
  /// The numbers of `keys`.
  private(set) var vocabulary: [String: Int32] = [:]
  /// The trie's edges; node 0 is the root, and a node's number is its index in `outputs`.
  private(set) var edges = EdgeTable()
  /// Per node, the patterns that end there.
  var outputs: [[Int32]] = [[]]
  var patterns: [Pattern] = []

  /// Derived when compiled or read, never stored: the root's children by key number (-1: none),
  /// where every text word starts a lookup.
  private(set) var rootChildren: [Int32] = []
  /// Each entry's lexicon file name without its folder, as entities report it.
  private(set) var fileNames: [String] = []

  /// First words that begin three or more people's names in the lexicon (`Juan`, `Mohamed`,
  /// `Kim`): the heuristic detector reads a run they begin as a person's name.
  private(set) var givenNames: Set<String> = []

  public var entryCount: Int { entries.count }

  static func givenNames(in entries: [LexiconEntry]) -> Set<String> {
    // First words as written, counted, then keyed: far fewer distinct words than entries.
    var counts: [Substring: Int] = [:]
    for entry in entries where entry.label == .person {
      let name = entry.name
      guard let space = name.utf8.firstIndex(of: UInt8(ascii: " ")) else { continue }
      counts[name[..<space], default: 0] += 1
    }
    return Set(counts.filter { $0.value >= 3 }.keys.map { MatchKey.key(String($0)) })
  }
  public var patternCount: Int { patterns.count }

  /// A lexicon read back from its compiled form (the cache), with the derived tables it stored:
  /// `vocabulary` numbers `keys`, `givenNames` is what `givenNames(in: entries)` gives.
  init(
    entries: [LexiconEntry], keys: [String], vocabulary: [String: Int32], edges: EdgeTable,
    outputs: [[Int32]], patterns: [Pattern], givenNames: Set<String>
  ) {
    self.entries = entries
    self.keys = keys
    self.vocabulary = vocabulary
    self.edges = edges
    self.outputs = outputs
    self.patterns = patterns
    buildIndex(givenNames: givenNames)
  }

  /// Compiles `lexicon`, tokenizing every alias with `tokenizer`.
  ///
  /// - Complexity: O(*a*) in the total length of the aliases.
  public init(_ lexicon: Lexicon, tokenizer: Tokenizer) {
    entries = lexicon.entries
    var texts: [String] = []
    var owners: [(entry: Int32, alias: LexiconEntry.Alias)] = []
    texts.reserveCapacity(lexicon.entries.count * 2)
    for (index, entry) in entries.enumerated() {
      var seen = Set<String>()
      for alias in entry.aliases {
        var forms = [alias.text]
        if entry.flags.contains("inflects") && !alias.combiningOnly {
          forms += Inflection.forms(of: alias.text)
        }
        for form in forms
        where seen.insert(
          form + (alias.needsAntecedent ? "~" : "") + (alias.combiningOnly ? "+" : "")
        ).inserted {
          texts.append(form)
          owners.append(
            (
              Int32(index),
              LexiconEntry.Alias(
                form, needsAntecedent: alias.needsAntecedent, combiningOnly: alias.combiningOnly)
            ))
        }
      }
    }
    // Aliases made of letters and single spaces tokenize into their words; only the others (with
    // digits, hyphens, periods, apostrophes) go through the tokenizer, in one call, a line each.
    // The word keys of simple aliases are computed in parallel (pure per alias), then inserted
    // in alias order, so the trie is the same as from a sequential pass.
    let allTexts = texts
    let allOwners = owners
    let allEntries = entries
    let chunkSize = 2048
    let chunks = parallelMap((allTexts.count + chunkSize - 1) / chunkSize) {
      chunk -> [([String], [CaseRule])?] in
      let range = (chunk * chunkSize)..<min(allTexts.count, (chunk + 1) * chunkSize)
      return range.map { index in
        Self.simpleKeys(
          allTexts[index], exact: allEntries[Int(allOwners[index].entry)].flags.contains("case"))
      }
    }
    var complexTexts: [String] = []
    var complexOwners: [(entry: Int32, alias: LexiconEntry.Alias)] = []
    for (index, compiled) in chunks.joined().enumerated() {
      let owner = owners[index]
      if let (keys, cases) = compiled {
        insert(
          keys,
          Pattern(
            entry: owner.entry, cases: cases, needsAntecedent: owner.alias.needsAntecedent,
            combiningOnly: owner.alias.combiningOnly))
      } else {
        complexTexts.append(texts[index])
        complexOwners.append(owner)
      }
    }
    texts = complexTexts
    owners = complexOwners
    let joined = texts.joined(separator: "\n")
    let scalars = Array(joined.unicodeScalars)
    let tokens = tokenizer.tokenize(scalars)
    var lineStarts: [Int] = [0]
    for (i, s) in scalars.enumerated() where s == "\n" { lineStarts.append(i + 1) }
    var t = 0
    for (line, owner) in owners.enumerated() {
      let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
      var keys: [String] = []
      var cases: [CaseRule] = []
      while t < tokens.count && tokens[t].start < lineEnd {
        let surface = Array(scalars[tokens[t].start..<tokens[t].end])
        keys.append(MatchKey.key(String(scalars: surface)))
        cases.append(
          Self.caseRule(of: surface, exact: entries[Int(owner.entry)].flags.contains("case")))
        t += 1
      }
      guard !keys.isEmpty else { continue }
      insert(
        keys,
        Pattern(
          entry: owner.entry, cases: cases, needsAntecedent: owner.alias.needsAntecedent,
          combiningOnly: owner.alias.combiningOnly))
    }
    // Ties go to the earlier entry, whichever path compiled it.
    for node in outputs.indices where outputs[node].count > 1 {
      outputs[node].sort { (patterns[Int($0)].entry, $0) < (patterns[Int($1)].entry, $1) }
    }
    buildIndex(givenNames: Self.givenNames(in: entries))
  }

  /// Derives the root's children and the entries' file names; keeps the given names.
  private mutating func buildIndex(givenNames: Set<String>) {
    self.givenNames = givenNames
    // Entries come file by file: the previous entry's file is asked first (hashing a path for
    // every entry took a twentieth of a start).
    var names: [String: String] = [:]
    var previous: (file: String, name: String)?
    fileNames = entries.map { entry in
      if let previous, previous.file == entry.file { return previous.name }
      let name =
        names[entry.file] ?? entry.file.split(separator: "/").last.map(String.init) ?? entry.file
      names[entry.file] = name
      previous = (entry.file, name)
      return name
    }
    rootChildren = [Int32](repeating: -1, count: keys.count)
    for key in 0..<Int32(keys.count) {
      if let child = edges.child(node: 0, key: key) { rootChildren[Int(key)] = child }
    }
  }

  /// The keys and case rules of an alias made of letters and single spaces, which tokenizes into
  /// its words; nil for any other alias (digits, hyphens, periods, apostrophes).
  static func simpleKeys(_ text: String, exact: Bool) -> ([String], [CaseRule])? {
    var previousSpace = true
    for scalar in text.unicodeScalars {
      if scalar == " " {
        if previousSpace { return nil }
        previousSpace = true
      } else if scalar.isLetter {
        previousSpace = false
      } else {
        return nil
      }
    }
    if previousSpace { return nil }
    var keys: [String] = []
    var cases: [CaseRule] = []
    for word in text.split(separator: " ") {
      keys.append(MatchKey.key(String(word)))
      cases.append(caseRule(of: Array(word.unicodeScalars), exact: exact))
    }
    return (keys, cases)
  }

  private mutating func number(_ key: String) -> Int32 {
    if let number = vocabulary[key] { return number }
    let number = Int32(keys.count)
    keys.append(key)
    vocabulary[key] = number
    return number
  }

  private mutating func insert(_ keys: [String], _ pattern: Pattern) {
    var node: Int32 = 0
    for key in keys {
      let key = number(key)
      if let next = edges.child(node: node, key: key) {
        node = next
      } else {
        let next = Int32(outputs.count)
        outputs.append([])
        edges.insert(node: node, key: key, child: next)
        node = next
      }
    }
    patterns.append(pattern)
    outputs[Int(node)].append(Int32(patterns.count - 1))
  }

  static func caseRule(of surface: [Unicode.Scalar], exact: Bool) -> CaseRule {
    let letters = surface.filter { $0.isLetter }
    guard let first = letters.first else { return .any }
    if letters.count >= 2 && letters.allSatisfy({ $0.isUppercaseLetter })
      && (exact || letters.count <= 6)
    {
      return .allCaps
    }
    return first.isUppercaseLetter ? .capital : .any
  }

  static func satisfies(_ rule: CaseRule, _ surface: ArraySlice<Unicode.Scalar>) -> Bool {
    switch rule {
    case .any: return true
    case .capital:
      guard let first = surface.first(where: { $0.isLetter }) else { return true }
      return first.isUppercaseLetter
    case .allCaps:
      return surface.allSatisfy { !$0.isLetter || $0.isUppercaseLetter }
    }
  }

  /// The child of `node` for the key numbered `key` (-1: none).
  @inline(__always) func child(_ node: Int32, number key: Int32) -> Int32? {
    if key < 0 { return nil }
    if node == 0 {
      let child = rootChildren[Int(key)]
      return child < 0 ? nil : child
    }
    return edges.child(node: node, key: key)
  }
}

/// Trie edges in one open-addressing table keyed by (node, key number): one multiply and
/// usually one probe per step.
struct EdgeTable: Sendable {
  private var keys: [UInt64]
  private var children: [Int32]
  private var mask: Int
  private(set) var count = 0

  init(capacity: Int = 8) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    keys = [UInt64](repeating: UInt64.max, count: size)
    children = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always) private static func slot(_ packed: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// Adds or replaces the edge from `node` on `key`.
  mutating func insert(node: Int32, key: Int32, child: Int32) {
    if (count + 1) * 2 > keys.count {
      var bigger = EdgeTable(capacity: keys.count)
      for (slot, packed) in keys.enumerated() where packed != UInt64.max {
        bigger.place(packed, children[slot])
      }
      self = bigger
    }
    place(UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: key)), child)
  }

  private mutating func place(_ packed: UInt64, _ child: Int32) {
    var slot = Self.slot(packed, mask)
    while keys[slot] != UInt64.max && keys[slot] != packed { slot = (slot + 1) & mask }
    if keys[slot] == UInt64.max { count += 1 }
    keys[slot] = packed
    children[slot] = child
  }

  /// Every edge, ordered by node and key (an order that does not depend on the table's layout).
  func all() -> [(node: Int32, key: Int32, child: Int32)] {
    var result: [(node: Int32, key: Int32, child: Int32)] = []
    result.reserveCapacity(count)
    for (slot, packed) in keys.enumerated() where packed != UInt64.max {
      result.append(
        (
          Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 32)),
          Int32(bitPattern: UInt32(truncatingIfNeeded: packed)), children[slot]
        )
      )
    }
    return result.sorted { ($0.node, $0.key) < ($1.node, $1.key) }
  }

  @inline(__always) func child(node: Int32, key: Int32) -> Int32? {
    let packed = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: key))
    var slot = Self.slot(packed, mask)
    while true {
      let found = keys[slot]
      if found == packed { return children[slot] }
      if found == UInt64.max { return nil }
      slot = (slot + 1) & mask
    }
  }
}
