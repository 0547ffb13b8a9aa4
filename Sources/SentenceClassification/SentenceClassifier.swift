import PrensaText
import PrensaCore

/// The classify stage: for each sentence, a cooperation category and a stance, with the cues
/// that decided them.
///
/// Rules, in order (docs/labels.md):
/// 1. Cues are found on word stems, longest first, so a phrase (`eludir las sanciones`) takes its
///    words away from shorter cues (`sanciones`).
/// 2. Category: the weights of each category's cues are added; the highest wins, unless it is
///    diplomatic and a material category has real evidence (the concrete act wins over its
///    diplomatic frame). Other categories with at least half the winner's weight go to `also`.
///    No cue, or no actor in the sentence and weak evidence, gives `none`.
/// 3. Negation (`no`, `sin`, `nunca`, `negó`, ... within six words before a cue, same clause): a negated act keeps
///    its category but scores 0; a negated stance cue does not count (`no se descarta` is itself
///    a speculative cue).
/// 4. Stance: alarm > support > speculative > neutral. A hedge inside a relative clause (`…, que
///    podría…`) or between commas (`y, presuntamente, …`) is a detail and does not make the
///    sentence speculative; a question does.
/// 5. Holder: `según X`, or the subject of a verb of saying (`Analistas advierten…`), or the
///    place where alarm is felt (`genera alarma en X`).
/// 6. Actors: the first actor entity before the deciding cue is the source, the first after it
///    the target; omitted when either is missing.
public struct SentenceClassifier: Stage {
  public let name = "classify"
  public var cues: CueLexicon

  public init(cues: CueLexicon) { self.cues = cues }

  /// A cue found in a sentence.
  struct Match {
    /// The cue's number in its list (`CueLexicon.cooperation` or `.stance`).
    var cue: Int
    var firstToken: Int
    var lastToken: Int
    var negated: Bool
  }

  public func process(_ document: inout Document, in context: StageContext) throws(StageError) {
    let decisions = try decisions(&document, in: context)
    guard var sentences = document.sentences else { return }
    var writer = JSONWriter(capacity: 4096)
    for (index, decision) in decisions.enumerated() {
      let labels = SentenceLabels(rule: decision)
      sentences[index].extra[Sentence.LabelKey.cooperation] = labels.cooperation(
        &writer, rule: decision)
      sentences[index].extra[Sentence.LabelKey.stance] = labels.stanceJSON(
        &writer, rule: decision)
    }
    document.sentences = sentences
  }

  /// The rules' decision for every sentence of `document`, which is left unchanged.
  public func decisions(_ document: inout Document, in context: StageContext = StageContext())
    throws(StageError) -> [RuleDecision]
  {
    try analysedDecisions(&document, in: context).decisions
  }

