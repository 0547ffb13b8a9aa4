import PrensaText
import PrensaCore
import Tokenization

/// The tag stage: named entities from lexicons, with rules for context and a heuristic detector
/// for names no lexicon holds.
///
/// Passes, per document (`tag(_:tokens:sentences:entries:context:)` runs them in this order;
/// each is a function named here, in the file named):
/// 1. Lexicon (`matchLexicon`, `EntityTagger+Lexicon.swift`): one longest-leftmost pass over the
///    units (tokens, and the parts of hyphenated compounds no alias has whole) through the
///    compiled trie. Ties on the same span go to the earlier lexicon entry. An alias marked `~` (a
///    surname alone) matches only after its entry was found earlier in the document. A demonym
///    right after a language marker (`en inglés`) is a language, not an entity.
/// 2. Context (`applyContext`, on each lexicon entity as it is found): capitals and seats of power
///    after a locative preposition are plain places (no `refers_to`; a seat becomes LOC);
///    elsewhere they carry their country (metonymy); a city after a masculine article is its club.
/// 3. Names around lexicon entries (`EntityTagger+Names.swift`, unless `lexiconOnly`): a
///    capitalised demonym inside a name is released (`releaseDemonymsInNames`); unknown first
///    names join a known surname (`extendSurnamesBackwards`); a lexicon name that more capitalised
///    words continue is set aside for the heuristic (`setAsideContinuedNames`) and restored if
///    the heuristic does not take it.
/// 4. Heuristic (`heuristicEntities`, unless `lexiconOnly`): capitalised runs no lexicon covers,
///    with Spanish connectors inside (`Banco Popular de China`), typed by cues: a person title
///    before it → PER; `Ministerio`, `Banco`, ... → ORG; `Acuerdo`, `Operación`, ... → MISC;
///    `mar`, `río`, ... → LOC; after `en` → GPE; two or more bare capitalised words → PER.
///    `source: heuristic`.
/// 5. Coreference (within the heuristic): the last word of a PER found by the heuristic names the
///    same person later.
/// 6. Acronyms (`addAcronyms`, `EntityTagger+Acronyms.swift`): `Nombre Largo (NL)` names the
///    entity for the rest of the document.
/// 7. One entity per stretch of text (`disjoint`): text order, the longer first, never overlapping.
/// 8. Institutions (`mergeInstitutions`, `EntityTagger+Institutions.swift`): `Ministerio de
///    Defensa` + `de Japón` is one ORG with Japan's code; a following demonym (`Ejército
///    filipino`) gives the institution its country.
///
/// `process` then adds a dateline's place (`meta.dateline`) as a GPE when nothing covers it.
/// Confidence values are named in `Confidence`.
///
/// - Complexity: O(*n*·*k*) for *n* tokens and aliases of at most *k* tokens; the lexicon's
///   size does not enter (trie lookups are hashed).
public struct EntityTagger: Stage {
  public let name = "tag"
  public let lexicon: CompiledLexicon
  public let data: TaggerData
  public var lexiconOnly = false
  public var explain = false
  /// Makes the tagger's facts about words from `lexicon` and `data`.
  private let words: WordMaker

  public init(
    lexicon: CompiledLexicon, data: TaggerData, lexiconOnly: Bool = false, explain: Bool = false
  ) {
    self.lexicon = lexicon
    self.data = data
    self.lexiconOnly = lexiconOnly
    self.explain = explain
    words = WordMaker(vocabulary: lexicon.vocabulary, data: data)
  }

  /// What the tagger knows of one surface form: its matching key, the key's number in the
  /// lexicon's vocabulary, and the flags the rules ask about again and again.
  ///
  /// A class: made once per distinct word of a document (`StageContext.facts`), and every unit of
  /// that word holds a reference (8 bytes, where a copy took 32: a whole book has millions of units).
  final class Word: Sendable, WordLists {
    let key: String
    /// -1 when no alias has this key.
    let number: Int32
    /// Begins with a letter, and its first letter is a capital.
    let isCapitalized: Bool
    /// Its letters, and how many of them are capitals.
    let letters: Int32
    let capitals: Int32
    /// The word lists that hold its key, as `WordMaker.Flag` bits.
    let lists: UInt16

