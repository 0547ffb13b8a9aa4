import PrensaCore
import PrensaText

/// The normalize stage: canonical Unicode and clean whitespace, with a map back to the input.
///
/// Passes, in order: HTML character references, mojibake repair, invisible characters, Unicode
/// normalization (NFC or NFKC), line-end hyphenation, whitespace and line structure, and
/// optionally ASCII punctuation. Each pass is skipped when its trigger characters are absent.
/// The result is idempotent: normalizing normalized text changes nothing.
public struct Normalizer: Stage {
  public enum Form: String, Sendable, CaseIterable {
    case nfc, nfkc
  }

  public struct Options: Sendable, Equatable {
    public var form: Form = .nfc
    /// Map quotes, dashes and the ellipsis to ASCII.
    public var asciiPunctuation = false
    /// Words that start a hyphenated compound (`ruso`, `franco`): at a line end, `ruso-` +
    /// `norcoreana` keeps its hyphen; any other lower-case word split there is joined.
    public var compoundPrefixes: Set<String> = []

    public init(
      form: Form = .nfc, asciiPunctuation: Bool = false, compoundPrefixes: Set<String> = []
    ) {
      self.form = form
      self.asciiPunctuation = asciiPunctuation
      self.compoundPrefixes = compoundPrefixes
    }
  }

  /// What one normalization changed, counted per class.
  public struct Changes: Equatable, Sendable {
    public var htmlEntities = 0
    public var mojibake = 0
    public var invisible = 0
    public var unicode = 0
    public var hyphenation = 0
    public var whitespace = 0
    public var punctuation = 0

    public init() {}

    public var isEmpty: Bool { self == Changes() }

    /// The record's `normalization` field, `{"changes": {…}, "form": …}`, as the compact JSON
    /// text the writer would give the object (members in key order): written once here, not built
    /// as objects and sorted at every record's write.
    func field(form: String) -> JSONValue {
      var writer = JSONWriter(capacity: 192)
      writer.raw("{\"changes\":{\"html_entities\":")
      writer.int(htmlEntities)
      writer.raw(",\"hyphenation\":")
      writer.int(hyphenation)
      writer.raw(",\"invisible\":")
      writer.int(invisible)
      writer.raw(",\"mojibake\":")
      writer.int(mojibake)
      writer.raw(",\"punctuation\":")
      writer.int(punctuation)
      writer.raw(",\"unicode\":")
      writer.int(unicode)
      writer.raw(",\"whitespace\":")
      writer.int(whitespace)
      writer.raw("},\"form\":")
      writer.string(form)
      writer.raw(UInt8(ascii: "}"))
      return .serialized(String(decoding: writer.bytes, as: UTF8.self))
    }
  }

  public var options: Options
  public let name = "normalize"

  public init(options: Options = Options()) { self.options = options }

  public func process(_ document: inout Document, in context: StageContext) throws(StageError) {
    let input = document.scalars()
    let (result, changes) = normalize(input)
    document.fields["normalization"] = changes.field(form: options.form.rawValue)
    // normalize owns `text`; offsets into the old text are void.
    document.tokens = nil
    document.sentences = nil
    document.entities = nil
    guard result.scalars != input else { return }
    // Normalizing twice keeps the first original.
    let originalScalars: [Unicode.Scalar]
    if let original = document.original, let previous = document.alignment {
      // Re-normalizing edited text: express the new map in the first original's coordinates.
      originalScalars = Array(original.unicodeScalars)
      let composed = result.composed { previous.originalSpan(of: $0) }
      document.alignment = composed.alignment(with: originalScalars)
    } else {
      originalScalars = input
      document.original = document.text
      document.alignment = result.alignment(with: originalScalars)
    }
    document.setText(result.scalars)
  }

  /// Normalizes a string (for callers outside a pipeline).
  public func normalize(_ text: String) -> String {
    String(scalars: normalize(Array(text.unicodeScalars)).0.scalars)
  }