  /// The rules' decisions, with the words the rules looked up for each sentence (one per token
  /// of the sentence), for the learned layer to reuse.
  func analysedDecisions(_ document: inout Document, in context: StageContext)
    throws(StageError) -> (decisions: [RuleDecision], words: AnalysedWords)
  {
    guard let tokens = document.tokens, let sentences = document.sentences else {
      throw StageError("classify needs tokens and sentences: run tokenize first")
    }
    let scalars = document.scalars()
    // In text order (as the tagger writes them: sorted only when they are not).
    let entities = (document.entities ?? []).sortedUnlessOrdered { $0.start < $1.start }
    // Each token's word number in this worker's table (shared with the tag stage when it ran on
    // this text and these tokens), and the classifier's facts about each word.
    let entries = context.entries(&document)
    let facts = context.facts(for: cues.cacheOwner, Word.self)
    let hot = context.facts(for: cues.hotCacheOwner, Hot.self)
    let keys = context.matchKeys()
    // Each sentence's tokens by their range: a sentence's own copy is made when it is read (a
    // copy of every sentence's at once would double the tokens of a long text).
    var work: [(index: Int, tokens: Range<Int>, entities: ArraySlice<Entity>)] = []
    work.reserveCapacity(sentences.count)
    var t = 0
    var e = 0
    for index in sentences.indices {
      let sentence = sentences[index]
      while t < tokens.count && tokens[t].end <= sentence.start { t += 1 }
      var end = t
      while end < tokens.count && tokens[end].start < sentence.end { end += 1 }
      while e < entities.count && entities[e].start < sentence.start { e += 1 }
      var eEnd = e
      while eEnd < entities.count && entities[eEnd].start < sentence.end { eEnd += 1 }
      // Read in place; copied only when one runs past the sentence's end.
      let starting = entities[e..<eEnd]
      let sentenceEntities =
        starting.allSatisfy { $0.end <= sentence.end }
        ? starting : ArraySlice(starting.filter { $0.end <= sentence.end })
      work.append((index, t..<end, sentenceEntities))
      t = end
    }
    // The article's topic: cue weights over all its sentences. A sentence with little evidence of
    // its own that still speaks of actors or of "the agreement / the project" is usually about
    // the same interaction as the rest of the article.
    var analyses: [Analysis] = []
    analyses.reserveCapacity(work.count)
    var documentTotals = CategoryWeights()
    for item in work {
      let analysis = analyze(
        scalars, tokens: tokens[item.tokens], entries: entries[item.tokens],
        facts: facts, hot: hot, keys: keys, entities: item.entities)
      documentTotals.add(analysis.totals)
      analyses.append(analysis)
    }
    // Each sentence's tokens are read in place, numbered from 0 as the analysis numbers them.
    let decisions = tokens.withUnsafeBufferPointer { all in
      zip(work, analyses).map { item, analysis in
        decide(
          analysis, s: scalars, tokens: UnsafeBufferPointer(rebasing: all[item.tokens]),
          entities: item.entities, sentence: sentences[item.index], documentTotals: documentTotals)
      }
    }
    return (decisions, AnalysedWords(entries: entries, facts: facts))
  }

  /// The words the rules looked up for an article: each token's word number, and the rules'
  /// facts by word number (the learned layer reads their keys and stems).
  struct AnalysedWords {
    var entries: [Int32]
    var facts: WordFacts<Word>
  }

  // MARK: - Classification

  /// Words the rules look for by their key, so that a rule compares a small integer instead of
  /// a string. The words are data (`rule-words.tsv`, roles in `roles`); only punctuation is here.
  enum Marker: UInt8 {
    case other, comma, period, semicolon
    /// `%`.
    case percent
    /// `por` and `ciento` of `por ciento`.
    case per, hundred
    /// `según`: an attribution.
    case accordingTo
    /// `que`: a complementizer.
    case that
    /// `para`: purpose.
    case purpose
    /// `se`.
    case reflexive
    /// `contra`: what weapons are aimed at.
    case against
    /// `el`, `la`, `los`, `las`.
    case article

    /// The roles of `rule-words.tsv` that name a marker.
    static let roles: [String: Marker] = [
      "percent": .percent, "per": .per, "hundred": .hundred, "according-to": .accordingTo,
      "that": .that, "purpose": .purpose, "reflexive": .reflexive, "against": .against,
      "article": .article,
    ]

    static let punctuation: [String: Marker] = [",": .comma, ".": .period, ";": .semicolon]
  }

  /// Classes of words the rules ask about, looked up once per word (`CueLexicon.wordFacts`).
  struct WordClass: OptionSet, Sendable {
    let rawValue: UInt16
    static let negator = WordClass(rawValue: 1 << 0)
    static let determiner = WordClass(rawValue: 1 << 1)
    static let clauseLink = WordClass(rawValue: 1 << 2)
    static let clauseOpener = WordClass(rawValue: 1 << 3)
    static let emptySubject = WordClass(rawValue: 1 << 4)
    static let speechVerb = WordClass(rawValue: 1 << 5)
    static let feeling = WordClass(rawValue: 1 << 6)
    static let topicNoun = WordClass(rawValue: 1 << 7)
    // Not from the word lists: facts of the word's form and of the cues.
    /// An alphabetic character: punctuation and symbols are clause boundaries for negation.
    static let letter = WordClass(rawValue: 1 << 8)
    /// Ends like an infinitive (`responder`): no subject of its own.
    static let infinitiveEnding = WordClass(rawValue: 1 << 9)
    /// The first word of a cooperation cue, of a stance cue.
    static let startsCooperationCue = WordClass(rawValue: 1 << 10)
    static let startsStanceCue = WordClass(rawValue: 1 << 11)
  }

