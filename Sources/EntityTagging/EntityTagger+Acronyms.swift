import PrensaCore
import PrensaText

extension EntityTagger {
  // MARK: - Acronyms

  /// Pass 6: acronyms defined in the text (`Nombre Largo (NL)`) and their later uses; a bare
  /// acronym the heuristic typed on its own takes its definition's label.
  func addAcronyms(_ state: inout Tagging, units: [Unit], s: [Unicode.Scalar]) {
    let (acronyms, defined) = acronymEntities(
      units, s: s, covered: &state.covered, existing: state.found)
    state.found += acronyms
    // A later bare acronym that the heuristic typed on its own takes its definition's label.
    for k in state.found.indices where state.found[k].source == .heuristic {
      if let definition = defined[state.found[k].text], definition.end <= state.found[k].start {
        state.found[k].label = definition.label
        state.found[k].id = definition.id
        state.found[k].refersTo = definition.refersTo
        state.found[k].source = .acronym
        state.found[k].confidence = definition.confidence
      }
    }
  }

  /// `Acuerdo de Acceso Recíproco (RAA)`: the acronym gets the entity's label and id here and
  /// wherever it appears later in the document.
  func acronymEntities(
    _ units: [Unit], s: [Unicode.Scalar], covered: inout [Bool], existing: [Entity]
  ) -> (
    [Entity], [String: Entity]
  ) {
    var result: [Entity] = []
    var defined: [String: Entity] = [:]
    // Entity numbers by where they end (the first one, should two end together): numbers, not
    // copies of the entities, for a long text has hundreds of thousands.
    var byEnd: [Int: Int] = [:]
    byEnd.reserveCapacity(existing.count)
    for (i, entity) in existing.enumerated() where byEnd[entity.end] == nil {
      byEnd[entity.end] = i
    }
    for k in 0..<units.count {
      // Definition: entity, "(", ACRONYM, ")".
      if k >= 1, k + 1 < units.count, s[units[k - 1].start] == "(",
        units[k - 1].end - units[k - 1].start == 1,
        s[units[k + 1].start] == ")", k >= 2,
        let owner = byEnd[units[k - 2].end].map({ existing[$0] }), !covered[k],
        isAcronym(units[k], s),
        owner.label != .person, owner.text.contains(" ")
      {
        let entity = Entity(
          start: units[k].start, end: units[k].end, label: owner.label,
          text: String(scalars: s[units[k].start..<units[k].end]), id: owner.id,
          source: .acronym,
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

  func isAcronym(_ unit: Unit, _ s: [Unicode.Scalar]) -> Bool {
    let surface = s[unit.start..<unit.end]
    let letters = surface.filter { $0.isLetter }
    return letters.count >= 2 && surface.count <= 10
      && letters.filter({ $0.isUppercaseLetter }).count * 2 > letters.count
  }
}
