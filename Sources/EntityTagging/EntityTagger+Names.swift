import PrensaCore
import PrensaText

extension EntityTagger {
  // MARK: - Names around lexicon entries

  /// Pass 3a: a capitalised demonym next to a capitalised word is part of a name, not a NORP:
  /// its entity is dropped and its words left to the heuristic.
  func releaseDemonymsInNames(_ state: inout Tagging, units: [Unit]) {
    // A capitalised demonym right after a capitalised word is part of a name
    // (`Agencia Espacial Egipcia`, `Gran Presa del Renacimiento Etíope`), not a NORP; so is
    // one right before a capitalised word (`Cristiano Ronaldo`).
    var keep = [Bool](repeating: true, count: state.found.count)
    for (index, range) in state.lexiconUnits.enumerated()
    where state.found[index].label == .nationality {
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
        for u in range { state.covered[u] = false }
      }
    }
    state.found = zip(state.found, keep).filter(\.1).map(\.0)
    state.lexiconUnits = zip(state.lexiconUnits, keep).filter(\.1).map(\.0)
  }

  /// Pass 3b: a known surname after unknown capitalised first names takes them in.
  func extendSurnamesBackwards(_ state: inout Tagging, units: [Unit], s: [Unicode.Scalar]) {
    // A known surname after an unknown capitalised first name: one person
    // (`Wladyslaw Kosiniak-Kamysz`).
    for (index, range) in state.lexiconUnits.enumerated()
    where state.found[index].label == .person {
      var k = range.lowerBound
      while k > 0, !state.covered[k - 1], units[k - 1].sentence == units[k].sentence,
        units[k - 1].end + 1 == units[k].start,
        units[k - 1].word.isCapitalized, !units[k - 1].word.isStopword,
        !isTitle([units[k - 1].key])
      {
        k -= 1
      }
      if k < range.lowerBound {
        for u in k..<range.lowerBound { state.covered[u] = true }
        state.found[index].start = units[k].start
        state.found[index].text = String(
          scalars: s[state.found[index].start..<state.found[index].end])
        state.lexiconUnits[index] = k..<range.upperBound
      }
    }
  }

  /// Pass 3c: lexicon names that more capitalised words continue are set aside for the
  /// heuristic; returns them, and per unit the label of the name it was part of.
  func setAsideContinuedNames(_ state: inout Tagging, units: [Unit]) -> (
    setAside: [(Entity, Range<Int>)], absorbed: [Int: EntityLabel]
  ) {
    // A lexicon name followed by more capitalised words is part of a longer name
    // (`Comisión Metrosur`, `Perú Posible`, `Policía Federal Preventiva`): give the whole run to
    // the heuristic, remembering what the absorbed part was.
    // By unit; few units are absorbed, and a long text has millions of units.
    var absorbed: [Int: EntityLabel] = [:]
    var kept: [Entity] = []
    var keptUnits: [Range<Int>] = []
    var setAside: [(Entity, Range<Int>)] = []
    for (entity, range) in zip(state.found, state.lexiconUnits) {
      let next = range.upperBound
      let continues =
        entity.label != .person && entity.label != .nationality && next < units.count
        && !state.covered[next]
        && units[next].sentence == units[range.lowerBound].sentence
        && units[next].start == units[next - 1].end + 1
        && units[next].word.isCapitalized && !units[next].word.isStopword
      if continues {
        for k in range {
          state.covered[k] = false
          absorbed[k] = entity.label
        }
        setAside.append((entity, range))
      } else {
        kept.append(entity)
        keptUnits.append(range)
      }
    }
    state.found = kept
    state.lexiconUnits = keptUnits
    return (setAside, absorbed)
  }

  // MARK: - Heuristic detector

  func isShouting(_ units: [Unit], sentence: Int, from first: Int) -> Bool {
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

  func heuristicEntities(
    _ units: [Unit], s: [Unicode.Scalar], covered: inout [Bool], existing: inout [Entity],
    lexiconUnits: [Range<Int>], absorbed initialAbsorbed: [Int: EntityLabel]
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
        } else if units[j].word.isOf,
          j == last + 1,
          j + 1 < units.count,
          let index = entityAt[j + 1]
            ?? (data.articles.contains(units[j + 1].key) && j + 2 < units.count
              && hasHead(units[i].word)
              ? entityAt[j + 2] : nil),
          !removed.contains(index),
          [.geopolitical, .location].contains(existing[index].label)
            || (existing[index].label == .organization && hasHead(units[i].word)),
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
      let absorbedLabels = Set((i..<end).compactMap { absorbed[$0] })
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
        label = .location
        confidence = Confidence.cue
      }
      if label == .miscellaneous, end2 < units.count, !covered[end2],
        units[end2].sentence == sentence,
        isModelNumber(units[end2], s)
      {
        end2 += 1
      }
      let entity = Entity(
        start: units[first].start, end: units[end2 - 1].end, label: label,
        text: String(scalars: s[units[first].start..<units[end2 - 1].end]),
        source: .heuristic, confidence: confidence)
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
    where entity.label == .person {
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
            start: unit.start, end: unit.end, label: .person,
            text: String(scalars: s[unit.start..<unit.end]),
            id: antecedent.id, source: .coreference,
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
  func classify(
    _ units: [Unit], _ i: Int, _ end: Int, s: [Unicode.Scalar], sentenceStart: Bool,
    absorbed: Set<EntityLabel>
  ) -> (
    EntityLabel, Double
  )? {
    let first = units[i].key
    // `isConnector` is `data.connectors`' answer, looked up once per word.
    let hasConnector = units[i..<end].contains { $0.word.isConnector }
    // The word lists are read from each word's flags (`Word.isIn`), found once per word.
    let head = units[i].word
    if head.isIn(.orgHead)
      || (end - i >= 2 && head.isIn(.opensOrgHead)
        && data.orgHeads.contains(first + " " + units[i + 1].key))
    {
      return (.organization, Confidence.cue)
    }
    if head.isIn(.miscHead) {
      return end - i >= 2 ? (.miscellaneous, Confidence.weakCue) : nil
    }
    if head.isIn(.locHead) { return end - i >= 2 ? (.location, Confidence.weakCue) : nil }
    if end > i, units[end - 1].word.isIn(.companySuffix) {
      return (.organization, Confidence.cue)
    }
    let previous = i > 0 && units[i - 1].sentence == units[i].sentence ? units[i - 1].word : nil
    if let previous, previous.isIn(.orgCue) { return (.organization, Confidence.cue) }
    if let previous, previous.isIn(.miscCue) { return (.miscellaneous, Confidence.cue) }
    if let label = placeCue(units, before: i) { return (label, Confidence.cue) }
    if end > i, units[end - 1].word.isIn(.orgTail) {
      return (.organization, Confidence.weakCue)
    }
    if end - i == 1 && isDesignation(units[i], s) { return (.miscellaneous, Confidence.unknown) }
    if !absorbed.isEmpty { return (.organization, Confidence.guess) }
    if precededByTitle(units, i) { return (.person, Confidence.title) }
    if end - i == 1 {
      let surface = s[units[i].start..<units[i].end]
      let letters = surface.filter { $0.isLetter }
      if letters.count >= 2 && letters.count <= 6 && letters.allSatisfy({ $0.isUppercaseLetter }) {
        return (.organization, Confidence.guess)
      }
      if let previous, previous.isIn(.locativePreposition) {
        return (.geopolitical, Confidence.guess)
      }
      return nil
    }
    // `Juan de Garay`, `Pablo Hermoso de Mendoza`: a given name opens a person's name.
    if lexicon.givenNames.contains(first) { return (.person, Confidence.weakCue) }
    if hasConnector { return (.miscellaneous, Confidence.connectedName) }
    return (.person, Confidence.unknown)
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

  /// Whether a word is an organization, miscellaneous or location head.
  func hasHead(_ word: UnitWord) -> Bool {
    word.isIn(.orgHead) || word.isIn(.miscHead) || word.isIn(.locHead)
  }

  /// The unit of a lower-case feature noun that starts a LOC before unit `i`: `mar Arábigo`,
  /// `estrecho de Taiwán`, `salar de Atacama`.
  func featureHead(_ units: [Unit], before i: Int, _ s: [Unicode.Scalar]) -> Int? {
    var k = i - 1
    guard k >= 0, units[k].sentence == units[i].sentence else { return nil }
    if units[k].word.isOf {
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
  func placeCue(_ units: [Unit], before i: Int) -> EntityLabel? {
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
  func isDesignation(_ unit: Unit, _ s: [Unicode.Scalar]) -> Bool {
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
  func isModelNumber(_ unit: Unit, _ s: [Unicode.Scalar]) -> Bool {
    let surface = s[unit.start..<unit.end]
    if surface.allSatisfy({ $0.properties.numericType != nil }) { return surface.count <= 3 }
    return surface.count <= 4 && surface.allSatisfy { "IVX".unicodeScalars.contains($0) }
  }

  func isTitle(_ keys: [String]) -> Bool {
    data.titlesByLastWord[keys.last ?? ""]?.contains { $0 == keys } ?? false
  }

  /// A person title within the four units before `i` (`el presidente ruso, Vladimir ...`).
  func precededByTitle(_ units: [Unit], _ i: Int) -> Bool {
    // `ministro de Defensa`: a capital after `title de` is a portfolio, not a name.
    // The word flags (`isOf`, `endsTitle`) are the sets' answers, looked up once per word.
    if i >= 1, units[i - 1].word.isOf {
      return false
    }
    var k = i - 1
    var steps = 0
    while k >= 0 && steps < 4 && units[k].sentence == units[i].sentence {
      // `ministro de Minas y Energía`: a `de` between a title and the name makes it a portfolio.
      if units[k].word.isOf { return false }
      guard units[k].word.endsTitle else {
        k -= 1
        steps += 1
        continue
      }
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
}
