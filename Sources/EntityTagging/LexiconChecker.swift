import PrensaText

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

  /// Where user lexicons clash with the shipped ones: an id the shipped lexicons already use, and
  /// an alias (by matching key) the shipped lexicons give an entity of another label. Each
  /// finding is located at the user's line; the user's entry wins when tagging (user lexicons
  /// come first), so these are warnings, not errors.
  public static func conflicts(user: [LexiconEntry], shipped: [LexiconEntry]) -> [String] {
    var ids: [String: LexiconEntry] = [:]
    var aliases: [String: LexiconEntry] = [:]
    for entry in shipped {
      if ids[entry.id] == nil { ids[entry.id] = entry }
      for alias in entry.aliases where !alias.needsAntecedent && !alias.combiningOnly {
        let key = MatchKey.key(alias.text)
        if aliases[key] == nil { aliases[key] = entry }
      }
    }
    var findings: [String] = []
    for entry in user {
      if let shippedEntry = ids[entry.id] {
        findings.append(
          "\(entry.file):\(entry.line): id '\(entry.id)' is also a shipped entry (\(shippedEntry.file):\(shippedEntry.line)); this one wins"
        )
      }
      for alias in entry.aliases where !alias.needsAntecedent && !alias.combiningOnly {
        if let owner = aliases[MatchKey.key(alias.text)], owner.label != entry.label,
          owner.id != entry.id
        {
          findings.append(
            "\(entry.file):\(entry.line): alias '\(alias.text)' is \(entry.label) here but \(owner.label) in the shipped \(owner.id) (\(owner.file):\(owner.line))"
          )
        }
      }
    }
    return findings
  }
}