  /// What the rules ask of a word at nearly every step, as plain data: a sentence's words are
  /// copied into an array of these, which needs no reference counting (an array of `Word`
  /// objects retained and released each one). The rest of what is known of the word is its
  /// `Word`, found by `entry` when a rule needs it.
  struct Hot {
    var classes: WordClass
    var marker: Marker
    /// The word's number in the worker's table.
    var entry: Int32

    var isNegator: Bool { classes.contains(.negator) }
    /// False for punctuation and symbols: a clause boundary for negation scope.
    var hasLetter: Bool { classes.contains(.letter) }
    /// A verb of saying (`advierten`, `afirmó`), by its stem.
    var isSpeechVerb: Bool { classes.contains(.speechVerb) }
    /// Ends like an infinitive (`responder`): no subject of its own.
    var looksInfinitive: Bool { classes.contains(.infinitiveEnding) }
    /// A noun of feeling that locates a stance (`alarma en X`).
    var isFeeling: Bool { classes.contains(.feeling) }
    /// A noun that refers back to the article's topic (`el acuerdo`, `el proyecto`).
    var isTopicNoun: Bool { classes.contains(.topicNoun) }
    var isDeterminer: Bool { classes.contains(.determiner) }
    /// A conjunction that opens a new clause: the end of a negation's scope.
    var isClauseLink: Bool { classes.contains(.clauseLink) }
    /// Where the subject of a verb of saying starts after.
    var isClauseOpener: Bool { classes.contains(.clauseOpener) }
    /// Words that are no subject on their own (`se`, `ya`, `hoy`).
    var isEmptySubject: Bool { classes.contains(.emptySubject) }
  }

  /// What the classifier needs to know of one word, computed once per worker: its stems, `=word`
  /// for exact cues (the word and its singular), the cues it can start, and the word classes the
  /// rules ask about.
  final class Word {
    let key: String
    let stem: String
    /// The numbers of the stems and exact forms a cue word can match (`CueLexicon.cueWordIndex`:
    /// a handful, a list beats a hash set), and of the key itself when a cue word is that key.
    let cueWords: [Int32]
    let keyCueWord: Int32
    /// Cooperation and stance cues whose first word this can be.
    let cooperationStarts: [Int]
    let stanceStarts: [Int]
    /// The word classes the rules ask about (a verb of saying, a noun of feeling, a negator, ...)
    /// and the facts of its form.
    let classes: WordClass
    let marker: Marker

    init(key: String, cues: CueLexicon) {
      // The key's last two bytes (UTF-8), for the endings asked about below.
      var key = key
      let (penultimate, last) = key.withUTF8 { utf8 -> (UInt8, UInt8) in
        (utf8.count > 1 ? utf8[utf8.count - 2] : 0, utf8.last ?? 0)
      }
      // The cue words the key can be: its stems (the key itself first), and as an exact form
      // (`=word`) the key, and the key less a plural `s` or `es`. The exact forms are found by
      // their bytes after `=`, without building them.
      let stems = cues.stemmer.candidates(key)
      var numbers = stems.map { cues.cueWordIndex[$0] }
      key.withUTF8 { utf8 in
        numbers.append(cues.cueWordIndex.find("=", utf8))
        if last == UInt8(ascii: "s") {
          if penultimate == UInt8(ascii: "e") {
            numbers.append(
              cues.cueWordIndex.find("=", UnsafeBufferPointer(rebasing: utf8.dropLast(2))))
          }
          numbers.append(
            cues.cueWordIndex.find("=", UnsafeBufferPointer(rebasing: utf8.dropLast())))
        }
      }
      var cooperationStarts: [Int] = []
      var stanceStarts: [Int] = []
      var cueWords: [Int32] = []
      let keyCueWord = numbers[0] ?? -1
      for number in numbers {
        guard let number else { continue }
        cueWords.append(number)
        let starts = cues.cueStarts(number)
        cooperationStarts += starts.cooperation
        stanceStarts += starts.stance
      }
      // `stems` lists the key, then its stems longest ending first: the stem is the second.
      let stem = stems.count > 1 ? stems[1] : key
      self.key = key
      self.stem = stem
      self.cueWords = cueWords
      self.keyCueWord = keyCueWord
      self.cooperationStarts = Self.sortedUnique(cooperationStarts)
      self.stanceStarts = Self.sortedUnique(stanceStarts)
      var (classes, marker) = cues.wordFacts(key: key, stem: stem)
      if Self.hasLetter(&key) { classes.insert(.letter) }
      if last == UInt8(ascii: "r")
        && (penultimate == UInt8(ascii: "a") || penultimate == UInt8(ascii: "e")
          || penultimate == UInt8(ascii: "i"))
      {
        classes.insert(.infinitiveEnding)
      }
      if !self.cooperationStarts.isEmpty { classes.insert(.startsCooperationCue) }
      if !self.stanceStarts.isEmpty { classes.insert(.startsStanceCue) }
      self.classes = classes
      self.marker = marker
    }

