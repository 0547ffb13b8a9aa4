/// The version of the record contract this build reads and writes (docs/record-format.md).
public let recordSchemaVersion = 1

/// The prensa release, as recorded in every record's `prensa.version`.
public let prensaVersion = "0.1.0"

/// One record: a document with its text and every annotation added so far.
///
/// The fields that stages own are typed (`tokens`, `sentences`, `alignment`); every other field
/// of the input, known or not, is kept in `fields` and written back unchanged.
public struct Document: Sendable {
  public var id: String
  /// The text every offset points into (after normalize, the normalized text).
  public var text: String {
    didSet { storedScalars = nil }
  }
  /// `text`'s scalars, once a stage has asked for them.
  private var storedScalars: [Unicode.Scalar]?
  /// The input text as it was before normalize, when normalize changed it.
  public var original: String?
  /// The map from `text` back to `original`.
  public var alignment: Alignment?
  public var tokens: [Token]?
  public var sentences: [Sentence]?
  public var entities: [Entity]?
  /// The names of the stages applied so far, in order.
  public var stages: [String]
  /// Problems repaired on the way (invalid UTF-8 replaced, ...).
  public var warnings: [String]
  /// Every other field, in input order.
  public var fields: JSONObject

  public init(id: String, text: String, fields: JSONObject = JSONObject()) {
    self.id = id
    self.text = text
    self.stages = []
    self.warnings = []
    self.fields = fields
  }

  /// The length of `text` in Unicode scalars.
  public var textLength: Int { storedScalars?.count ?? text.scalarCount }

  /// `text` as an array of scalars, which is what stages index: decoded once per document, not
  /// once per stage.
  public mutating func scalars() -> [Unicode.Scalar] {
    if let storedScalars { return storedScalars }
    let scalars = text.scalarArray()
    storedScalars = scalars
    return scalars
  }

  /// Replaces `text` by `scalars`, keeping them for the next stage.
  public mutating func setText(_ scalars: [Unicode.Scalar]) {
    text = String(scalars: scalars)
    storedScalars = scalars
  }

  /// Whether `stage` has been applied.
  public func hasApplied(_ stage: String) -> Bool { stages.contains(stage) }

  /// The field names this type reads itself; all others land in `fields`.
  static let ownedKeys: Set<String> = [
    "id", "text", "original", "alignment", "tokens", "sentences", "entities", "prensa", "warnings",
  ]
}

// MARK: - Reading

extension Document {
  /// Builds a document from a parsed JSON line, checking the contract.
  ///
  /// - Throws: `InputError.Reason` for a missing or mistyped field, or spans outside the text
  ///   or out of order.
  public init(json: JSONValue) throws(InputError.Reason) {
    guard case .object(let object) = json else { throw .notAnObject(found: json.typeName) }
    guard let idValue = object["id"] else { throw .missingField("id") }
    guard case .string(let id) = idValue else {
      throw .wrongType(field: "id", expected: "a string", found: idValue.typeName)
    }
    guard let textValue = object["text"] else { throw .missingField("text") }
    guard case .string(let text) = textValue else {
      throw .wrongType(field: "text", expected: "a string", found: textValue.typeName)
    }
    self.init(id: id, text: text)
    let length = textLength
    for (key, value) in object where !Self.ownedKeys.contains(key) {
      fields.appendUnchecked(key, value)
    }
    if let value = object["original"] {
      guard case .string(let original) = value else {
        throw .wrongType(field: "original", expected: "a string", found: value.typeName)
      }
      self.original = original
    }
    if let value = object["alignment"] {
      guard let original else { throw .inconsistent("'alignment' without 'original'") }
      guard
        let alignment = Alignment(
          json: value, textLength: length, originalLength: original.scalarCount)
      else {
        throw .wrongType(
          field: "alignment",
          expected:
            "sorted [textStart, textEnd, originalStart, originalEnd] rows within both texts",
          found: value.typeName)
      }
      self.alignment = alignment
    }
    if let value = object["prensa"] {
      guard case .object(let meta) = value else {
        throw .wrongType(field: "prensa", expected: "an object", found: value.typeName)
      }
      if let stages = meta["stages"] {
        guard let names = stages.arrayValue?.compactMap(\.stringValue),
          names.count == stages.arrayValue?.count
        else {
          throw .wrongType(
            field: "prensa.stages", expected: "an array of strings", found: stages.typeName)
        }
        self.stages = names
      }
    }
    if let value = object["warnings"] {
      guard let list = value.arrayValue?.compactMap(\.stringValue),
        list.count == value.arrayValue?.count
      else {
        throw .wrongType(field: "warnings", expected: "an array of strings", found: value.typeName)
      }
      warnings = list
    }
    if let value = object["tokens"] {
      tokens = try Self.decodeSpans(value, field: "tokens", textLength: length, ordered: true).map {
        (span, object) throws(InputError.Reason) in
        let kind: TokenKind
        if let kindValue = object["kind"] {
          guard let name = kindValue.stringValue, let known = TokenKind(rawValue: name) else {
            throw .wrongType(
              field: "tokens.kind", expected: "a token kind", found: kindValue.typeName)
          }
          kind = known
        } else {
          kind = .word
        }
        var parts: [Span]?
        if let partsValue = object["parts"] {
          parts = try Self.decodeSpans(
            partsValue, field: "tokens.parts", textLength: length, ordered: true
          ).map(\.0)
        }
        let expansion = object["expansion"]?.arrayValue?.compactMap(\.stringValue)
        return Token(
          start: span.start, end: span.end, kind: kind, parts: parts, expansion: expansion)
      }
    }
    if let value = object["sentences"] {
      sentences = try Self.decodeSpans(value, field: "sentences", textLength: length, ordered: true)
        .map {
          (span, object) in
          var extra = object
          extra["start"] = nil
          extra["end"] = nil
          return Sentence(start: span.start, end: span.end, extra: extra)
        }
    }
    if let value = object["entities"] {
      let spans = try Self.decodeSpans(value, field: "entities", textLength: length, ordered: false)
      let scalars = text.scalarArray()
      entities = try spans.enumerated().map { (index, item) throws(InputError.Reason) in
        guard case .string = item.1["label"] else {
          throw .wrongType(
            field: "entities[\(index)].label", expected: "a string",
            found: item.1["label"]?.typeName ?? "nothing")
        }
        return Entity(span: item.0, object: item.1, text: scalars)
      }
    }
  }