  /// Normalizes a string and returns the alignment with it.
  public func normalizeWithAlignment(_ text: String) -> (
    text: String, alignment: Alignment, changes: Changes
  ) {
    let input = Array(text.unicodeScalars)
    let (result, changes) = normalize(input)
    return (String(scalars: result.scalars), result.alignment(with: input), changes)
  }

  func normalize(_ input: [Unicode.Scalar]) -> (TextMap, Changes) {
    var changes = Changes()
    var map = TextMap(identity: input)
    // Each pass can expose work for another (a composed `Ä` before `…` reads as mojibake; a
    // removed zero-width space joins a combining mark to its letter; joining `&aa-⏎cute;` at a
    // line end makes an entity; a joined line changes the hard-wrap statistics), so the passes
    // run to a fixed point, which is what makes normalize idempotent. Real text needs one round:
    // every pass, the layout included, returns its input untouched when it has nothing to do.
    let layout = LineLayout(compoundPrefixes: options.compoundPrefixes)
    for _ in 0..<6 {
      var changed = false
      // One scan tells which passes have anything to look at (each pass would scan the text for
      // its own trigger: four scans of every record, most of normalize on clean text).
      var triggers = Triggers(map.scalars)
      for pass in Pass.allCases where triggers.contains(pass) {
        let next: TextMap? =
          switch pass {
          case .entities: decodeEntities(map, changes: &changes)
          case .mojibake: repairMojibake(map, changes: &changes)
          case .invisibles: removeInvisibles(map, changes: &changes)
          case .unicode: normalizeUnicode(map, changes: &changes)
          }
        if let next {
          map = next
          changed = true
          triggers = Triggers(map.scalars)
        }
      }
      let laid = layout.apply(map, changes: &changes)
      if laid.scalars != map.scalars {
        map = laid
        changed = true
      }
      if !changed { break }
    }
    if options.asciiPunctuation, let next = asciiPunctuation(map, changes: &changes) { map = next }
    return (map, changes)
  }

  // MARK: - Passes

  /// The passes before the layout, in the order they run.
  enum Pass: CaseIterable {
    case entities, mojibake, invisibles, unicode
  }

  /// Which passes a text gives work to, by the scalar each looks for first: `&`, a mojibake
  /// lead, an invisible character, anything beyond ASCII.
  struct Triggers {
    private var entities = false
    private var mojibake = false
    private var invisibles = false
    private var unicode = false

    init(_ scalars: [Unicode.Scalar]) {
      for scalar in scalars {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F {
          // Printable ASCII: only `&` starts anything.
          if v == 0x26 { entities = true }
          continue
        }
        if v >= 0x80 { unicode = true }
        if Mojibake.isLead(scalar) { mojibake = true }
        if Normalizer.isInvisible(scalar) { invisibles = true }
      }
    }

    func contains(_ pass: Pass) -> Bool {
      switch pass {
      case .entities: entities
      case .mojibake: mojibake
      case .invisibles: invisibles
      case .unicode: unicode
      }
    }
  }

  private func decodeEntities(_ map: TextMap, changes: inout Changes) -> TextMap? {
    guard map.scalars.contains("&") else { return nil }
    var out = TextMap(capacity: map.count)
    var decoded = 0
    var i = 0
    var last = 0
    while i < map.count {
      if map.scalars[i] == "&", let (scalar, next) = HTMLEntities.decode(map.scalars, at: i) {
        out.copy(last..<i, from: map)
        out.replace(i..<next, of: map, with: CollectionOfOne(scalar))
        decoded += 1
        i = next
        last = i
      } else {
        i += 1
      }
    }
    guard decoded > 0 else { return nil }
    changes.htmlEntities += decoded
    out.copy(last..<map.count, from: map)
    return out
  }