    func hot(_ entry: Int32) -> Hot { Hot(classes: classes, marker: marker, entry: entry) }

    /// Sorted, each number once (a word's cue starts: a handful, from up to five candidates).
    static func sortedUnique(_ numbers: [Int]) -> [Int] {
      guard numbers.count > 1 else { return numbers }
      var result = numbers.sorted()
      var kept = 1
      for i in 1..<result.count where result[i] != result[kept - 1] {
        result[kept] = result[i]
        kept += 1
      }
      result.removeLast(result.count - kept)
      return result
    }

    /// Whether the word has an alphabetic character: an ASCII letter is found by its byte, any
    /// other character by its Unicode properties.
    static func hasLetter(_ key: inout String) -> Bool {
      let ascii = key.withUTF8 { utf8 -> Bool? in
        var allASCII = true
        for byte in utf8 {
          if byte >= 0x80 {
            allASCII = false
          } else if (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") {
            return true
          }
        }
        return allASCII ? false : nil
      }
      return ascii ?? key.unicodeScalars.contains { $0.isLetter }
    }
  }

  /// What one sentence says, before the decision.
  struct Analysis {
    var words: [Hot]
    /// The rest of what is known of each word, by its `entry`.
    var facts: WordFacts<Word>
    var cooperationMatches: [Match]
    var stanceMatches: [Match]
    var totals: CategoryWeights
    /// Whether the sentence refers back to the article's topic (`el acuerdo`, `el proyecto`).
    var refersToTopic: Bool
  }

  /// What one sentence says: `tokens` are its tokens, `entries` their word numbers, `facts`
  /// the classifier's facts by word number (stems and cue candidates depend only on the word and
  /// the cue lexicon, so each word's are made once per worker).
  func analyze(
    _ s: [Unicode.Scalar], tokens: ArraySlice<Token>, entries: ArraySlice<Int32>,
    facts: WordFacts<Word>, hot: WordFacts<Hot>, keys: WordFacts<String>,
    entities: ArraySlice<Entity>
  ) -> Analysis {
    var words: [Hot] = []
    words.reserveCapacity(tokens.count)
    let cues = self.cues
    hot.prefetch(entries)
    for (t, entry) in zip(tokens.indices, entries) {
      words.append(
        hot.value(entry) {
          facts.value(entry) {
            Word(key: keys.matchKey(entry, s[tokens[t].start..<tokens[t].end]), cues: cues)
          }.hot(entry)
        })
    }
    let cooperationMatches = find(cues.cooperationFacts, stance: false, words: words, facts: facts)
    let stanceMatches = find(cues.stanceFacts, stance: true, words: words, facts: facts)
    let cueFacts = cues.cooperationFacts
    var totals = CategoryWeights()
    for match in cooperationMatches {
      totals.add(cueFacts[match.cue].slot, cueFacts[match.cue].weight)
    }
    // Weapons used against an actor are the attack, not a transfer: with an attack and no act of
    // transfer, the weapons named count for conflict.
    // An attack: a material conflict cue, or weapons aimed `contra` someone (`lanzó misiles contra la base`).
    let attack = cooperationMatches.contains { match in
      let cue = cueFacts[match.cue]
      return (cue.slot == CategoryWeights.conflict && cue.material && !match.negated)
        || (cue.slot == CategoryWeights.armsTransfer
          && words[(match.lastToken + 1)...].prefix(Self.weaponAimWindow).contains {
            $0.marker == .against
          })
    }
    if attack, let weapons = totals[CategoryWeights.armsTransfer],
      !cooperationMatches.contains(where: {
        cueFacts[$0.cue].slot == CategoryWeights.armsTransfer && cueFacts[$0.cue].isTransferAct
      })
    {
      totals.remove(CategoryWeights.armsTransfer)
      totals.add(CategoryWeights.conflict, weapons)
    }
    let refersToTopic = words.indices.contains { i in
      i > 0 && words[i - 1].isDeterminer && words[i].isTopicNoun
    }
    return Analysis(
      words: words, facts: facts, cooperationMatches: cooperationMatches,
      stanceMatches: stanceMatches,
      totals: totals,
      refersToTopic: refersToTopic)
  }

