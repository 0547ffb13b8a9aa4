import PrensaText
import PrensaCore

/// A light Spanish stemmer: strips the longest listed inflectional ending that leaves at least
/// three letters, on matching keys. `enviar`, `envió`, `enviado`, `enviarán` and `envíos` all
/// give `envi`.
public struct Stemmer: Sendable, Equatable {
  /// Endings as UTF-8, longest first.
  var suffixes: [[UInt8]]
  /// The endings by their last byte, each list longest first: a word is tried only against the
  /// endings that end as it does.
  var byLastByte: [[[UInt8]]]

  public init(suffixes: [String]) {
    let keys = Set(suffixes.map(MatchKey.key))
    self.suffixes = keys.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }.map { Array($0.utf8) }
    var byLastByte = [[[UInt8]]](repeating: [], count: 256)
    for suffix in self.suffixes {
      if let last = suffix.last { byLastByte[Int(last)].append(suffix) }
    }
    self.byLastByte = byLastByte
  }

  public static func == (a: Stemmer, b: Stemmer) -> Bool { a.suffixes == b.suffixes }

  /// Every stem a matching key can have: the key itself and the key less each listed ending that
  /// leaves three letters. (`disparan` is `dispar` + `an`, `enviaran` is `envi` + `aran`: the
  /// matcher tries them all, so cue stems need not agree on one segmentation.)
  ///
  /// - Complexity: O(*s*) in the number of endings; works on UTF-8 bytes.
  public func candidates(_ key: String) -> [String] {
    // Room for the key and a few stems: growing from one element reallocated at each stem.
    var result: [String] = []
    result.reserveCapacity(4)
    result.append(key)
    var text = key
    text.withUTF8 { bytes in
      guard let last = bytes.last else { return }
      // Scalars, counted from the bytes that start one (all but UTF-8 continuation bytes).
      var letters = 0
      for byte in bytes where byte & 0xC0 != 0x80 { letters += 1 }
      for suffix in byLastByte[Int(last)]
      where letters - suffix.count >= 3 && bytes.count >= suffix.count {
        var matches = true
        var i = bytes.count - suffix.count
        for byte in suffix {
          if bytes[i] != byte {
            matches = false
            break
          }
          i += 1
        }
        if matches {
          result.append(
            String(
              decoding: UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - suffix.count)]),
              as: UTF8.self))
        }
      }
    }
    return result
  }

  /// The stem of a matching key (its longest listed ending removed).
  public func stem(_ key: String) -> String {
    let all = candidates(key)
    return all.count > 1 ? all[1] : key
  }
}

/// One cue: a word or phrase, as stems, with what it says.
public struct Cue: Sendable, Equatable {
  public var text: String
  /// Stems of the words; `*` matches any word.
  public var stems: [String]
  /// Per word: whether a sentence word that *is* the stem, with no ending, matches it. Only when
  /// the cue word lost nothing or a plural ending (`sanciones` → `sancion` matches `sanción`);
  /// a stem cut from a verb or participle is another word when it stands alone (`bloquear` →
  /// `bloque`, `granadas` → `gran`).
  public var bareStemMatches: [Bool] = []
  /// A category (cooperation cues, `none` for background) or a stance (stance cues).
  public var label: String
  public var weight: Double
  /// A material act (deliveries, attacks) rather than a statement or plan.
  public var material: Bool
  /// For conflict cues, the severity (-10...0).
  public var severity: Double?
  public var file: String
  public var line: Int

  /// The label of a cooperation cue.
  public var category: Category { Category(label) }
  /// The label of a stance cue.
  public var stance: Stance { Stance(label) }
}

/// What the rules read of a cue as they match and weigh it (`CueLexicon.cooperationFacts`).
struct CueFacts {
  /// Where its words start in `CueLexicon.cueWords`, and how many it has.
  var firstWord: Int
  var wordCount: Int
  var weight: Double
  var line: Int
  /// Its category's place in `Category.guide`, or its stance's in `Stance.guide`.
  var slot: Int
  var material: Bool
  var severity: Double?
  /// An arms_transfer cue that names the act of transfer (`Cue.isTransferAct`).
  var isTransferAct: Bool
  /// Its first word is `no` (`no se descarta`): counted though negated.
  var opensWithNo: Bool
  /// A hedge of more than one word: it bears on the main claim wherever it stands.
  var alwaysMainClause: Bool
}

extension Cue {
  /// Whether word `i` of the cue matches a sentence word equal to its bare stem.
  func allowsBareStem(_ i: Int) -> Bool { i >= bareStemMatches.count || bareStemMatches[i] }