  private func repairMojibake(_ map: TextMap, changes: inout Changes) -> TextMap? {
    guard map.scalars.contains(where: Mojibake.isLead) else { return nil }
    var out = TextMap(capacity: map.count)
    var i = 0
    var last = 0
    var repaired = 0
    while i < map.count {
      if Mojibake.isLead(map.scalars[i]),
        let (scalar, next) = Mojibake.repair(map.scalars, at: i)
          ?? Mojibake.repairTruncatedQuote(map.scalars, at: i)
      {
        out.copy(last..<i, from: map)
        out.replace(i..<next, of: map, with: CollectionOfOne(scalar))
        repaired += 1
        i = next
        last = i
      } else {
        i += 1
      }
    }
    guard repaired > 0 else { return nil }
    changes.mojibake += repaired
    out.copy(last..<map.count, from: map)
    return out
  }

  /// Whether a scalar is removed as invisible: BOM, zero-width space, word joiner, soft hyphen,
  /// direction marks, and control characters other than tab and line breaks. Joiners (ZWJ, ZWNJ)
  /// and variation selectors stay: emoji sequences need them.
  static func isInvisible(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0xAD, 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF: true
    default: false
    }
  }

  private func removeInvisibles(_ map: TextMap, changes: inout Changes) -> TextMap? {
    guard map.scalars.contains(where: Self.isInvisible) else { return nil }
    var out = TextMap(capacity: map.count)
    for i in 0..<map.count {
      if Self.isInvisible(map.scalars[i]) { changes.invisible += 1 } else { out.copy(i, from: map) }
    }
    return out
  }

  private func normalizeUnicode(_ map: TextMap, changes: inout Changes) -> TextMap? {
    let form: ICU.Form = options.form == .nfc ? .nfc : .nfkc
    // Quick check on the ASCII-free part is enough: ASCII is normalized in every form.
    guard map.scalars.contains(where: { !$0.isASCII }) else { return nil }
    let units = [UInt16](utf16Of: map.scalars)
    let prefix = ICU.normalizedPrefix(units, form: form)
    if prefix == units.count { return nil }
    // Turn the UTF-16 prefix into a scalar index, then back up to a normalization boundary.
    var k = 0
    var unitCount = 0
    while k < map.count && unitCount + (map.scalars[k].value > 0xFFFF ? 2 : 1) <= max(prefix, 0) {
      unitCount += map.scalars[k].value > 0xFFFF ? 2 : 1
      k += 1
    }
    while k > 0 && !ICU.hasBoundaryBefore(map.scalars[k], form: form) { k -= 1 }
    var out = TextMap(capacity: map.count)
    out.copy(0..<k, from: map)
    var segmentStart = k
    var changed = 0
    func flush(_ end: Int) {
      guard segmentStart < end else { return }
      let segment = Array(map.scalars[segmentStart..<end])
      if let normalized = ICU.normalize([UInt16](utf16Of: segment), form: form) {
        let result = scalars(ofUTF16: normalized)
        if result == segment {
          out.copy(segmentStart..<end, from: map)
        } else {
          out.replace(segmentStart..<end, of: map, with: result)
          changed += 1
        }
      } else {
        out.copy(segmentStart..<end, from: map)
      }
    }
    for i in (k + 1)..<max(map.count, k + 1)
    where i < map.count && ICU.hasBoundaryBefore(map.scalars[i], form: form) {
      flush(i)
      segmentStart = i
    }
    flush(map.count)
    guard changed > 0 else { return nil }
    changes.unicode += changed
    return out
  }

  private func asciiPunctuation(_ map: TextMap, changes: inout Changes) -> TextMap? {
    func replacement(_ s: Unicode.Scalar) -> String? {
      switch s.value {
      case 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F: "\""
      case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A: "'"
      case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: "-"
      case 0x2026: "..."
      default: nil
      }
    }
    guard map.scalars.contains(where: { replacement($0) != nil }) else { return nil }
    var out = TextMap(capacity: map.count)
    for i in 0..<map.count {
      if let r = replacement(map.scalars[i]) {
        out.replace(i..<(i + 1), of: map, with: r.unicodeScalars)
        changes.punctuation += 1
      } else {
        out.copy(i, from: map)
      }
    }
    return out
  }
}