    init(
      key: String, number: Int32, isCapitalized: Bool, letters: Int32, capitals: Int32,
      lists: UInt16
    ) {
      self.key = key
      self.number = number
      self.isCapitalized = isCapitalized
      self.letters = letters
      self.capitals = capitals
      self.lists = lists
    }
  }

  /// A word's word lists (`WordMaker.Flag` bits), and the questions the rules ask of them.
  protocol WordLists {
    var lists: UInt16 { get }
  }

  /// What a unit's rules ask of its word at nearly every step, kept in the unit itself: the
  /// word's object is cold (one among a worker's hundred thousand words), and reading it for
  /// every unit cost a cache miss each. The rest is read from the object when asked.
  struct UnitWord: WordLists {
    let hot: Hot
    unowned(unsafe) let object: Word

    /// -1 when no alias has this key.
    var number: Int32 { hot.number }
    var lists: UInt16 { hot.lists }
    /// Begins with a letter, and its first letter is a capital.
    var isCapitalized: Bool { hot.isCapitalized }

    /// The facts a unit keeps, as plain data: a worker keeps them by word number in a table of
    /// their own (8 bytes a word, side by side), so that making a unit reads neither the word's
    /// object nor its reference count.
    struct Hot: WordLists {
      let number: Int32
      let lists: UInt16
      let isCapitalized: Bool

      init(_ word: Word) {
        number = word.number
        lists = word.lists
        isCapitalized = word.isCapitalized
      }
    }

    var key: String { object.key }
    var letters: Int32 { object.letters }
    var capitals: Int32 { object.capitals }
  }

  /// What a word's flags are computed from: a class, so the facts' miss path captures one
  /// reference rather than a copy of the whole stage; also the owner of the tagger's facts in a
  /// `StageContext`.
  final class WordMaker: Sendable {
    let vocabulary: [String: Int32]
    /// The owner of the workers' tables of `UnitWord.Hot` (this maker owns those of `Word`).
    let hotOwner = CacheOwner()
    /// Per key of the tagger's small word lists, which of them hold it (`Flag` bits): one lookup
    /// for a new word instead of one per list, and none per name candidate afterwards.
    let flags: [String: UInt16]

    /// A word list of the tagger's data (`TaggerData`), as a bit.
    enum Flag: UInt16 {
      case stopword = 0x1
      case connector = 0x2
      case peopleNoun = 0x4
      /// `data.of` or `data.ofThe`.
      case of = 0x8
      /// The last word of a person title.
      case titleEnd = 0x10
      case orgHead = 0x20
      case miscHead = 0x40
      case locHead = 0x80
      case companySuffix = 0x100
      case orgCue = 0x200
      case miscCue = 0x400
      case orgTail = 0x800
      case locativePreposition = 0x1000
      /// What comes before a space in an organization head (`banco` of `banco central`).
      case opensOrgHead = 0x2000
    }

    init(vocabulary: [String: Int32], data: TaggerData) {
      self.vocabulary = vocabulary
      var flags: [String: UInt16] = [:]
      let lists: [(Set<String>, Flag)] = [
        (data.stopwords, .stopword), (data.connectors, .connector),
        (data.peopleNouns, .peopleNoun), (data.of.union(data.ofThe), .of),
        (Set(data.personTitles.compactMap(\.last)), .titleEnd), (data.orgHeads, .orgHead),
        (data.miscHeads, .miscHead), (data.locHeads, .locHead),
        (data.companySuffixes, .companySuffix), (data.orgCues, .orgCue),
        (data.miscCues, .miscCue), (data.orgTails, .orgTail),
        (data.locativePrepositions, .locativePreposition),
      ]
      for (list, flag) in lists {
        for key in list { flags[key, default: 0] |= flag.rawValue }
      }
      // Every part of a head before one of its spaces: a name's first word and the next one
      // are looked up together only when the first can open a head.
      for head in data.orgHeads {
        for space in head.indices where head[space] == " " {
          flags[String(head[..<space]), default: 0] |= Flag.opensOrgHead.rawValue
        }
      }
      self.flags = flags
    }