  /// Reads an array of `{start, end, ...}` objects, checking that every span is inside the text
  /// and, when `ordered`, that no span starts before the previous one ends.
  static func decodeSpans(_ value: JSONValue, field: String, textLength: Int, ordered: Bool)
    throws(InputError.Reason) -> [(Span, JSONObject)]
  {
    guard case .array(let elements) = value else {
      throw .wrongType(field: field, expected: "an array", found: value.typeName)
    }
    var result: [(Span, JSONObject)] = []
    result.reserveCapacity(elements.count)
    var previousEnd = 0
    for (index, element) in elements.enumerated() {
      guard case .object(let object) = element else {
        throw .wrongType(
          field: "\(field)[\(index)]", expected: "an object", found: element.typeName)
      }
      guard let start = object["start"]?.intValue, let end = object["end"]?.intValue else {
        throw .wrongType(
          field: "\(field)[\(index)]", expected: "integer 'start' and 'end'", found: "other")
      }
      for offset in [start, end] where offset < 0 || offset > textLength {
        throw .offsetOutOfRange(field: "\(field)[\(index)]", offset: offset, textLength: textLength)
      }
      guard start <= end else {
        throw .inconsistent("'\(field)[\(index)]' ends (\(end)) before it starts (\(start))")
      }
      if ordered && start < previousEnd { throw .spansOutOfOrder(field: field, index: index) }
      previousEnd = end
      result.append((Span(start: start, end: end), object))
    }
    return result
  }
}

// MARK: - Writing

extension Document: JSONWritable {
  /// Writes the record as one JSON object with its keys in sorted order (no newline).
  public func write(to writer: inout JSONWriter) {
    write(to: &writer, omittingText: false, omittingStamp: false)
  }

  /// Writes the record, without `text` or the `prensa` stamp when asked (`OutputShape`); with
  /// `drain`, hands the bytes on as they gather (after each field and every `drainSize` bytes of
  /// the token, sentence and entity arrays) instead of holding the whole record.
  func write(
    to writer: inout JSONWriter, omittingText: Bool, omittingStamp: Bool,
    drain: ((inout JSONWriter) -> Void)? = nil
  ) {
    // The record's own members come in a fixed sorted order; the fields it carries through
    // (`normalization`, a user's `source`) are sorted and merged into them. Sorting every key
    // as a string and finding each member by comparing strings were a twentieth of writing.
    let extra = fields.membersInKeyOrder
    var next = 0
    var first = true
    writer.raw(UInt8(ascii: "{"))
    func open(_ key: String) {
      if !first { writer.raw(UInt8(ascii: ",")) }
      first = false
      writer.string(key)
      writer.raw(UInt8(ascii: ":"))
    }
    func field(_ field: (key: String, value: JSONValue)) {
      open(field.key)
      // A field named as a member is written as that member (as a switch on the key did).
      if let member = Member(rawValue: field.key) {
        value(member)
      } else {
        writer.value(field.value)
      }
      if let drain, writer.count >= JSONWriter.drainSize { drain(&writer) }
    }
    func value(_ member: Member) {
      switch member {
      case .alignment: alignment.map { writer.value($0) }
      case .entities: writer.array(entities ?? [], drain: drain)
      case .id: writer.string(id)
      case .original: writer.string(original ?? "")
      case .prensa:
        writer.raw("{\"schema\":")
        writer.int(recordSchemaVersion)
        writer.raw(",\"stages\":")
        writer.value(.array(stages.map { .string($0) }))
        writer.raw(",\"version\":")
        writer.string(prensaVersion)
        writer.raw(UInt8(ascii: "}"))
      case .sentences: writer.array(sentences ?? [], drain: drain)
      case .text: writer.string(text)
      case .tokens: writer.array(tokens ?? [], drain: drain)
      case .warnings: writer.value(.array(warnings.map { .string($0) }))
      }
    }
    for member in Member.allCases {
      switch member {
      case .alignment: guard alignment != nil else { continue }
      case .entities: guard entities != nil else { continue }
      case .id: break
      case .original: guard original != nil else { continue }
      case .prensa: guard !omittingStamp else { continue }
      case .sentences: guard sentences != nil else { continue }
      case .text: guard !omittingText else { continue }
      case .tokens: guard tokens != nil else { continue }
      case .warnings: guard !warnings.isEmpty else { continue }
      }
      while next < extra.count
        && JSONObject.precedes(extra[next].key, member.rawValue)
      {
        field(extra[next])
        next += 1
      }
      open(member.rawValue)
      value(member)
      if let drain, writer.count >= JSONWriter.drainSize { drain(&writer) }
    }
    while next < extra.count {
      field(extra[next])
      next += 1
    }
    writer.raw(UInt8(ascii: "}"))
  }

  /// The members a record writes itself, in the byte order of their names.
  enum Member: String, CaseIterable {
    case alignment, entities, id, original, prensa, sentences, text, tokens, warnings
  }
}