  /// The decision for one sentence, given its analysis and the article's cue totals.
  func decide(
    _ analysis: Analysis, s: [Unicode.Scalar], tokens: UnsafeBufferPointer<Token>,
    entities: ArraySlice<Entity>,
    sentence: Sentence,
    documentTotals: CategoryWeights
  ) -> RuleDecision {
    typealias Slot = CategoryWeights
    let words = analysis.words
    let cooperationMatches = analysis.cooperationMatches
    let stanceMatches = analysis.stanceMatches
    let cueFacts = cues.cooperationFacts
    let stanceFacts = cues.stanceFacts

    // Category.
    var totals = analysis.totals
    let actors = entities.filter { Self.isActor($0.label) }
    let ownEvidence = totals.largestWeight ?? 0
    // Background cues (`none` with a weight: `mayor productor de X`) mark a statement about one
    // actor's situation: the sentence keeps to itself, and an interaction must outweigh them.
    let background = totals[Slot.noInteraction] ?? 0
    totals.remove(Slot.noInteraction)
    // A sentence with no cue of its own that states a figure (`creció un 25 %`, `tiene 30.000
    // habitantes`) is background, not part of the article's interaction.
    let statesAFigure = ownEvidence == 0 && tokens.contains { $0.kind == .number }
    // A share or a rate (`el 40 % de la oferta`, `cayó un 2,3 %`) with weak cues (a resource, a
    // price) and fewer than two actors describes a market or an economy, not an interaction.
    let statesAShare =
      ownEvidence < 3 && Self.containsShare(words)
      && Set(actors.map { $0.refersTo ?? $0.text }).count < 2
    if statesAShare {
      totals.removeAll()
    } else if ownEvidence < 2 && background == 0 && (analysis.refersToTopic || !actors.isEmpty)
      && !statesAFigure
    {
      totals.add(documentTotals, times: Self.documentPrior, excluding: Slot.noInteraction)
    }
    var category = Slot.noInteraction
    // An interaction needs actors: weak evidence in a sentence that names none is background.
    // A transfer needs a giver and a receiver: a weapon or a technology named with no actor and
    // no explicit act (`el satélite servirá para vigilar cultivos`) is background.
    if let (best, weight) = totals.largest(),
      weight > background,
      weight >= 2 || (weight >= 1 && (!actors.isEmpty || analysis.refersToTopic)),
      !((best == Slot.armsTransfer || best == Slot.technologyTransfer) && actors.isEmpty
        && !analysis.refersToTopic && weight < 3)
    {
      category = best
      if best == Slot.diplomatic,
        let concrete = totals.largest(where: {
          $0 <= Slot.economic && (totals[$0] ?? 0) >= Self.concreteAct
        })
      {
        // The guide lists military, arms and technology transfer and economic first.
        category = concrete.slot
      }
    }
    let chosenWeight = totals[category] ?? 0
    let also = totals.heaviestFirst { slot, weight in
      slot != category && category != Slot.noInteraction && weight >= max(1.5, chosenWeight / 2)
    }
    let deciding = cooperationMatches.filter { cueFacts[$0.cue].slot == category }
    let negatedAct = !deciding.isEmpty && deciding.allSatisfy(\.negated)
    let material = deciding.contains { cueFacts[$0.cue].material && !$0.negated }
    let quad: String
    let score: Double
    switch category {
    case Slot.noInteraction:
      quad = "none"
      score = 0
    case Slot.conflict:
      quad = material ? "material_conflict" : "verbal_conflict"
      score = negatedAct ? 0 : deciding.compactMap { cueFacts[$0.cue].severity }.min() ?? -3
    default:
      quad =
        negatedAct ? "verbal_cooperation" : material ? "material_cooperation" : "verbal_cooperation"
      score =
        negatedAct ? 0 : Self.cooperationScore[Category.guide[category]]?[material ? 0 : 1] ?? 0
    }
    var decidedActors: RuleDecision.Actors?
    if category != Slot.noInteraction,
      let main = deciding.max(by: { cueFacts[$0.cue].weight < cueFacts[$1.cue].weight }),
      let (source, target) = Self.actors(actors, around: tokens[main.firstToken].start)
    {
      decidedActors = RuleDecision.Actors(
        source: source.text, sourceCode: source.refersTo, target: target.text,
        targetCode: target.refersTo)
    }

    // Stance, by places in `Stance.guide`.
    let (alarm, support, speculative) = (0, 1, 2)
    var stanceLabel: Stance = .neutral
    // A support word that states a purpose (`para reforzar`, `que fortalezca`) describes an aim,
    // not an evaluation.
    let counted = stanceMatches.filter { match in
      (!match.negated || stanceFacts[match.cue].opensWithNo)
        && !(stanceFacts[match.cue].slot == support && match.firstToken > 0
          && [.purpose, .that, .reflexive].contains(words[match.firstToken - 1].marker))
    }
    var stanceWeight = InlineArray<4, Double>(repeating: 0)
    // An evaluation an actor states (`aseguró que «reforzará la industria»`, `calificó el acuerdo de
    // «histórico»`) frames the act for that actor: it weighs more than the same word in narration.
    let firstSpeechVerb = words.indices.first { $0 > 0 && words[$0].isSpeechVerb }
    let attributed = words.contains { $0.marker == .accordingTo }
    for match in counted
    where stanceFacts[match.cue].slot != speculative
      || isMainClauseHedge(match, words: words, facts: analysis.facts)
    {
      let cue = stanceFacts[match.cue]
      // Stated: after a verb of saying, or anywhere in a sentence attributed with `según X`.
      let stated =
        cue.slot == support
        && ((firstSpeechVerb.map { $0 < match.firstToken } ?? false) || attributed)
      stanceWeight[cue.slot] += cue.weight * (stated ? Self.statedEvaluation : 1)
    }
    let isQuestion = s[sentence.start..<sentence.end].contains("?")
    if stanceWeight[alarm] >= 1.5 {
      stanceLabel = .alarm
    } else if stanceWeight[support] >= 2 {
      stanceLabel = .support
    } else if isQuestion || stanceWeight[speculative] >= 1.5 {
      stanceLabel = .speculative
    }
    return RuleDecision(
      category: Category.guide[category], also: also.map { Category.guide[$0] }, quad: quad,
      score: score, actors: decidedActors,
      cues: cooperationMatches.map { hit($0, cues.cooperation, tokens: tokens) },
      stance: stanceLabel,
      stanceCues: counted.map { hit($0, cues.stance, tokens: tokens) },
      holder: holder(s, tokens: tokens, words: words, facts: analysis.facts, entities: entities))
  }