    /// The word of `surface`, whose matching key is `key`.
    func word(_ surface: ArraySlice<Unicode.Scalar>, key: String) -> Word {
      var letters: Int32 = 0
      var capitals: Int32 = 0
      var firstLetterIsCapital = false
      for c in surface where c.isLetter {
        if letters == 0 { firstLetterIsCapital = c.isUppercaseLetter }
        letters += 1
        if c.isUppercaseLetter { capitals += 1 }
      }
      return Word(
        key: key, number: vocabulary[key] ?? -1,
        isCapitalized: surface.first?.isLetter == true && firstLetterIsCapital, letters: letters,
        capitals: capitals, lists: flags[key] ?? 0)
    }
  }

  /// A unit of matching: a token, or one part of a hyphenated compound.
  ///
  /// There is one a token, so a record of a whole book has millions: offsets and indices are kept
  /// in 32 bits and the word is shared (32 bytes a unit instead of 72; a record's text is far
  /// below 2^31 scalars).
  struct Unit {
    private var start32: Int32
    private var end32: Int32
    /// Not retained: every word lives in the worker's fact table, which keeps it for the whole
    /// of a document's tagging (the table is emptied only before a document starts, and a
    /// document's units do not outlive its tagging). A retained reference cost a retain and a
    /// release at every copy of a unit: a tenth of tagging.
    private unowned(unsafe) var object: Word
    private var sentence32: Int32
    private var token32: Int32
    /// The word's most asked facts, in the room the fields above leave (32 bytes a unit).
    private var hot: UnitWord.Hot
    var fromCompound: Bool

    init(
      start: Int, end: Int, word: Word, hot: UnitWord.Hot, sentence: Int, fromCompound: Bool,
      token: Int
    ) {
      start32 = Int32(truncatingIfNeeded: start)
      end32 = Int32(truncatingIfNeeded: end)
      object = word
      sentence32 = Int32(truncatingIfNeeded: sentence)
      token32 = Int32(truncatingIfNeeded: token)
      self.hot = hot
      self.fromCompound = fromCompound
    }

    var start: Int { Int(start32) }
    var end: Int { Int(end32) }
    var sentence: Int { Int(sentence32) }
    var token: Int { Int(token32) }
    var word: UnitWord { UnitWord(hot: hot, object: object) }
    var key: String { object.key }
  }

  public func process(_ document: inout Document, in context: StageContext) throws(StageError) {
    guard let tokens = document.tokens else {
      throw StageError("tag needs tokens: run tokenize first")
    }
    let entries = context.entries(&document)
    let scalars = document.scalars()
    let sentences = document.sentences ?? [Sentence(start: 0, end: scalars.count)]
    var entities = tag(
      scalars, tokens: tokens, sentences: sentences, entries: entries, context: context)
    Self.addDatelinePlace(&entities, document: document, scalars: scalars)
    if let alignment = document.alignment {
      for i in entities.indices {
        let span = alignment.originalSpan(of: entities[i].span)
        entities[i].originalStart = span.start
        entities[i].originalEnd = span.end
      }
    }
    document.entities = entities
  }