  /// Whether this arms_transfer cue names a transfer (one of its words is a transfer act), not
  /// only a weapon.
  func isTransferAct(_ acts: Set<String>) -> Bool { stems.contains { acts.contains($0) } }
}

/// The classifier's data: cue lists and word lists from `Lexicons/es/`.
///
/// A class, not a struct: it is large (cue lists, word sets, indexes) and shared read-only by every
/// sentence and thread, so it is passed by reference instead of copied with a retain per field.
public final class CueLexicon: Sendable {
  public let stemmer: Stemmer
  public let cooperation: [Cue]
  public let stance: [Cue]
  public let negators: Set<String>
  /// Stems of verbs of saying (their subject holds the stance).
  public let speechVerbs: Set<String>
  /// Stems of nouns that refer back to an article's topic (`el acuerdo`, `el proyecto`).
  public let topicNouns: Set<String>
  /// Stems of the words that make an arms_transfer cue an act of transfer (`suministro de armas`)
  /// rather than a weapon named (`misiles`).
  public let transferActs: Set<String>
  /// Plural nouns for groups of people (`analistas`, `expertos`), by matching key: a holder.
  public let peopleNouns: Set<String>
  /// Identifies this data for the facts a `StageContext` keeps about words.
  public let cacheOwner = CacheOwner()
  /// The same for the plain copy of those facts the rules read at every word.
  public let hotCacheOwner = CacheOwner()
  /// Cooperation and stance cues by the stem of their first word, by the stem's number in
  /// `cueWordIndex` (empty lists for the cue words that start none).
  let cueStartLists: [(cooperation: [Int], stance: [Int])]
  /// The word classes the classifier's rules ask about and the rules' marker, by matching key,
  /// and the word classes by stem: a name's number in the table, then its facts in the list.
  /// Keyed by bytes (FNV-1a), as `cueWordIndex` is, for the words new to a worker.
  let keyFactIndex: NameTable
  let keyFacts: [(classes: SentenceClassifier.WordClass, marker: SentenceClassifier.Marker)]
  let stemClassIndex: NameTable
  let stemClassList: [SentenceClassifier.WordClass]

  /// The word classes of a word by its matching key and stem, and its marker (`.other` for most).
  func wordFacts(key: String, stem: String)
    -> (classes: SentenceClassifier.WordClass, marker: SentenceClassifier.Marker)
  {
    var facts = keyFactIndex[key].map { keyFacts[Int($0)] } ?? ([], .other)
    if let i = stemClassIndex[stem] { facts.classes.formUnion(stemClassList[Int(i)]) }
    return facts
  }

  /// What the rules read of each cue as they match and weigh it, by cue number (as in
  /// `cooperation` and `stance`), as plain data: a `Cue` copied retained its strings and arrays.
  let cooperationFacts: [CueFacts]
  let stanceFacts: [CueFacts]
  /// Every cue's words by their number in `cueWordIndex` (-1 for `*`), cue after cue: a cue's
  /// start from `CueFacts.firstWord`. Beside each, whether a sentence word equal to it as a bare
  /// stem matches (`Cue.bareStemMatches`).
  let cueWords: [Int32]
  let cueWordTakesBareStem: [Bool]
  /// The distinct stems and exact forms (`=word`) of the cues' words, numbered: a word's
  /// candidates are compared with a cue's words as numbers. Keyed by bytes (FNV-1a): a word new
  /// to a worker looks up each of its stems and forms, and SipHash on `String` keys was a third
  /// of that.
  let cueWordIndex: NameTable

  /// The cooperation and stance cues whose first word is cue word `number` (`cueWordIndex`).
  func cueStarts(_ number: Int32) -> (cooperation: [Int], stance: [Int]) {
    cueStartLists[Int(number)]
  }

  /// Words the rules ask about by their role (`Lexicons/es/cues/rule-words.tsv`).
  public struct RuleWords: Sendable, Equatable {
    public var determiners: Set<String> = []
    public var clauseLinks: Set<String> = []
    public var clauseOpeners: Set<String> = []
    public var emptySubjects: Set<String> = []
    public var feelingStems: Set<String> = []
    public var feelingLinks: Set<String> = []
    public var beliefStems: Set<String> = []
    /// Words a rule looks for one by one (`por ciento`, `según`, `contra`, ...), by matching key:
    /// the role naming each (one role a word).
    public var markers: [String: String] = [:]
    public init() {}

    static let roles =
      [
        "determiner", "clause-link", "clause-opener", "empty-subject", "feeling-stem",
        "feeling-link", "belief-stem",
      ] + SentenceClassifier.Marker.roles.keys.sorted()

