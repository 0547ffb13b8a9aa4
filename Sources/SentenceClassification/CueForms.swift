import PrensaCore
import PrensaText

/// The words each cue matched in classified records (`prensa lexicon cues`): a cue matched
/// through the light stemmer covers every word that shares its stem, and a list of those words
/// shows where the stem is another word's too (`espía` matching `se espera que`, `bloquear`
/// matching `bloques`).
public struct CueForms: Sendable {
  /// One cue as the cue files name it, with the kind of cue (`cooperation` or `stance`) and the
  /// label it gives.
  public struct Key: Hashable, Sendable, Comparable {
    public var kind: String
    public var cue: String
    public var label: String

    public init(kind: String, cue: String, label: String) {
      self.kind = kind
      self.cue = cue
      self.label = label
    }

    public static func < (a: Key, b: Key) -> Bool {
      (a.kind, a.cue, a.label) < (b.kind, b.cue, b.label)
    }
  }

  /// A cue with the words it matched and how often, most frequent first (ties by the word).
  public struct Row: Sendable {
    public var key: Key
    public var matches: Int
    public var forms: [(form: String, count: Int)]

    /// A cue the files write as one word matched through its stem (not an exact `=form`, not a
    /// phrase): the cues whose matches can be another word.
    public var isStemmed: Bool { !key.cue.hasPrefix("=") && !key.cue.contains(" ") }
  }

  private var counts: [Key: [String: Int]] = [:]
  /// Cues whose offsets did not fit their record's text (records edited after classify).
  public private(set) var skipped = 0

  public init() {}

  /// Counts the cues of every sentence of a classified record (`cooperation.cues`,
  /// `stance.cues`), each by the words its offsets cover, lowercased. Negated cues count too:
  /// they matched all the same.
  public mutating func add(_ document: Document) {
    guard let sentences = document.sentences else { return }
    var document = document
    let scalars = document.scalars()
    for sentence in sentences {
      for kind in [Sentence.LabelKey.cooperation, Sentence.LabelKey.stance] {
        for cue in sentence.extra[kind]?["cues"]?.arrayValue ?? [] {
          guard let name = cue["cue"]?.stringValue, let label = cue["label"]?.stringValue,
            let start = cue["start"]?.intValue, let end = cue["end"]?.intValue,
            0 <= start, start < end, end <= scalars.count
          else {
            skipped += 1
            continue
          }
          let form = String(scalars: scalars[start..<end]).lowercased()
          counts[Key(kind: kind, cue: name, label: label), default: [:]][form, default: 0] += 1
        }
      }
    }
  }

  /// Every cue seen, most matches first (ties by kind, cue and label).
  public var rows: [Row] {
    counts.map { key, forms in
      Row(
        key: key, matches: forms.values.reduce(0, +),
        forms: forms.map { ($0.key, $0.value) }.sorted {
          $0.count != $1.count ? $0.count > $1.count : $0.form < $1.form
        })
    }.sorted { $0.matches != $1.matches ? $0.matches > $1.matches : $0.key < $1.key }
  }
}