  /// A dateline's place (`meta.dateline`, from `tokenize`) is a place even when no lexicon knows
  /// it: a GPE, unless an entity already covers any of it.
  static func addDatelinePlace(
    _ entities: inout [Entity], document: Document, scalars: [Unicode.Scalar]
  ) {
    guard let line = document.fields["meta"]?.objectValue?["dateline"]?.objectValue,
      let start = line["place_start"]?.intValue, let end = line["place_end"]?.intValue,
      0 <= start, start < end, end <= scalars.count,
      !entities.contains(where: { $0.start < end && start < $0.end })
    else { return }
    let place = Entity(
      start: start, end: end, label: .geopolitical, text: String(scalars: scalars[start..<end]),
      source: .rule, confidence: Confidence.dateline)
    let index = entities.firstIndex { $0.start >= end } ?? entities.count
    entities.insert(place, at: index)
  }

  /// The entities of a tokenized text, sorted and not overlapping.
  public func tag(_ s: [Unicode.Scalar], tokens: [Token], sentences: [Sentence]) -> [Entity] {
    let context = StageContext()
    let entries = tokens.map { context.entry(s, $0.start..<$0.end) }
    return tag(s, tokens: tokens, sentences: sentences, entries: entries, context: context)
  }

  /// Tags the tokens whose word numbers in `context` are `entries`, pass by pass (numbered as in
  /// the type's documentation).
  func tag(
    _ s: [Unicode.Scalar], tokens: [Token], sentences: [Sentence], entries: [Int32],
    context: StageContext
  ) -> [Entity] {
    let units = units(s, tokens: tokens, sentences: sentences, entries: entries, context: context)
    var state = Tagging(covered: [Bool](repeating: false, count: units.count))
    // 1. Lexicon, with 2. context, entity by entity.
    matchLexicon(&state, units: units, s: s)
    if !lexiconOnly {
      // 3. Names around lexicon entries.
      releaseDemonymsInNames(&state, units: units)
      extendSurnamesBackwards(&state, units: units, s: s)
      let (setAside, absorbed) = setAsideContinuedNames(&state, units: units)
      // 4. Heuristic, with 5. coreference.
      let heuristic = heuristicEntities(
        units, s: s, covered: &state.covered, existing: &state.found,
        lexiconUnits: state.lexiconUnits, absorbed: absorbed)
      state.found += heuristic
      // A lexicon name the heuristic did not take into a longer one stays what it was.
      for (entity, range) in setAside where range.allSatisfy({ !state.covered[$0] }) {
        state.found.append(entity)
        for k in range { state.covered[k] = true }
      }
    }
    // 6. Acronyms.
    addAcronyms(&state, units: units, s: s)
    // 7. One entity per stretch of text (the list found is let go: a long text has many).
    let disjoint = Self.disjoint(consuming: &state.found)
    // 8. Institutions.
    return mergeInstitutions(disjoint, units: units, s: s)
  }

  /// What the passes of one document hand on: the entities found so far, the units each lexicon
  /// entity covers (parallel to `found` until the heuristic runs), and which units are taken.
  struct Tagging {
    var found: [Entity] = []
    var lexiconUnits: [Range<Int>] = []
    var covered: [Bool]
  }