  /// Whether an entity of this label can act: a country or city as a political actor, an
  /// organization, a person, a nationality or group. Compared label by label (short strings
  /// stored inline): a set hashed the label of every entity of every sentence.
  @inline(__always) static func isActor(_ label: EntityLabel) -> Bool {
    label == .geopolitical || label == .organization || label == .person || label == .nationality
  }

  /// How many words after a weapon `contra` may stand to aim it at someone.
  static let weaponAimWindow = 6

  /// The evidence a material category needs to take a sentence from its diplomatic frame
  /// (`firman un acuerdo para procesar litio` is economic).
  static let concreteAct = 1.5

  /// The weight factor of a support word stated by an actor (after a verb of saying).
  static let statedEvaluation = 2.0

  /// How much of the article's cue weight a sentence with little evidence of its own borrows.
  static let documentPrior = 0.15

  /// Scores of cooperation categories (material, verbal), in the spirit of the Goldstein scale.
  static let cooperationScore: [Category: [Double]] = [
    .armsTransfer: [8.0, 6.5], .military: [7.5, 6.0], .technologyTransfer: [7.5, 6.0],
    .economic: [7.0, 5.0], .diplomatic: [5.0, 3.5],
  ]

  /// Cues found in a sentence, longest first; a token belongs to at most one cue. `list` is
  /// `cues.cooperationFacts` or `cues.stanceFacts`, as `stance` says.
  func find(_ list: [CueFacts], stance: Bool, words: [Hot], facts: WordFacts<Word>) -> [Match] {
    var candidates: [Match] = []
    let starts: WordClass = stance ? .startsStanceCue : .startsCooperationCue
    let cueWords = cues.cueWords
    let takesBareStem = cues.cueWordTakesBareStem
    for start in words.indices where words[start].classes.contains(starts) {
      guard let first = facts.known(words[start].entry) else { continue }
      for cueIndex in stance ? first.stanceStarts : first.cooperationStarts {
        let cue = list[cueIndex]
        guard start + cue.wordCount <= words.count else { continue }
        var fits = true
        for offset in 0..<cue.wordCount {
          let cueWord = cueWords[cue.firstWord + offset]
          // `*`: any word.
          guard cueWord >= 0 else { continue }
          guard let word = offset == 0 ? first : facts.known(words[start + offset].entry) else {
            fits = false
            break
          }
          // A word that is a verb's bare stem is another word (`bloque` is not `bloquear`).
          let bare = word.keyCueWord == cueWord && !takesBareStem[cue.firstWord + offset]
          if bare || (offset > 0 && !word.cueWords.contains(cueWord)) {
            fits = false
            break
          }
        }
        if fits {
          candidates.append(
            Match(
              cue: cueIndex, firstToken: start, lastToken: start + cue.wordCount - 1,
              negated: isNegated(at: start, words: words)))
        }
      }
    }
    // Fewer than two: no overlap to settle (most sentences find no cue at all).
    if candidates.count < 2 { return candidates }
    // Longest, then heaviest, then leftmost, then first in the cue file: a total order, so the
    // result never depends on hash order.
    candidates.sort {
      ($0.lastToken - $0.firstToken, list[$0.cue].weight, -$0.firstToken, -list[$0.cue].line)
        > ($1.lastToken - $1.firstToken, list[$1.cue].weight, -$1.firstToken, -list[$1.cue].line)
    }
    var used = [Bool](repeating: false, count: words.count)
    var result: [Match] = []
    for match in candidates
    where !(match.firstToken...match.lastToken).contains(where: { used[$0] }) {
      for k in match.firstToken...match.lastToken { used[k] = true }
      result.append(match)
    }
    return result.sorted { $0.firstToken < $1.firstToken }
  }

