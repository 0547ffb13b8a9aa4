import PrensaText
import PrensaCore
import Tokenization

/// The tag stage: named entities from lexicons, with rules for context and a heuristic detector
/// for names no lexicon holds.
///
/// Passes, per document:
/// 1. Lexicon: one longest-leftmost pass over the tokens (and the parts of hyphenated compounds)
///    through the compiled trie. Ties on the same span go to the earlier lexicon entry. An alias
///    marked `~` (a surname alone) matches only after its entry was found earlier in the document.
/// 2. Context: capitals and seats of power after a locative preposition are plain places (no
///    `refers_to`; a seat becomes LOC); elsewhere they carry their country (metonymy).
/// 3. Heuristic (unless `lexiconOnly`): capitalised runs no lexicon covers, with Spanish connectors
///    inside (`Banco Popular de China`), typed by cues: a person title before it → PER;
///    `Ministerio`, `Banco`, ... → ORG; `Acuerdo`, `Operación`, ... → MISC; `mar`, `río`, ... →
///    LOC; after `en` → GPE; two or more bare capitalised words → PER. `source: heuristic`.
/// 4. Coreference: the last word of a PER found by the heuristic names the same person later.
/// 5. Acronyms defined in the text, `Nombre Largo (NL)`, name the entity for the rest of the
///    document.
/// 6. Institutions: `Ministerio de Defensa` + `de Japón` is one ORG with Japan's code; a
///    following demonym (`Ejército filipino`) gives the institution its country.
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
    words = WordMaker(
      vocabulary: lexicon.vocabulary, stopwords: data.stopwords, connectors: data.connectors,
      peopleNouns: data.peopleNouns)
  }

  /// What the tagger knows of one surface form: its matching key, the key's number in the
  /// lexicon's vocabulary, and the flags the rules ask about again and again.
  struct Word {
    var key: String
    /// -1 when no alias has this key.
    var number: Int32
    /// Begins with a letter, and its first letter is a capital.
    var isCapitalized: Bool
    /// A word that is capitalised for reasons other than being a name (`El`, `Según`).
    var isStopword: Bool
    /// A function word that may sit inside a name (`de`, `del`, `y`).
    var isConnector: Bool
    /// A plural noun for a group of people (`Analistas`): never the first word of a name.
    var isPeopleNoun: Bool
    /// Its letters, and how many of them are capitals.
    var letters: Int32
    var capitals: Int32
  }

  /// What a word's flags are computed from: a class, so the facts' miss path captures one
  /// reference rather than a copy of the whole stage; also the owner of the tagger's facts in a
  /// `StageContext`.
  final class WordMaker: Sendable {
    let vocabulary: [String: Int32]
    let stopwords: Set<String>
    let connectors: Set<String>
    let peopleNouns: Set<String>

    init(
      vocabulary: [String: Int32], stopwords: Set<String>, connectors: Set<String>,
      peopleNouns: Set<String>
    ) {
      self.vocabulary = vocabulary
      self.stopwords = stopwords
      self.connectors = connectors
      self.peopleNouns = peopleNouns
    }

    func word(_ surface: ArraySlice<Unicode.Scalar>) -> Word {
      let key = MatchKey.key(String(scalars: surface))
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
        isCapitalized: surface.first?.isLetter == true && firstLetterIsCapital,
        isStopword: stopwords.contains(key), isConnector: connectors.contains(key),
        isPeopleNoun: peopleNouns.contains(key),
        letters: letters, capitals: capitals)
    }
  }

  /// A unit of matching: a token, or one part of a hyphenated compound.
  struct Unit {
    var start: Int
    var end: Int
    var word: Word
    var sentence: Int
    var fromCompound: Bool
    var token: Int

    var key: String { word.key }
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
      start: start, end: end, label: "GPE", text: String(scalars: scalars[start..<end]),
      source: "rule", confidence: Confidence.dateline)
    let index = entities.firstIndex { $0.start >= end } ?? entities.count
    entities.insert(place, at: index)
  }

  /// The entities of a tokenized text, sorted and not overlapping.
  public func tag(_ s: [Unicode.Scalar], tokens: [Token], sentences: [Sentence]) -> [Entity] {
    let context = StageContext()
    let entries = tokens.map { context.entry(s, $0.start..<$0.end) }
    return tag(s, tokens: tokens, sentences: sentences, entries: entries, context: context)
  }

  /// Tags the tokens whose word numbers in `context` are `entries`.
  func tag(
    _ s: [Unicode.Scalar], tokens: [Token], sentences: [Sentence], entries: [Int32],
    context: StageContext
  ) -> [Entity] {
    let maker = words
    let facts = context.facts(for: maker, Word.self)
    func word(_ entry: Int32, _ start: Int, _ end: Int) -> Word {
      facts.value(entry) { maker.word(s[start..<end]) }
    }
    // Units, with each token's sentence.
    var units: [Unit] = []
    units.reserveCapacity(tokens.count)
    var sentence = 0
    var previous: Word?
    for (t, token) in tokens.enumerated() {
      while sentence + 1 < sentences.count && token.start >= sentences[sentence].end {
        sentence += 1
      }
      let whole = word(entries[t], token.start, token.end)
      defer { previous = whole }
      // A compound is split into its parts unless some alias has it whole (`Hwasong-17`,
      // `Jae-myung`) or it continues a capitalised name (`Cámara Colombo-Venezolana`).
      guard let parts = token.parts else {
        units.append(
          Unit(
            start: token.start, end: token.end, word: whole, sentence: sentence,
            fromCompound: false, token: t))
        continue
      }
      let continuesName =
        t > 0 && tokens[t - 1].end + 1 == token.start && tokens[t - 1].kind == .word
        && s[tokens[t - 1].start].isUppercaseLetter && previous?.isStopword == false
      // A model designation (`PL-15`, `BTR-80`) is one name, not two.
      if whole.number < 0 && !continuesName && !Self.isDesignation(s[token.start..<token.end]) {
        for part in parts {
          units.append(
            Unit(
              start: part.start, end: part.end,
              word: word(context.entry(s, part.start..<part.end), part.start, part.end),
              sentence: sentence, fromCompound: true, token: t))
        }
      } else {
        units.append(
          Unit(
            start: token.start, end: token.end, word: whole, sentence: sentence,
            fromCompound: false, token: t))
      }
    }
    var found: [Entity] = []
    var seenEntries = Set<Int32>()
    var covered = [Bool](repeating: false, count: units.count)
    var lexiconUnits: [Range<Int>] = []

    // 1. Lexicon, longest-leftmost.
    var i = 0
    while i < units.count {
      guard let (end, pattern, losers) = longestMatch(units, from: i, s: s, seen: seenEntries)
      else {
        i += 1
        continue
      }
      let entryIndex = lexicon.patterns[Int(pattern)].entry
      let entry = lexicon.entries[Int(entryIndex)]
      // A language is not an entity (`en inglés`, `el idioma español`): a demonym as listed
      // (masculine singular, not an inflected form) right after `en`, `idioma` or `lengua`.
      if entry.label == "NORP", end == i + 1, i > 0, units[i - 1].sentence == units[i].sentence,
        data.languageMarkers.contains(units[i - 1].key),
        entry.aliases.contains(where: { MatchKey.key($0.text) == units[i].key })
      {
        i = end
        continue
      }
      var entity = makeEntity(entryIndex, start: units[i].start, end: units[end - 1].end, s: s)
      seenEntries.insert(lexicon.patterns[Int(pattern)].entry)
      applyContext(&entity, entry: entry, before: i, units: units)
      if explain && !losers.isEmpty {
        entity.extra["explain"] = .array(
          losers.map { .object(JSONObject([("id", .string($0.0)), ("reason", .string($0.1))])) })
      }
      found.append(entity)
      lexiconUnits.append(i..<end)
      for k in i..<end { covered[k] = true }
      i = end
    }
    if !lexiconOnly {
      // A capitalised demonym right after a capitalised word is part of a name
      // (`Agencia Espacial Egipcia`, `Gran Presa del Renacimiento Etíope`), not a NORP; so is
      // one right before a capitalised word (`Cristiano Ronaldo`).
      var keep = [Bool](repeating: true, count: found.count)
      for (index, range) in lexiconUnits.enumerated() where found[index].label == "NORP" {
        let k = range.lowerBound
        let next = range.upperBound
        let afterName =
          k > 0 && units[k - 1].sentence == units[k].sentence
          && (units[k - 1].end + 1 == units[k].start || units[k].fromCompound)
          && units[k - 1].word.isCapitalized && !units[k - 1].word.isStopword
        let beforeName =
          next < units.count && units[next].sentence == units[k].sentence
          && units[next].start == units[next - 1].end + 1
          && units[next].word.isCapitalized && !units[next].word.isStopword
          && !units[next].fromCompound
        if units[k].word.isCapitalized && (afterName || beforeName) {
          keep[index] = false
          for u in range { covered[u] = false }
        }
      }
      // A known surname after an unknown capitalised first name: one person
      // (`Wladyslaw Kosiniak-Kamysz`).
      for (index, range) in lexiconUnits.enumerated()
      where keep[index] && found[index].label == "PER" {
        var k = range.lowerBound
        while k > 0, !covered[k - 1], units[k - 1].sentence == units[k].sentence,
          units[k - 1].end + 1 == units[k].start,
          units[k - 1].word.isCapitalized, !units[k - 1].word.isStopword,
          !isTitle([units[k - 1].key])
        {
          k -= 1
        }
        if k < range.lowerBound {
          for u in k..<range.lowerBound { covered[u] = true }
          found[index].start = units[k].start
          found[index].text = String(scalars: s[found[index].start..<found[index].end])
          lexiconUnits[index] = k..<range.upperBound
        }
      }
      found = zip(found, keep).filter(\.1).map(\.0)
      lexiconUnits = zip(lexiconUnits, keep).filter(\.1).map(\.0)
      // A lexicon name followed by more capitalised words is part of a longer name
      // (`Comisión Metrosur`, `Perú Posible`, `Policía Federal Preventiva`): give the whole run to
      // the heuristic, remembering what the absorbed part was.
      var absorbed = [String?](repeating: nil, count: units.count)
      var kept: [Entity] = []
      var keptUnits: [Range<Int>] = []
      var setAside: [(Entity, Range<Int>)] = []
      for (entity, range) in zip(found, lexiconUnits) {
        let next = range.upperBound
        let continues =
          entity.label != "PER" && entity.label != "NORP" && next < units.count && !covered[next]
          && units[next].sentence == units[range.lowerBound].sentence
          && units[next].start == units[next - 1].end + 1
          && units[next].word.isCapitalized && !units[next].word.isStopword
        if continues {
          for k in range {
            covered[k] = false
            absorbed[k] = entity.label
          }
          setAside.append((entity, range))
        } else {
          kept.append(entity)
          keptUnits.append(range)
        }
      }
      found = kept
      found += heuristicEntities(
        units, s: s, covered: &covered, existing: &found, lexiconUnits: keptUnits,
        absorbed: absorbed)
      // A lexicon name the heuristic did not take into a longer one stays what it was.
      for (entity, range) in setAside where range.allSatisfy({ !covered[$0] }) {
        found.append(entity)
        for k in range { covered[k] = true }
      }
    }
    let (acronyms, defined) = acronymEntities(units, s: s, covered: &covered, existing: found)
    found += acronyms
    // A later bare acronym that the heuristic typed on its own takes its definition's label.
    for k in found.indices where found[k].source == "heuristic" {
      if let definition = defined[found[k].text], definition.end <= found[k].start {
        found[k].label = definition.label
        found[k].id = definition.id
        found[k].refersTo = definition.refersTo
        found[k].source = "acronym"
        found[k].confidence = definition.confidence
      }
    }
    found.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
    // Entities never overlap: should two passes ever claim the same text, the first one wins.
    var disjoint: [Entity] = []
    for entity in found where disjoint.last.map({ $0.end <= entity.start }) ?? true {
      disjoint.append(entity)
    }
    return mergeInstitutions(disjoint, units: units, s: s)
  }

  // MARK: - Lexicon matching

  /// The longest valid match starting at unit `i`: its end (exclusive) and pattern, and for
  /// `--explain`, the candidates that lost.
  private func longestMatch(_ units: [Unit], from i: Int, s: [Unicode.Scalar], seen: Set<Int32>)
    -> (Int, Int32, [(String, String)])?
  {
    var node: Int32 = 0
    var best: (Int, Int32)?
    var losers: [(String, String)] = []
    var j = i
    while j < units.count && units[j].sentence == units[i].sentence,
      let next = lexicon.child(node, number: units[j].word.number)
    {
      node = next
      j += 1
      var chosen: Int32?
      for p in lexicon.outputs[Int(node)] {
        let pattern = lexicon.patterns[Int(p)]
        let id = lexicon.entries[Int(pattern.entry)].id
        if let reason = rejection(pattern, units: units, from: i, to: j, s: s, seen: seen) {
          if explain { losers.append((id, reason)) }
          continue
        }
        if chosen == nil {
          chosen = p
        } else if explain, let first = chosen, lexicon.patterns[Int(first)].entry != pattern.entry {
          // Two spellings of one entry (`Putin`, `Putín`) are not competitors.
          losers.append((id, "lower priority: later in lexicon order"))
        }
      }
      if let chosen {
        if explain, let previous = best {
          losers.append(
            (lexicon.entries[Int(lexicon.patterns[Int(previous.1)].entry)].id, "shorter match"))
        }
        best = (j, chosen)
      }
    }
    guard let best else { return nil }
    return (best.0, best.1, losers)
  }

  /// Why `pattern` cannot match units `i..<j`, or nil when it can.
  private func rejection(
    _ pattern: CompiledLexicon.Pattern, units: [Unit], from i: Int, to j: Int, s: [Unicode.Scalar],
    seen: Set<Int32>
  )
    -> String?
  {
    for (k, rule) in pattern.cases.enumerated()
    where !CompiledLexicon.satisfies(rule, s[units[i + k].start..<units[i + k].end]) {
      return rule == .allCaps
        ? "case: the alias is an acronym in capitals" : "case: the alias needs a capital letter"
    }
    if pattern.needsAntecedent && !seen.contains(pattern.entry) {
      return "no antecedent: the full name has not appeared yet"
    }
    if pattern.combiningOnly && !(i..<j).allSatisfy({ units[$0].fromCompound }) {
      return "combining form outside a compound"
    }
    // A match may not cut a compound token in the middle of a word other than at its parts.
    return nil
  }

  private func makeEntity(_ entry: Int32, start: Int, end: Int, s: [Unicode.Scalar]) -> Entity {
    let fileName = lexicon.fileNames[Int(entry)]
    let entry = lexicon.entries[Int(entry)]
    return Entity(
      start: start, end: end, label: entry.label, text: String(scalars: s[start..<end]),
      id: entry.id,
      source: "lexicon", lexicon: fileName,
      confidence: Confidence.lexicon,
      refersTo: entry.label == "PER" || entry.label == "MISC" || entry.label == "LOC"
        ? nil : entry.refersTo)
  }

  /// Metonymy: a capital or seat of power after a locative preposition is a plain place.
  private func applyContext(
    _ entity: inout Entity, entry: LexiconEntry, before i: Int, units: [Unit]
  ) {
    // `el Barcelona`, `del Madrid`, `al Valencia`: a city after a masculine article is its club.
    if entry.id.hasPrefix("GPE:city:") || entry.id.hasPrefix("GPE:capital:"), i > 0,
      units[i - 1].sentence == units[i].sentence, data.masculineArticles.contains(units[i - 1].key)
    {
      entity.label = "ORG"
      entity.refersTo = nil
      entity.source = "rule"
      return
    }
    guard entry.flags.contains("capital") || entry.flags.contains("seat") else { return }
    var k = i - 1
    if k >= 0 && data.articles.contains(units[k].key) { k -= 1 }
    let locative =
      k >= 0 && units[k].sentence == units[i].sentence
      && data.locativePrepositions.contains(units[k].key)
    guard locative else { return }
    entity.refersTo = nil
    if entry.flags.contains("seat") { entity.label = "LOC" }
  }

  // MARK: - Heuristic detector

  private func isShouting(_ units: [Unit], sentence: Int, from first: Int) -> Bool {
    var letters = 0
    var upper = 0
    var k = first
    while k > 0 && units[k - 1].sentence == sentence { k -= 1 }
    while k < units.count && units[k].sentence == sentence {
      letters += Int(units[k].word.letters)
      upper += Int(units[k].word.capitals)
      k += 1
    }
    return letters > 12 && upper * 10 >= letters * 8
  }

  private func heuristicEntities(
    _ units: [Unit], s: [Unicode.Scalar], covered: inout [Bool], existing: inout [Entity],
    lexiconUnits: [Range<Int>], absorbed initialAbsorbed: [String?]
  ) -> [Entity] {
    var absorbed = initialAbsorbed
    var result: [Entity] = []
    // Lexicon entities by their first unit, so `X de <place>` can take the place in.
    var entityAt: [Int: Int] = [:]
    for (index, range) in lexiconUnits.enumerated() { entityAt[range.lowerBound] = index }
    var removed = Set<Int>()
    var shoutingCache: [Int: Bool] = [:]
    var i = 0
    while i < units.count {
      guard !covered[i], units[i].word.isCapitalized, !units[i].word.isStopword,
        !units[i].word.isPeopleNoun
      else {
        i += 1
        continue
      }
      let sentence = units[i].sentence
      let shouting = shoutingCache[sentence] ?? isShouting(units, sentence: sentence, from: i)
      shoutingCache[sentence] = shouting
      if shouting {
        i += 1
        continue
      }
      // Extend over capitalised words and connectors followed by a capitalised word.
      var j = i + 1
      var last = i
      while j < units.count && units[j].sentence == sentence && !covered[j] {
        if units[j].word.isCapitalized && !units[j].word.isStopword {
          last = j
          j += 1
        } else if units[j].word.isConnector && !units[j].word.isCapitalized {
          j += 1
        } else if data.of.contains(units[j].key) || data.ofThe.contains(units[j].key),
          j == last + 1,
          j + 1 < units.count,
          let index = entityAt[j + 1]
            ?? (data.articles.contains(units[j + 1].key) && j + 2 < units.count
              && hasHead(units[i].key)
              ? entityAt[j + 2] : nil),
          !removed.contains(index),
          ["GPE", "LOC"].contains(existing[index].label)
            || (existing[index].label == "ORG" && hasHead(units[i].key)),
          !isTitle(units[i..<(last + 1)].map(\.key))
        {
          // `Inter de Milán`, `Universidad de Chile`, `Estadio de Francia`: one name.
          removed.insert(index)
          for k in lexiconUnits[index] {
            covered[k] = false
            absorbed[k] = existing[index].label
          }
          last = lexiconUnits[index].upperBound - 1
          j = last + 1
        } else {
          break
        }
      }
      let end = last + 1
      defer { i = max(end, i + 1) }
      let isSentenceStart =
        i == 0 || units[i - 1].sentence != sentence || Self.isOpening(s[units[i - 1].start])
      let count = end - i
      let absorbedLabels = Set(absorbed[i..<end].compactMap { $0 })
      var end2 = end
      // Model numbers belong to the name of a thing (`Chang'e 6`, `Mosi III`).
      guard
        var (label, confidence) = classify(
          units, i, end, s: s, sentenceStart: isSentenceStart, absorbed: absorbedLabels)
      else {
        continue
      }
      // A single word at the start of a sentence is capitalised anyway: only a cue makes it a name.
      if count == 1 && isSentenceStart && confidence < Confidence.cue { continue }
      var first = i
      if let head = featureHead(units, before: i, s), !covered[head] {
        first = head
        label = "LOC"
        confidence = Confidence.cue
      }
      if label == "MISC", end2 < units.count, !covered[end2], units[end2].sentence == sentence,
        isModelNumber(units[end2], s)
      {
        end2 += 1
      }
      let entity = Entity(
        start: units[first].start, end: units[end2 - 1].end, label: label,
        text: String(scalars: s[units[first].start..<units[end2 - 1].end]),
        source: "heuristic", confidence: confidence)
      result.append(entity)
      for k in first..<end2 { covered[k] = true }
    }
    // Lexicon entities that became part of a longer name leave the list; any absorbed unit the
    // heuristic did not claim goes back to its lexicon entity.
    existing = existing.enumerated().filter {
      !removed.contains($0.offset) || lexiconUnits[$0.offset].allSatisfy { !covered[$0] }
    }.map(
      \.element)
    for index in removed where lexiconUnits[index].allSatisfy({ !covered[$0] }) {
      for k in lexiconUnits[index] { covered[k] = true }
    }
    // Coreference: the last word of a multiword PER names the same person afterwards.
    var aliases: [String: Entity] = [:]
    for entity in (existing + result).sorted(by: { $0.start < $1.start })
    where entity.label == "PER" {
      let words = entity.text.split(separator: " ")
      if words.count >= 2, let last = words.last { aliases[MatchKey.key(String(last))] = entity }
    }
    if !aliases.isEmpty {
      for (k, unit) in units.enumerated() where !covered[k] && unit.word.isCapitalized {
        guard let antecedent = aliases[unit.key], antecedent.end <= unit.start else { continue }
        if k + 1 < units.count && !covered[k + 1] && units[k + 1].word.isCapitalized
          && units[k + 1].start == unit.end + 1
        {
          continue
        }
        result.append(
          Entity(
            start: unit.start, end: unit.end, label: "PER",
            text: String(scalars: s[unit.start..<unit.end]),
            id: antecedent.id, source: "coreference",
            confidence: (antecedent.confidence ?? Confidence.unknown) * Confidence.coreferenceFactor
          ))
        covered[k] = true
      }
    }
    return result
  }

  static func isOpening(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "«", "“", "\"", "(", "¿", "¡", "—", "-", ":", "'", "‘": true
    default: false
    }
  }

  /// The label and confidence of a capitalised run, or nil to leave it alone.
  private func classify(
    _ units: [Unit], _ i: Int, _ end: Int, s: [Unicode.Scalar], sentenceStart: Bool,
    absorbed: Set<String>
  ) -> (
    String, Double
  )? {
    let first = units[i].key
    let keys = units[i..<end].map(\.key)
    let hasConnector = keys.contains { data.connectors.contains($0) }
    if data.orgHeads.contains(first)
      || (end - i >= 2 && data.orgHeads.contains(keys.prefix(2).joined(separator: " ")))
    {
      return ("ORG", Confidence.cue)
    }
    if data.miscHeads.contains(first) { return end - i >= 2 ? ("MISC", Confidence.weakCue) : nil }
    if data.locHeads.contains(first) { return end - i >= 2 ? ("LOC", Confidence.weakCue) : nil }
    if let suffix = keys.last, data.companySuffixes.contains(suffix) {
      return ("ORG", Confidence.cue)
    }
    let previous = i > 0 && units[i - 1].sentence == units[i].sentence ? units[i - 1].key : nil
    if let previous, data.orgCues.contains(previous) { return ("ORG", Confidence.cue) }
    if let previous, data.miscCues.contains(previous) { return ("MISC", Confidence.cue) }
    if let label = placeCue(units, before: i) { return (label, Confidence.cue) }
    if let tail = keys.last, data.orgTails.contains(tail) { return ("ORG", Confidence.weakCue) }
    if end - i == 1 && isDesignation(units[i], s) { return ("MISC", Confidence.unknown) }
    if !absorbed.isEmpty { return ("ORG", Confidence.guess) }
    if precededByTitle(units, i) { return ("PER", Confidence.title) }
    if end - i == 1 {
      let surface = s[units[i].start..<units[i].end]
      let letters = surface.filter { $0.isLetter }
      if letters.count >= 2 && letters.count <= 6 && letters.allSatisfy({ $0.isUppercaseLetter }) {
        return ("ORG", Confidence.guess)
      }
      if let previous, data.locativePrepositions.contains(previous) {
        return ("GPE", Confidence.guess)
      }
      return nil
    }
    // `Juan de Garay`, `Pablo Hermoso de Mendoza`: a given name opens a person's name.
    if lexicon.givenNames.contains(first) { return ("PER", Confidence.weakCue) }
    if hasConnector { return ("MISC", Confidence.connectedName) }
    return ("PER", Confidence.unknown)
  }

  /// How sure the tagger is of an entity, by what found it (the `confidence` of the output).
  enum Confidence {
    /// A lexicon entry matched.
    static let lexicon = 0.95
    /// The place of a dateline no lexicon knows (`TEGUCIGALPA, 3 may (EFE).-`).
    static let dateline = 0.8
    /// A title before a name (`el presidente X`).
    static let title = 0.7
    /// A head word that opens the name (`Ministerio de …`), a company suffix, or a cue word or
    /// place cue before it.
    static let cue = 0.6
    /// A weaker head (a MISC or LOC head, an ORG tail) or a given name opening the run.
    static let weakCue = 0.55
    /// A capitalised run with nothing else to go on (also a model designation).
    static let unknown = 0.5
    /// An all-capitals short word, a name after a locative preposition, a run that absorbed an
    /// acronym.
    static let guess = 0.45
    /// A run held together by a connector (`de`, `del`) with no other evidence.
    static let connectedName = 0.35
    /// A later mention of a person keeps this share of its antecedent's confidence.
    static let coreferenceFactor = 0.9
    /// An acronym defined in parentheses is at most this sure.
    static let acronymCeiling = 0.8
  }

  private func hasHead(_ key: String) -> Bool {
    data.orgHeads.contains(key) || data.miscHeads.contains(key) || data.locHeads.contains(key)
  }

  /// The unit of a lower-case feature noun that starts a LOC before unit `i`: `mar Arábigo`,
  /// `estrecho de Taiwán`, `salar de Atacama`.
  private func featureHead(_ units: [Unit], before i: Int, _ s: [Unicode.Scalar]) -> Int? {
    var k = i - 1
    guard k >= 0, units[k].sentence == units[i].sentence else { return nil }
    if data.of.contains(units[k].key) || data.ofThe.contains(units[k].key) {
      k -= 1
    } else if k >= 1, data.feminineArticles.contains(units[k].key),
      data.of.contains(units[k - 1].key)
    {
      k -= 2
    }
    guard k >= 0, units[k].sentence == units[i].sentence, data.featureHeads.contains(units[k].key),
      s[units[k].start].isLowercaseLetter
    else { return nil }
    return k
  }

  /// `provincia de X` → GPE, `base aérea de X` → LOC: the label a place cue gives unit `i`.
  private func placeCue(_ units: [Unit], before i: Int) -> String? {
    guard i >= 2, data.of.contains(units[i - 1].key), units[i - 2].sentence == units[i].sentence
    else {
      return nil
    }
    if let label = data.placeCues[units[i - 2].key] { return label }
    // Two-word cues: `base aérea`, `base naval`.
    if i >= 3, let label = data.placeCues[units[i - 3].key],
      units[i - 3].sentence == units[i].sentence,
      units[i - 2].key.first?.isLetter == true
    {
      return label
    }
    return nil
  }

  /// `PL-15`, `J-10C`, `KN-23`: capitals, a hyphen and a number name a model (MISC).
  private func isDesignation(_ unit: Unit, _ s: [Unicode.Scalar]) -> Bool {
    Self.isDesignation(s[unit.start..<unit.end])
  }

  static func isDesignation(_ surface: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let hyphen = surface.firstIndex(of: "-"), hyphen - surface.startIndex >= 1,
      hyphen - surface.startIndex <= 4,
      hyphen + 1 < surface.endIndex
    else { return false }
    return surface[..<hyphen].allSatisfy { $0.isUppercaseLetter }
      && surface[hyphen + 1].properties.numericType != nil
  }

  /// A number or Roman numeral right after a name (`6`, `III`).
  private func isModelNumber(_ unit: Unit, _ s: [Unicode.Scalar]) -> Bool {
    let surface = s[unit.start..<unit.end]
    if surface.allSatisfy({ $0.properties.numericType != nil }) { return surface.count <= 3 }
    return surface.count <= 4 && surface.allSatisfy { "IVX".unicodeScalars.contains($0) }
  }

  private func isTitle(_ keys: [String]) -> Bool {
    data.titlesByLastWord[keys.last ?? ""]?.contains { $0 == keys } ?? false
  }

  /// A person title within the four units before `i` (`el presidente ruso, Vladimir ...`).
  private func precededByTitle(_ units: [Unit], _ i: Int) -> Bool {
    // `ministro de Defensa`: a capital after `title de` is a portfolio, not a name.
    if i >= 1, data.of.contains(units[i - 1].key) || data.ofThe.contains(units[i - 1].key) {
      return false
    }
    var k = i - 1
    var steps = 0
    while k >= 0 && steps < 4 && units[k].sentence == units[i].sentence {
      // `ministro de Minas y Energía`: a `de` between a title and the name makes it a portfolio.
      if data.of.contains(units[k].key) || data.ofThe.contains(units[k].key) { return false }
      for title in data.titlesByLastWord[units[k].key] ?? [] where title.count <= k + 1 {
        if zip(title.reversed(), units[(k + 1 - title.count)...k].reversed()).allSatisfy({
          $0 == $1.key
        }) {
          return true
        }
      }
      k -= 1
      steps += 1
    }
    return false
  }

  // MARK: - Acronyms

  /// `Acuerdo de Acceso Recíproco (RAA)`: the acronym gets the entity's label and id here and
  /// wherever it appears later in the document.
  private func acronymEntities(
    _ units: [Unit], s: [Unicode.Scalar], covered: inout [Bool], existing: [Entity]
  ) -> (
    [Entity], [String: Entity]
  ) {
    var result: [Entity] = []
    var defined: [String: Entity] = [:]
    let byEnd = Dictionary(existing.map { ($0.end, $0) }, uniquingKeysWith: { a, _ in a })
    for k in 0..<units.count {
      // Definition: entity, "(", ACRONYM, ")".
      if k >= 1, k + 1 < units.count, s[units[k - 1].start] == "(",
        units[k - 1].end - units[k - 1].start == 1,
        s[units[k + 1].start] == ")", k >= 2, let owner = byEnd[units[k - 2].end], !covered[k],
        isAcronym(units[k], s),
        owner.label != "PER", owner.text.contains(" ")
      {
        let entity = Entity(
          start: units[k].start, end: units[k].end, label: owner.label,
          text: String(scalars: s[units[k].start..<units[k].end]), id: owner.id,
          source: "acronym",
          confidence: min(owner.confidence ?? Confidence.unknown, Confidence.acronymCeiling),
          refersTo: owner.refersTo
        )
        defined[entity.text] = entity
        result.append(entity)
        covered[k] = true
        continue
      }
      if !covered[k], !defined.isEmpty,
        let definition = defined[String(scalars: s[units[k].start..<units[k].end])],
        definition.end <= units[k].start
      {
        var entity = definition
        entity.start = units[k].start
        entity.end = units[k].end
        result.append(entity)
        covered[k] = true
      }
    }
    return (result, defined)
  }

  private func isAcronym(_ unit: Unit, _ s: [Unicode.Scalar]) -> Bool {
    let surface = s[unit.start..<unit.end]
    let letters = surface.filter { $0.isLetter }
    return letters.count >= 2 && surface.count <= 10
      && letters.filter({ $0.isUppercaseLetter }).count * 2 > letters.count
  }

  // MARK: - Institutions

  /// Joins `Institution` + `de` (+ article) + country into one ORG; gives an institution the
  /// country of a demonym right after it.
  private func mergeInstitutions(_ entities: [Entity], units: [Unit], s: [Unicode.Scalar])
    -> [Entity]
  {
    guard entities.count >= 2 else { return entities }
    // Units are in text order and do not overlap, so both their starts and their ends increase.
    func unit(where position: (Unit) -> Int, is target: Int) -> Int? {
      var low = 0
      var high = units.count
      while low < high {
        let middle = (low + high) / 2
        if position(units[middle]) < target { low = middle + 1 } else { high = middle }
      }
      return low < units.count && position(units[low]) == target ? low : nil
    }
    let unitAtStart = { (start: Int) in unit(where: \.start, is: start) }
    let unitAtEnd = { (end: Int) in unit(where: \.end, is: end) }
    var result: [Entity] = []
    var i = 0
    while i < entities.count {
      var current = entities[i]
      if let firstUnit = unitAtStart(current.start) {
        // `estrecho de Taiwán`: a feature noun before a known place makes one LOC.
        if ["GPE", "LOC"].contains(current.label),
          let head = featureHead(units, before: firstUnit, s),
          result.last.map({ $0.end <= units[head].start }) ?? true
        {
          current.start = units[head].start
          current.label = "LOC"
          current.refersTo = nil
          current.text = String(scalars: s[current.start..<current.end])
        }
      }
      if current.label == "MISC", let lastUnit = unitAtEnd(current.end), lastUnit + 1 < units.count,
        units[lastUnit + 1].sentence == units[lastUnit].sentence,
        units[lastUnit + 1].start == current.end + 1,
        isModelNumber(units[lastUnit + 1], s),
        i + 1 >= entities.count || entities[i + 1].start >= units[lastUnit + 1].end
      {
        current.end = units[lastUnit + 1].end
        current.text = String(scalars: s[current.start..<current.end])
      }
      let institutional =
        current.label == "ORG" && (current.source == "heuristic" || isInstitution(current))
      if institutional, i + 1 < entities.count, let endUnit = unitAtEnd(current.end),
        let nextUnit = unitAtStart(entities[i + 1].start),
        nextUnit > endUnit
      {
        let next = entities[i + 1]
        let between = (endUnit + 1)..<nextUnit
        let keys = between.map { units[$0].key }
        let linked =
          !keys.isEmpty && data.of.contains(keys[0])
          && keys.dropFirst().allSatisfy({ data.articles.contains($0) })
          || (keys.count == 1 && data.ofThe.contains(keys[0]))
        if linked && next.label == "GPE" && units[endUnit].sentence == units[nextUnit].sentence {
          current.end = next.end
          current.text = String(scalars: s[current.start..<current.end])
          current.refersTo = next.refersTo ?? current.refersTo
          current.id = current.source == "heuristic" ? nil : current.id
          result.append(current)
          i += 2
          continue
        }
        if between.isEmpty && next.label == "NORP", current.refersTo == nil {
          current.refersTo = next.refersTo
        }
        // `la Administración Trump`: an institution named after its leader is one ORG.
        if between.isEmpty && next.label == "PER" && isInstitution(current)
          && !next.text.contains(" ")
        {
          current.end = next.end
          current.text = String(scalars: s[current.start..<current.end])
          current.id = nil
          result.append(current)
          i += 2
          continue
        }
      }
      result.append(current)
      i += 1
    }
    return result
  }

  private func isInstitution(_ entity: Entity) -> Bool {
    guard let id = entity.id else { return false }
    return id.hasPrefix("ORG:inst:")
  }
}