  /// The units of matching (tokens, and the parts of compounds no alias has whole), with each
  /// token's sentence.
  func units(
    _ s: [Unicode.Scalar], tokens: [Token], sentences: [Sentence], entries: [Int32],
    context: StageContext
  ) -> [Unit] {
    let maker = words
    let facts = context.facts(for: maker, Word.self)
    let keys = context.matchKeys()
    let hotFacts = context.facts(for: maker.hotOwner, UnitWord.Hot.self)
    func word(_ entry: Int32, _ start: Int, _ end: Int) -> (Unmanaged<Word>, UnitWord.Hot) {
      let object = facts.unretained(entry) {
        maker.word(s[start..<end], key: keys.matchKey(entry, s[start..<end]))
      }
      return (object, hotFacts.value(entry) { object._withUnsafeGuaranteedRef(UnitWord.Hot.init) })
    }
    // Tokens are read by index: a copied token retains and releases its arrays.
    var extraParts = 0
    for t in tokens.indices { extraParts += max(0, (tokens[t].parts?.count ?? 0) - 1) }
    // Room for every unit at once: a growing array of millions would, for a moment, hold its
    // old buffer and one twice as large.
    var units: [Unit] = []
    units.reserveCapacity(tokens.count + extraParts)
    var sentence = 0
    // The words as the fact tables hold them: the object never retained
    // (`WordFacts.unretained`), its most asked facts from their own table.
    var previous: UnitWord.Hot?
    for t in tokens.indices {
      if t % 64 == 0 {
        // The next 64 tokens' facts asked for at once, so that their reads of two tables of a
        // worker's hundred thousand words overlap instead of waiting one by one.
        let ahead = entries[t..<min(t + 64, entries.count)]
        facts.prefetch(ahead)
        hotFacts.prefetch(ahead)
      }
      let (start, end) = (tokens[t].start, tokens[t].end)
      while sentence + 1 < sentences.count && start >= sentences[sentence].end {
        sentence += 1
      }
      let (whole, hot) = word(entries[t], start, end)
      defer { previous = hot }
      // A compound is split into its parts unless some alias has it whole (`Hwasong-17`,
      // `Jae-myung`) or it continues a capitalised name (`Cámara Colombo-Venezolana`).
      guard let parts = tokens[t].parts else {
        units.append(
          whole._withUnsafeGuaranteedRef {
            Unit(
              start: start, end: end, word: $0, hot: hot, sentence: sentence, fromCompound: false,
              token: t)
          })
        continue
      }
      let token = tokens[t]
      let continuesName =
        t > 0 && tokens[t - 1].end + 1 == token.start && tokens[t - 1].kind == .word
        && s[tokens[t - 1].start].isUppercaseLetter
        && previous?.isStopword == false
      // A model designation (`PL-15`, `BTR-80`) is one name, not two.
      if hot.number < 0 && !continuesName && !Self.isDesignation(s[token.start..<token.end]) {
        for part in parts {
          let (piece, pieceHot) = word(
            context.entry(s, part.start..<part.end), part.start, part.end)
          units.append(
            piece._withUnsafeGuaranteedRef {
              Unit(
                start: part.start, end: part.end, word: $0, hot: pieceHot, sentence: sentence,
                fromCompound: true, token: t)
            })
        }
      } else {
        units.append(
          whole._withUnsafeGuaranteedRef {
            Unit(
              start: token.start, end: token.end, word: $0, hot: hot, sentence: sentence,
              fromCompound: false, token: t)
          })
      }
    }
    return units
  }

  /// Entities never overlap: should two passes ever claim the same text, the first one (in text
  /// order, longest first) wins.
  /// Sorts `entities` in place and leaves it empty (its memory is let go before the result grows).
  static func disjoint(consuming entities: inout [Entity]) -> [Entity] {
    entities.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
    var disjoint: [Entity] = []
    disjoint.reserveCapacity(entities.count)
    for entity in entities where disjoint.last.map({ $0.end <= entity.start }) ?? true {
      disjoint.append(entity)
    }
    entities = []
    return disjoint
  }
}

extension EntityTagger.WordLists {
  /// Whether the word list `flag` names holds this word's key.
  @inline(__always) func isIn(_ flag: EntityTagger.WordMaker.Flag) -> Bool {
    lists & flag.rawValue != 0
  }
  /// A word that is capitalised for reasons other than being a name (`El`, `Según`).
  var isStopword: Bool { isIn(.stopword) }
  /// A function word that may sit inside a name (`de`, `del`, `y`).
  var isConnector: Bool { isIn(.connector) }
  /// A plural noun for a group of people (`Analistas`): never the first word of a name.
  var isPeopleNoun: Bool { isIn(.peopleNoun) }
  /// In `data.of` or `data.ofThe` (`de`, `del`): after a title it makes a portfolio, not a name.
  var isOf: Bool { isIn(.of) }
  /// The last word of some person title (`ministro`, `presidente`).
  var endsTitle: Bool { isIn(.titleEnd) }
}
