import Normalization

/// Consistency checks across lexicon entries, for `prensa lexicon check`.
public enum LexiconChecker {
  /// Duplicate ids, and one alias (by matching key) on entries of different labels; each finding
  /// is `FILE:LINE: message`.
  ///
  /// - Complexity: O(*a*) in the number of aliases.
  public static func findings(_ entries: [LexiconEntry]) -> [String] {
    var findings: [String] = []
    var ids: [String: LexiconEntry] = [:]
    var aliasOwner: [String: LexiconEntry] = [:]
    for entry in entries {
      if let first = ids[entry.id] {
        findings.append(
          "\(entry.file):\(entry.line): duplicate id '\(entry.id)' (first at \(first.file):\(first.line))"
        )
      } else {
        ids[entry.id] = entry
      }
      for alias in entry.aliases where !alias.needsAntecedent && !alias.combiningOnly {
        let key = MatchKey.key(alias.text)
        if let owner = aliasOwner[key] {
          if owner.label != entry.label {
            findings.append(
              "\(entry.file):\(entry.line): alias '\(alias.text)' of \(entry.id) (\(entry.label)) is also an alias of \(owner.id) (\(owner.label)) at \(owner.file):\(owner.line)"
            )
          }
        } else {
          aliasOwner[key] = entry
        }
      }
    }
    return findings
  }
}
