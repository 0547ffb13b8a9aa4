/// A name from an open set of labels: the constants are the ones prensa's data and the label guide
/// (docs/labels.md) define, and any other name (a label in a user's lexicon, a category of a
/// coding scheme a user trained a model on) is a value too. Typed, so that a category is never
/// compared with a stance or an entity label, and spelled in one place.
public protocol LabelName: RawRepresentable, Hashable, Sendable, Comparable,
  CustomStringConvertible
where RawValue == String {
  init(rawValue: String)
}

extension LabelName {
  public init(_ name: String) { self.init(rawValue: name) }
  public var description: String { rawValue }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An entity's label.
public struct EntityLabel: LabelName {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let person = EntityLabel("PER")
  public static let organization = EntityLabel("ORG")
  /// A country, region or city as a political actor.
  public static let geopolitical = EntityLabel("GPE")
  /// A place that is not a political actor (a sea, a building, a region of nature).
  public static let location = EntityLabel("LOC")
  /// A nationality, religious or political group (`rusos`, `chií`).
  public static let nationality = EntityLabel("NORP")
  public static let miscellaneous = EntityLabel("MISC")

  /// The labels prensa's lexicons use, in the order reports list them.
  public static let known: [EntityLabel] = [
    .person, .organization, .geopolitical, .location, .nationality, .miscellaneous,
  ]
}

/// Where an entity's label came from.
public struct EntitySource: LabelName {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  /// A lexicon entry matched.
  public static let lexicon = EntitySource("lexicon")
  /// A rule of context (a club after an article, a dateline's place).
  public static let rule = EntitySource("rule")
  /// The detector of capitalised names no lexicon holds.
  public static let heuristic = EntitySource("heuristic")
  /// A surname that names a person found earlier.
  public static let coreference = EntitySource("coreference")
  /// An acronym defined in the text.
  public static let acronym = EntitySource("acronym")
}

/// A sentence's cooperation category (docs/labels.md, section 2).
public struct Category: LabelName {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let military = Category("military")
  public static let armsTransfer = Category("arms_transfer")
  public static let technologyTransfer = Category("technology_transfer")
  public static let economic = Category("economic")
  public static let diplomatic = Category("diplomatic")
  public static let conflict = Category("conflict")
  /// `none`: no interaction between actors (spelled so that it is never taken for `nil`).
  public static let noInteraction = Category("none")

  /// The label guide's categories, in its order.
  public static let guide: [Category] = [
    .military, .armsTransfer, .technologyTransfer, .economic, .diplomatic, .conflict,
    .noInteraction,
  ]
}

/// A sentence's stance (docs/labels.md, section 3).
public struct Stance: LabelName {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let alarm = Stance("alarm")
  public static let support = Stance("support")
  public static let speculative = Stance("speculative")
  public static let neutral = Stance("neutral")

  /// The label guide's stances, in its order.
  public static let guide: [Stance] = [.alarm, .support, .speculative, .neutral]
}

extension Sentence {
  /// The members of a sentence's labels in records (docs/record-format.md): written by classify,
  /// read by evaluate, report, show, review, export and train, and nowhere else spelled out.
  public enum LabelKey {
    /// The object holding the category (`{"category": ..., "also": [...], ...}`).
    public static let cooperation = "cooperation"
    public static let category = "category"
    /// The object holding the stance (`{"label": ..., "holder": ..., ...}`).
    public static let stance = "stance"
    public static let stanceLabel = "label"
    public static let holder = "holder"
  }

  /// The cooperation category, when the sentence has one (`cooperation.category`).
  public var category: Category? {
    extra[LabelKey.cooperation]?.objectValue?[LabelKey.category]?.stringValue.map(Category.init)
  }

  /// The stance, when the sentence has one (`stance.label`).
  public var stance: Stance? {
    extra[LabelKey.stance]?.objectValue?[LabelKey.stanceLabel]?.stringValue.map(Stance.init)
  }

  /// Who holds the stance (`stance.holder`), when classify found one.
  public var stanceHolder: String? {
    extra[LabelKey.stance]?.objectValue?[LabelKey.holder]?.stringValue
  }

  /// Whether the sentence carries a category or a stance object at all.
  public var hasLabels: Bool { extra[LabelKey.cooperation] != nil || extra[LabelKey.stance] != nil }

  /// Sets the labels as a gold file holds them: a category and a stance, nothing else (nil leaves
  /// one unset).
  public mutating func setGoldLabels(category: Category?, stance: Stance?) {
    if let category {
      extra[LabelKey.cooperation] = .object(
        JSONObject([(LabelKey.category, .string(category.rawValue))]))
    }
    if let stance {
      extra[LabelKey.stance] = .object(
        JSONObject([(LabelKey.stanceLabel, .string(stance.rawValue))]))
    }
  }
}
