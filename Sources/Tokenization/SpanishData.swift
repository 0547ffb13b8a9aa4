import PrensaText
import PrensaCore

/// The Spanish knowledge the tokenizer uses, loaded from `Lexicons/es/` (never Swift literals).
public struct SpanishData: Sendable, Equatable {
  /// Abbreviations without spaces, by matching key (`sr.`, `ee.uu.`) → whether it is a title.
  public var abbreviations: [String: Bool]
  /// Spaced abbreviations as lists of parts by key (`["ee.", "uu."]`).
  public var spacedAbbreviations: [[String]]
  /// Contractions by lower-case surface (`del` → `["de", "el"]`).
  public var contractions: [String: [String]] = [:] {
    didSet { indexContractionKeys() }
  }
  /// The contractions' keys as scalars, for `mayBeContraction`.
  private var contractionKeys: [[Unicode.Scalar]] = []
  /// Whether every key is ASCII (Spanish's `del` and `al` are).
  private var contractionKeysAreASCII = true

  /// `contractionKeys` and `contractionKeysAreASCII`, from `contractions`.
  private mutating func indexContractionKeys() {
    contractionKeys = contractions.keys.map { Array($0.unicodeScalars) }
    contractionKeysAreASCII = contractionKeys.allSatisfy { $0.allSatisfy(\.isASCII) }
  }

  /// False when `word` lower-cased cannot be a contraction: an ASCII word that differs from
  /// every key in length or in a letter (ignoring case), or, when every key is ASCII, a word with
  /// another character (lower-cased, it keeps one: the Kelvin sign, which becomes `k`, is the only
  /// exception in Unicode, and a test holds that). Other words are not ruled out here
  /// (lower-casing them may change their length). Checked before the word is made a `String` and
  /// looked up: most words of two or three letters are no contraction (`más`, `año`).
  func mayBeContraction(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
    for scalar in word where scalar.value >= 0x80 {
      return !contractionKeysAreASCII || word.contains { $0.value == Self.kelvinSign }
    }
    return contractionKeys.contains { key in
      key.count == word.count
        && zip(key, word).allSatisfy { k, w in
          let lower = w.value >= 0x41 && w.value <= 0x5A ? w.value + 0x20 : w.value
          return k.value == lower
        }
    }
  }
  public var clitics: Set<String> {
    didSet { cliticScalars = Self.sortedScalars(clitics) }
  }
  public var cliticExceptions: Set<String>
  /// Lower-case words that open a sentence and are not names (after `;`, a capitalised one
  /// starts a new sentence).
  public var sentenceOpeners: Set<String> = []
  /// Spanish month names and abbreviations by matching key → number (datelines).
  public var months: [String: Int] = [:]
  /// Words after which a line break does not end a sentence (a wrapped line), by matching key.
  public var wrapWords: Set<String> = []
  /// The clitics as scalars, longest first (the order they are tried in).
  public private(set) var cliticScalars: [[Unicode.Scalar]] = []

  static func sortedScalars(_ words: Set<String>) -> [[Unicode.Scalar]] {
    words.sorted { ($0.unicodeScalars.count, $0) > ($1.unicodeScalars.count, $1) }.map {
      Array($0.unicodeScalars)
    }
  }
  /// U+212A KELVIN SIGN: lower-cased, `k`.
  static let kelvinSign: UInt32 = 0x212A

  /// The length of the longest contraction, in scalars.
  public var longestContraction: Int = 0

  public init(
    abbreviations: [String: Bool] = [:], spacedAbbreviations: [[String]] = [],
    contractions: [String: [String]] = [:], clitics: Set<String> = [],
    cliticExceptions: Set<String> = []
  ) {
    self.abbreviations = abbreviations
    self.spacedAbbreviations = spacedAbbreviations
    self.contractions = contractions
    self.clitics = clitics
    self.cliticExceptions = cliticExceptions
    self.cliticScalars = Self.sortedScalars(clitics)
    self.longestContraction = contractions.keys.map(\.unicodeScalars.count).max() ?? 0
    // An initializer's assignments do not call `didSet`.
    indexContractionKeys()
  }

  /// Reads the files of `Lexicons/es/`.
  ///
  /// - Throws: `PipelineError` naming the file and line of anything malformed.
  public static func load(from directory: LexiconDirectory) throws(PipelineError) -> SpanishData {
    var data = SpanishData()
    for (line, number) in try directory.lines("es/abbreviations.txt") {
      var words = line.split(separator: " ").map(String.init)
      var isTitle = false
      if words.last == "title" {
        isTitle = true
        words.removeLast()
      }
      guard let last = words.last, last.hasSuffix(".") else {
        throw .invalidConfiguration(
          "\(directory.path)/es/abbreviations.txt:\(number): an abbreviation must end in '.'")
      }
      if words.count == 1 {
        data.abbreviations[MatchKey.key(words[0])] = isTitle
      } else {
        data.spacedAbbreviations.append(words.map(MatchKey.key))
      }
    }
    for (line, number) in try directory.lines("es/contractions.tsv") {
      let columns = line.split(separator: "\t").map(String.init)
      guard columns.count == 2 else {
        throw .invalidConfiguration(
          "\(directory.path)/es/contractions.tsv:\(number): expected 'surface<TAB>words'")
      }
      data.contractions[columns[0].lowercased()] = columns[1].split(separator: " ").map(String.init)
      data.longestContraction = max(data.longestContraction, columns[0].unicodeScalars.count)
    }
    data.clitics = Set(try directory.wordList("es/clitics.txt"))
    data.cliticExceptions = Set(try directory.wordList("es/clitic-exceptions.txt"))
    data.sentenceOpeners = Set(try directory.wordList("es/sentence-openers.txt").map(MatchKey.key))
    data.months = try MonthNames.load(directory)
    data.wrapWords = Set(try directory.wordList("es/wrap-words.txt").map(MatchKey.key))
    return data
  }
}
