import PrensaText
import PrensaCore

/// The word lists the tagger's rules read from `Lexicons/es/` (matching keys).
public struct TaggerData: Sendable, Equatable {
  /// Person titles, as sequences of keys (`primer ministro` → `["primer", "ministro"]`).
  public var personTitles: [[String]] = [] {
    didSet { titlesByLastWord = Dictionary(grouping: personTitles) { $0.last ?? "" } }
  }
  /// Person titles by their last key, for the look-back from a name.
  private(set) var titlesByLastWord: [String: [[String]]] = [:]
  public var orgHeads: Set<String> = []
  public var locHeads: Set<String> = []
  public var miscHeads: Set<String> = []
  public var stopwords: Set<String> = []
  public var locativePrepositions: Set<String> = []
  public var connectors: Set<String> = []
  /// Common nouns that introduce an organisation's name (`la empresa Siderca`).
  public var orgCues: Set<String> = []
  /// Lower-case feature nouns kept in a LOC span (`mar Arábigo`).
  public var featureHeads: Set<String> = []
  /// Nouns before `de` + place, with the place's label (`provincia` → GPE).
  public var placeCues: [String: EntityLabel] = [:]
  /// Nouns before the name of a thing (`clase Virginia`).
  public var miscCues: Set<String> = []
  /// Last words of organisation names (`Group`, `Aircraft`).
  public var orgTails: Set<String> = []
  /// Plural nouns for groups of people (`Analistas`, `Expertos`): never the first word of a name.
  public var peopleNouns: Set<String> = []
  /// Legal forms that end a company's name (`S.A.`, `Inc.`).
  public var companySuffixes: Set<String> = []
  /// Function words by role (`es/tagger-words.tsv`): definite articles, `la`, the articles a
  /// club name follows, `de`, `del`, and the words after which a demonym is a language.
  public var articles: Set<String> = []
  public var feminineArticles: Set<String> = []
  public var masculineArticles: Set<String> = []
  public var of: Set<String> = []
  public var ofThe: Set<String> = []
  public var languageMarkers: Set<String> = []

  /// The roles of `es/tagger-words.tsv`.
  static var functionWordRoles: [String: WritableKeyPath<TaggerData, Set<String>>] {
    [
      "article": \.articles, "feminine-article": \.feminineArticles,
      "masculine-article": \.masculineArticles, "of": \.of, "of-the": \.ofThe,
      "language-marker": \.languageMarkers,
    ]
  }

  public init() {}

  /// Reads the lists from a data folder.
  ///
  /// - Throws: `PipelineError` naming a file that cannot be read.
  public static func load(from directory: LexiconDirectory) throws(PipelineError) -> TaggerData {
    var data = TaggerData()
    func keys(_ file: String) throws(PipelineError) -> [String] {
      try directory.wordList("es/\(file)").map(MatchKey.key)
    }
    data.personTitles = try keys("person-titles.txt").map {
      $0.split(separator: " ").map(String.init)
    }
    data.orgHeads = Set(try keys("org-heads.txt"))
    data.locHeads = Set(try keys("loc-heads.txt"))
    data.miscHeads = Set(try keys("misc-heads.txt"))
    data.stopwords = Set(try keys("capitalized-stopwords.txt"))
    data.locativePrepositions = Set(try keys("locative-prepositions.txt"))
    data.connectors = Set(try keys("name-connectors.txt"))
    data.orgCues = Set(try keys("org-cues.txt"))
    data.featureHeads = Set(try keys("feature-heads.txt"))
    data.miscCues = Set(try keys("misc-cues.txt"))
    data.orgTails = Set(try keys("org-tails.txt"))
    data.peopleNouns = Set(try keys("people-nouns.txt"))
    data.companySuffixes = Set(try keys("company-suffixes.txt"))
    for (line, number) in try directory.lines("es/place-cues.txt") {
      let columns = line.split(separator: "\t").map(String.init)
      guard columns.count == 2, EntityLabel.known.contains(EntityLabel(columns[1])) else {
        throw .invalidConfiguration(
          "\(directory.path)/es/place-cues.txt:\(number): expected 'noun<TAB>LABEL'")
      }
      data.placeCues[MatchKey.key(columns[0])] = EntityLabel(columns[1])
    }
    for (line, number) in try directory.lines("es/tagger-words.tsv") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count == 2, let role = functionWordRoles[columns[0]], !columns[1].isEmpty else {
        let roles = functionWordRoles.keys.sorted().joined(separator: " ")
        throw .invalidConfiguration(
          "\(directory.path)/es/tagger-words.tsv:\(number): expected role<TAB>word with a role among \(roles)"
        )
      }
      data[keyPath: role].insert(MatchKey.key(columns[1]))
    }
    return data
  }
}
