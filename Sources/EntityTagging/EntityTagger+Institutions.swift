import PrensaCore
import PrensaText

extension EntityTagger {
  // MARK: - Institutions

  /// Joins `Institution` + `de` (+ article) + country into one ORG; gives an institution the
  /// country of a demonym right after it.
  func mergeInstitutions(_ entities: [Entity], units: [Unit], s: [Unicode.Scalar])
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
    result.reserveCapacity(entities.count)
    var i = 0
    while i < entities.count {
      var current = entities[i]
      if let firstUnit = unitAtStart(current.start) {
        // `estrecho de Taiwán`: a feature noun before a known place makes one LOC.
        if [.geopolitical, .location].contains(current.label),
          let head = featureHead(units, before: firstUnit, s),
          result.last.map({ $0.end <= units[head].start }) ?? true
        {
          current.start = units[head].start
          current.label = .location
          current.refersTo = nil
          current.text = String(scalars: s[current.start..<current.end])
        }
      }
      if current.label == .miscellaneous, let lastUnit = unitAtEnd(current.end),
        lastUnit + 1 < units.count,
        units[lastUnit + 1].sentence == units[lastUnit].sentence,
        units[lastUnit + 1].start == current.end + 1,
        isModelNumber(units[lastUnit + 1], s),
        i + 1 >= entities.count || entities[i + 1].start >= units[lastUnit + 1].end
      {
        current.end = units[lastUnit + 1].end
        current.text = String(scalars: s[current.start..<current.end])
      }
      let institutional =
        current.label == .organization && (current.source == .heuristic || isInstitution(current))
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
        if linked && next.label == .geopolitical
          && units[endUnit].sentence == units[nextUnit].sentence
        {
          current.end = next.end
          current.text = String(scalars: s[current.start..<current.end])
          current.refersTo = next.refersTo ?? current.refersTo
          current.id = current.source == .heuristic ? nil : current.id
          result.append(current)
          i += 2
          continue
        }
        if between.isEmpty && next.label == .nationality, current.refersTo == nil {
          current.refersTo = next.refersTo
        }
        // `la Administración Trump`: an institution named after its leader is one ORG.
        if between.isEmpty && next.label == .person && isInstitution(current)
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

  func isInstitution(_ entity: Entity) -> Bool {
    guard let id = entity.id else { return false }
    return id.hasPrefix("ORG:inst:")
  }
}
