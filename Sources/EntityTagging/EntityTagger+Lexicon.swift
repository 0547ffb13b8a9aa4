import PrensaCore
import PrensaText

extension EntityTagger {
  // MARK: - Lexicon matching

  /// Pass 1, the lexicon: longest-leftmost matches through the trie (pass 2, context, is applied
  /// to each as it is found).
  func matchLexicon(_ state: inout Tagging, units: [Unit], s: [Unicode.Scalar]) {
    var seenEntries = Set<Int32>()
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
      if entry.label == .nationality, end == i + 1, i > 0,
        units[i - 1].sentence == units[i].sentence,
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
      state.found.append(entity)
      state.lexiconUnits.append(i..<end)
      for k in i..<end { state.covered[k] = true }
      i = end
    }
  }

  /// The longest valid match starting at unit `i`: its end (exclusive) and pattern, and for
  /// `--explain`, the candidates that lost.
  func longestMatch(_ units: [Unit], from i: Int, s: [Unicode.Scalar], seen: Set<Int32>)
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
  func rejection(
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

  func makeEntity(_ entry: Int32, start: Int, end: Int, s: [Unicode.Scalar]) -> Entity {
    let fileName = lexicon.fileNames[Int(entry)]
    let entry = lexicon.entries[Int(entry)]
    return Entity(
      start: start, end: end, label: entry.label, text: String(scalars: s[start..<end]),
      id: entry.id,
      source: .lexicon, lexicon: fileName,
      confidence: Confidence.lexicon,
      refersTo: entry.label == .person || entry.label == .miscellaneous || entry.label == .location
        ? nil : entry.refersTo)
  }

  /// Metonymy: a capital or seat of power after a locative preposition is a plain place.
  func applyContext(
    _ entity: inout Entity, entry: LexiconEntry, before i: Int, units: [Unit]
  ) {
    // `el Barcelona`, `del Madrid`, `al Valencia`: a city after a masculine article is its club.
    if entry.id.hasPrefix("GPE:city:") || entry.id.hasPrefix("GPE:capital:"), i > 0,
      units[i - 1].sentence == units[i].sentence, data.masculineArticles.contains(units[i - 1].key)
    {
      entity.label = .organization
      entity.refersTo = nil
      entity.source = .rule
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
    if entry.flags.contains("seat") { entity.label = .location }
  }
}