  /// A negator within six words before `index`, in the same clause (no punctuation between).
  func isNegated(at index: Int, words: [Hot]) -> Bool {
    var k = index - 1
    // Six words, or the whole clause a negating verb opens with `que` (`negó que la compra de
    // aviones chinos suponga una amenaza`).
    while k >= 0 && k >= index - 12 {
      if words[k].isNegator && (k >= index - 6 || words[k + 1].marker == .that) {
        return true
      }
      // Punctuation, or a conjunction that opens a new clause (`rechazó la decisión y denunció`).
      if !words[k].hasLetter || words[k].isClauseLink { return false }
      k -= 1
    }
    return false
  }

  /// Whether a speculative cue bears on the main claim: not inside a relative or subordinate
  /// clause opened by `que`, and not an adverb set off by commas.
  func isMainClauseHedge(_ match: Match, words: [Hot], facts: WordFacts<Word>) -> Bool {
    let i = match.firstToken
    if cues.stanceFacts[match.cue].alwaysMainClause { return true }
    let before = i > 0 ? words[i - 1].marker : .other
    let after = match.lastToken + 1 < words.count ? words[match.lastToken + 1].marker : .other
    if before == .comma && after == .comma { return false }
    // A `que` earlier in the sentence puts the hedge in a subordinate clause, unless the clause is
    // the object of a verb of saying or believing (then the hedge is what is claimed).
    if let que = words[..<i].lastIndex(where: { $0.marker == .that }) {
      let verb = que > 0 ? cues.stemmer.stem(facts.known(words[que - 1].entry)?.key ?? "") : ""
      if que > 0
        && (cues.speechVerbs.contains(verb)
          || cues.ruleWords.beliefStems.contains(verb))
      {
        return true
      }
      return false
    }
    return true
  }

  /// Whether a sentence states a percentage (`%`, `por ciento`).
  static func containsShare(_ words: [Hot]) -> Bool {
    words.indices.contains {
      words[$0].marker == .percent
        || (words[$0].marker == .hundred && $0 > 0 && words[$0 - 1].marker == .per)
    }
  }