    /// Adds `word` in `role`; false when the word already has another marker role.
    mutating func add(_ word: String, role: String) -> Bool {
      switch role {
      case "determiner": determiners.insert(word)
      case "clause-link": clauseLinks.insert(word)
      case "clause-opener": clauseOpeners.insert(word)
      case "empty-subject": emptySubjects.insert(word)
      case "feeling-stem": feelingStems.insert(word)
      case "feeling-link": feelingLinks.insert(word)
      case "belief-stem": beliefStems.insert(word)
      default:
        if let other = markers[word], other != role { return false }
        markers[word] = role
      }
      return true
    }
  }

  public let ruleWords: RuleWords

  /// Cue labels are the label guide's (`load` checks them).
  init(
    stemmer: Stemmer, cooperation: [Cue], stance: [Cue], negators: Set<String>,
    speechVerbs: Set<String>, ruleWords: RuleWords,
    topicNouns: Set<String> = [], transferActs: Set<String> = [], peopleNouns: Set<String> = []
  ) {
    self.ruleWords = ruleWords
    self.peopleNouns = peopleNouns
    self.topicNouns = topicNouns
    self.transferActs = transferActs
    self.stemmer = stemmer
    self.cooperation = cooperation
    self.stance = stance
    self.negators = negators
    self.speechVerbs = speechVerbs
    var cueStarts: [String: (cooperation: [Int], stance: [Int])] = [:]
    var keyClasses: [String: SentenceClassifier.WordClass] = [:]
    var stemClasses: [String: SentenceClassifier.WordClass] = [:]
    for (i, cue) in cooperation.enumerated() {
      cueStarts[cue.stems[0], default: ([], [])].cooperation.append(i)
    }
    for (i, cue) in stance.enumerated() {
      cueStarts[cue.stems[0], default: ([], [])].stance.append(i)
    }
    typealias Class = SentenceClassifier.WordClass
    for (words, wordClass) in [
      (negators, Class.negator), (ruleWords.determiners, .determiner),
      (ruleWords.clauseLinks, .clauseLink),
      (ruleWords.clauseOpeners, .clauseOpener),
      (ruleWords.emptySubjects, .emptySubject),
    ] {
      for word in words { keyClasses[word, default: []].insert(wordClass) }
    }
    for (stems, wordClass) in [
      (speechVerbs, Class.speechVerb), (ruleWords.feelingStems, .feeling),
      (topicNouns, .topicNoun),
    ] {
      for stem in stems { stemClasses[stem, default: []].insert(wordClass) }
    }
    let cueWordNames = Set((cooperation + stance).flatMap(\.stems)).subtracting(["*"]).sorted()
    let cueWordIndex = NameTable(numbering: cueWordNames)
    self.cueWordIndex = cueWordIndex
    var cueWords: [Int32] = []
    var cueWordTakesBareStem: [Bool] = []
    func facts(_ cue: Cue, slot: Int) -> CueFacts {
      let facts = CueFacts(
        firstWord: cueWords.count, wordCount: cue.stems.count, weight: cue.weight, line: cue.line,
        slot: slot, material: cue.material, severity: cue.severity,
        isTransferAct: cue.isTransferAct(transferActs), opensWithNo: cue.stems.first == "no",
        alwaysMainClause: cue.stems.count > 1 || cue.text == "no se descarta")
      for (i, stem) in cue.stems.enumerated() {
        cueWords.append(stem == "*" ? -1 : cueWordIndex[stem] ?? -1)
        cueWordTakesBareStem.append(cue.allowsBareStem(i))
      }
      return facts
    }
    // The rules weigh the label guide's categories and stances (`load` accepts no other label).
    cooperationFacts = cooperation.map { cue in
      guard let slot = Category.guide.firstIndex(of: cue.category) else {
        preconditionFailure("a cooperation cue outside the label guide: \(cue.label)")
      }
      return facts(cue, slot: slot)
    }
    stanceFacts = stance.map { cue in
      guard let slot = Stance.guide.firstIndex(of: cue.stance) else {
        preconditionFailure("a stance cue outside the label guide: \(cue.label)")
      }
      return facts(cue, slot: slot)
    }
    self.cueWords = cueWords
    self.cueWordTakesBareStem = cueWordTakesBareStem
    cueStartLists = cueWordNames.map { cueStarts[$0, default: ([], [])] }
    // Markers by matching key: the roles of `rule-words.tsv`, then punctuation.
    var markers: [String: SentenceClassifier.Marker] = SentenceClassifier.Marker.punctuation
    for (word, role) in ruleWords.markers {
      if let marker = SentenceClassifier.Marker.roles[role] { markers[word] = marker }
    }
    let keys = Set(keyClasses.keys).union(markers.keys).sorted()
    keyFactIndex = NameTable(numbering: keys)
    keyFacts = keys.map { (keyClasses[$0] ?? [], markers[$0] ?? .other) }
    let classStems = stemClasses.keys.sorted()
    stemClassIndex = NameTable(numbering: classStems)
    stemClassList = classStems.map { stemClasses[$0] ?? [] }
  }

