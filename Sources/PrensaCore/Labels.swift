/// A name from an open set of labels: the constants are the ones prensa's data and the label guide
/// (docs/labels.md) define, and any other name (a label in a user's lexicon, a category of a
/// coding scheme a user trained a model on) is a value too. Typed, so that a category is never
/// compared with a stance or an entity label, and spelled in one place.
public protocol LabelName: RawRepresentable, Hashable, Sendable, Comparable,
  CustomStringConvertible
where RawValue == String {
  init(rawValue: String)
}

// Inlinable, with the constants below computed from literals: the stages compare labels in
// their loops, and a stored global constant from another module costs a call and a lazy-
// initialisation check on every use (measured: tag and classify 20-30 % slower).
extension LabelName {
  @inlinable public init(_ name: String) { self.init(rawValue: name) }
  @inlinable public var description: String { rawValue }
  @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }
  @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// An entity's label.
public struct EntityLabel: LabelName {
  public let rawValue: String
  @inlinable public init(rawValue: String) { self.rawValue = rawValue }

  @inlinable public static var person: EntityLabel { EntityLabel(rawValue: "PER") }
  @inlinable public static var organization: EntityLabel { EntityLabel(rawValue: "ORG") }
  /// A country, region or city as a political actor.
  @inlinable public static var geopolitical: EntityLabel { EntityLabel(rawValue: "GPE") }
  /// A place that is not a political actor (a sea, a building, a region of nature).
  @inlinable public static var location: EntityLabel { EntityLabel(rawValue: "LOC") }
  /// A nationality, religious or political group (`rusos`, `chií`).
  @inlinable public static var nationality: EntityLabel { EntityLabel(rawValue: "NORP") }
  @inlinable public static var miscellaneous: EntityLabel { EntityLabel(rawValue: "MISC") }

  /// The labels prensa's lexicons use, in the order reports list them.
  public static let known: [EntityLabel] = [
    .person, .organization, .geopolitical, .location, .nationality, .miscellaneous,
  ]
}

/// Where an entity's label came from.
public struct EntitySource: LabelName {
  public let rawValue: String
  @inlinable public init(rawValue: String) { self.rawValue = rawValue }

  /// A lexicon entry matched.
  @inlinable public static var lexicon: EntitySource { EntitySource(rawValue: "lexicon") }
  /// A rule of context (a club after an article, a dateline's place).
  @inlinable public static var rule: EntitySource { EntitySource(rawValue: "rule") }
  /// The detector of capitalised names no lexicon holds.
  @inlinable public static var heuristic: EntitySource { EntitySource(rawValue: "heuristic") }
  /// A surname that names a person found earlier.
  @inlinable public static var coreference: EntitySource { EntitySource(rawValue: "coreference") }
  /// An acronym defined in the text.
  @inlinable public static var acronym: EntitySource { EntitySource(rawValue: "acronym") }
}

/// A sentence's cooperation category (docs/labels.md, section 2).
public struct Category: LabelName {
  public let rawValue: String
  @inlinable public init(rawValue: String) { self.rawValue = rawValue }

  @inlinable public static var military: Category { Category(rawValue: "military") }
  @inlinable public static var armsTransfer: Category { Category(rawValue: "arms_transfer") }
  @inlinable public static var technologyTransfer: Category {
    Category(rawValue: "technology_transfer")
  }
  @inlinable public static var economic: Category { Category(rawValue: "economic") }
  @inlinable public static var diplomatic: Category { Category(rawValue: "diplomatic") }
  @inlinable public static var conflict: Category { Category(rawValue: "conflict") }
  /// `none`: no interaction between actors (spelled so that it is never taken for `nil`).
  @inlinable public static var noInteraction: Category { Category(rawValue: "none") }

  /// The label guide's categories, in its order.
  public static let guide: [Category] = [
    .military, .armsTransfer, .technologyTransfer, .economic, .diplomatic, .conflict,
    .noInteraction,
  ]
}

/// A sentence's stance (docs/labels.md, section 3).
public struct Stance: LabelName {
  public let rawValue: String
  @inlinable public init(rawValue: String) { self.rawValue = rawValue }

  @inlinable public static var alarm: Stance { Stance(rawValue: "alarm") }
  @inlinable public static var support: Stance { Stance(rawValue: "support") }
  @inlinable public static var speculative: Stance { Stance(rawValue: "speculative") }
  @inlinable public static var neutral: Stance { Stance(rawValue: "neutral") }

  /// The label guide's stances, in its order.
  public static let guide: [Stance] = [.alarm, .support, .speculative, .neutral]
}

extension Sentence {
  /// The members of a sentence's labels in records (docs/record-format.md): written by classify,
  /// read by evaluate, report, show, review, export and train, and nowhere else spelled out.
  public enum LabelKey {
    /// The object holding the category (`{"category": ..., "also": [...], ...}`).
    @inlinable public static var cooperation: String { "cooperation" }
    @inlinable public static var category: String { "category" }
    /// The object holding the stance (`{"label": ..., "holder": ..., ...}`).
    @inlinable public static var stance: String { "stance" }
    @inlinable public static var stanceLabel: String { "label" }
    @inlinable public static var holder: String { "holder" }
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