  /// The actor entity before a position and the one after it.
  static func actors(_ actors: [Entity], around position: Int) -> (Entity, Entity)? {
    guard let source = actors.first(where: { $0.end <= position }),
      let target = actors.first(where: {
        $0.start > position && $0.refersTo != source.refersTo
          || ($0.start > position && $0.refersTo == nil)
      })
    else { return nil }
    return (source, target)
  }

  /// Who holds the stance, as written: `según X`, the subject of a verb of saying, or where a
  /// feeling is located (`alarma en X`).
  func holder(
    _ s: [Unicode.Scalar], tokens: UnsafeBufferPointer<Token>, words: [Hot],
    facts: WordFacts<Word>, entities: ArraySlice<Entity>
  ) -> String? {
    func text(_ a: Int, _ b: Int) -> String { String(scalars: s[tokens[a].start..<tokens[b].end]) }
    // según X (up to the next comma or the end).
    if let i = words.firstIndex(where: { $0.marker == .accordingTo }), i + 1 < words.count {
      var j = i + 1
      while j + 1 < words.count && ![.comma, .period, .semicolon].contains(words[j + 1].marker) {
        j += 1
      }
      return text(i + 1, j)
    }
    // <feeling> en|entre X: the places or people that feel it.
    for i in words.indices where words[i].isFeeling {
      guard i + 2 < words.count,
        cues.ruleWords.feelingLinks.contains(facts.known(words[i + 1].entry)?.key ?? "")
      else {
        continue
      }
      let after = entities.filter {
        $0.start >= tokens[i + 1].end && Self.isActor($0.label)
      }
      guard let first = after.first, first.start == tokens[i + 2].start else { continue }
      var last = first
      for entity in after.dropFirst() {
        let gap = String(scalars: s[last.end..<entity.start])
        guard gap == ", " || gap == " y " || gap == " e " else { break }
        last = entity
      }
      return String(scalars: s[first.start..<last.end])
    }
    // The subject of a verb of saying: the words from the clause start to the verb.
    // A finite verb of saying: an infinitive (`responder`) has no subject of its own.
    guard
      let verb = words.indices.first(where: {
        words[$0].isSpeechVerb && $0 > 0 && !words[$0].looksInfinitive
      })
    else {
      return nil
    }
    var start = verb - 1
    while start > 0 && !words[start - 1].isClauseOpener { start -= 1 }
    // An apposition (`El ministro filipino, Gilberto Teodoro, elogió`): the name right before.
    if words[verb - 1].marker == .comma, verb >= 2 {
      if let entity = entities.last(where: {
        $0.end <= tokens[verb - 1].start && $0.label == .person
      }
      ),
        entity.end == tokens[verb - 2].end
      {
        return entity.text
      }
      return nil
    }
    // Punctuation before the subject (`- El Kremlin dijo`) is not part of it.
    while start < verb && !words[start].hasLetter { start += 1 }
    guard start < verb else { return nil }
    if words[start..<verb].allSatisfy(\.isEmptySubject) { return nil }
    // A holder is someone: an actor entity, a noun for people (`analistas`), or a capitalised
    // name; a fragment such as `inédito en` or `por un` is not.
    let span = tokens[start].start..<tokens[verb - 1].end
    let namesSomeone =
      entities.contains { Self.isActor($0.label) && span.overlaps($0.start..<$0.end) }
      || words[start..<verb].contains {
        cues.peopleNouns.contains(facts.known($0.entry)?.key ?? "")
      }
      || (start..<verb).contains { s[tokens[$0].start].isUppercaseLetter && $0 > 0 }
    guard namesSomeone else { return nil }
    let first = words[start].marker == .article && verb - start > 1 ? start + 1 : start
    return text(first, verb - 1)
  }

  /// A match of a cue of `list` as the output lists it.
  func hit(_ match: Match, _ list: [Cue], tokens: UnsafeBufferPointer<Token>) -> CueHit {
    CueHit(
      start: tokens[match.firstToken].start, end: tokens[match.lastToken].end,
      cue: list[match.cue].text, label: list[match.cue].label, weight: list[match.cue].weight,
      negated: match.negated)
  }
}