  /// The labels a cue file may use: the label guide's.
  public static let categories = Category.guide.map(\.rawValue)
  public static let stances = Stance.guide.map(\.rawValue)

  /// Reads the cue files.
  ///
  /// - Throws: `PipelineError.invalidConfiguration` naming `FILE:LINE` of a malformed cue.
  public static func load(from directory: LexiconDirectory) throws(PipelineError) -> CueLexicon {
    let stemmer = Stemmer(suffixes: try directory.wordList("es/suffixes.txt"))
    func cues(_ file: String, labels: [String], columns: ClosedRange<Int>) throws(PipelineError)
      -> [Cue]
    {
      var result: [Cue] = []
      let path = directory.path + "/" + file
      for (line, number) in try directory.lines(file) {
        let cells = line.split(separator: "\t").map { String($0) }
        // `Double` reads `nan` and `inf` too: a weight must be a finite number (a weight that is
        // not makes every sum it enters one).
        guard columns.contains(cells.count), labels.contains(cells[1]),
          let weight = Double(cells[2]), weight.isFinite
        else {
          throw .invalidConfiguration(
            "\(path):\(number): expected cue<TAB>label<TAB>weight… with a label among \(labels.joined(separator: " ")) and a finite weight"
          )
        }
        let material = cells.count > 3 && cells[3] == "m"
        let severity = cells.count > 4 ? Double(cells[4]).flatMap { $0.isFinite ? $0 : nil } : nil
        // `=word`: that word and its plural only, marked with a leading `=` in the stem list.
        let stems = cells[0].split(separator: " ").map { word -> String in
          if word == "*" { return "*" }
          if word.hasPrefix("=") { return "=" + MatchKey.key(String(word.dropFirst())) }
          return stemmer.stem(MatchKey.key(String(word)))
        }
        let bare = cells[0].split(separator: " ").map { word -> Bool in
          if word == "*" || word.hasPrefix("=") { return true }
          let key = MatchKey.key(String(word))
          let stem = stemmer.stem(key)
          return stem == key || key == stem + "s" || key == stem + "es"
        }
        // Two forms of one word (`socio`, `socios`) are one cue: the first listed stays.
        if result.contains(where: { $0.stems == stems && $0.label == cells[1] }) { continue }
        result.append(
          Cue(
            text: cells[0], stems: stems, bareStemMatches: bare, label: cells[1], weight: weight,
            material: material,
            severity: severity, file: file, line: number))
      }
      return result
    }
    var ruleWords = RuleWords()
    let rulePath = directory.path + "/es/cues/rule-words.tsv"
    for (line, number) in try directory.lines("es/cues/rule-words.tsv") {
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cells.count == 2, RuleWords.roles.contains(cells[0]), !cells[1].isEmpty else {
        throw .invalidConfiguration(
          "\(rulePath):\(number): expected role<TAB>word with a role among \(RuleWords.roles.joined(separator: " "))"
        )
      }
      let word = cells[0].hasSuffix("-stem") ? cells[1] : MatchKey.key(cells[1])
      guard ruleWords.add(word, role: cells[0]) else {
        throw .invalidConfiguration(
          "\(rulePath):\(number): '\(cells[1])' already has the role \(ruleWords.markers[word] ?? "")"
        )
      }
    }
    return CueLexicon(
      stemmer: stemmer,
      cooperation: try cues("es/cues/cooperation.tsv", labels: categories, columns: 4...5),
      stance: try cues("es/cues/stance.tsv", labels: stances, columns: 3...3),
      negators: Set(try directory.wordList("es/negators.txt").map(MatchKey.key)),
      speechVerbs: Set(
        try directory.wordList("es/speech-verbs.txt").map { stemmer.stem(MatchKey.key($0)) }),
      ruleWords: ruleWords,
      topicNouns: Set(
        try directory.wordList("es/topic-nouns.txt").map { stemmer.stem(MatchKey.key($0)) }),
      transferActs: Set(
        try directory.wordList("es/cues/transfer-acts.txt").map { stemmer.stem(MatchKey.key($0)) }),
      peopleNouns: Set(try directory.wordList("es/people-nouns.txt").map(MatchKey.key)))
  }
}
