/// One named entity: a span of `text` with a label and where the label came from.
public struct Entity: Hashable, Sendable, JSONWritable {
  public var start: Int
  public var end: Int
  /// `PER ORG GPE LOC NORP MISC` (`EntityLabel.known`), or a user lexicon's own label.
  public var label: EntityLabel
  /// `text[start:end]`, written out for readers.
  public var text: String
  /// The lexicon entry's id, when the entity was linked to one.
  public var id: String?
  /// `lexicon`, `heuristic`, `coreference`, `acronym` or `rule`.
  public var source: EntitySource?
  /// The lexicon file the entry came from.
  public var lexicon: String?
  public var confidence: Double?
  /// The ISO 3166-1 alpha-3 code of the country this entity stands for.
  public var refersTo: String?
  /// The span in the record's `original`, when normalize changed the text.
  public var originalStart: Int?
  public var originalEnd: Int?
  /// Other members (from gold files or later tools), kept as they are.
  public var extra: JSONObject

  public init(
    start: Int, end: Int, label: EntityLabel, text: String, id: String? = nil,
    source: EntitySource? = nil,
    lexicon: String? = nil, confidence: Double? = nil, refersTo: String? = nil,
    extra: JSONObject = JSONObject()
  ) {
    self.start = start
    self.end = end
    self.label = label
    self.text = text
    self.id = id
    self.source = source
    self.lexicon = lexicon
    self.confidence = confidence
    self.refersTo = refersTo
    self.extra = extra
  }

  public var span: Span { Span(start: start, end: end) }

  public static func == (lhs: Entity, rhs: Entity) -> Bool {
    lhs.start == rhs.start && lhs.end == rhs.end && lhs.label == rhs.label && lhs.id == rhs.id
      && lhs.refersTo == rhs.refersTo && lhs.source == rhs.source && lhs.extra == rhs.extra
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(start)
    hasher.combine(end)
    hasher.combine(label)
  }

  public func write(to writer: inout JSONWriter) {
    guard extra.isEmpty else { return writeMerged(to: &writer) }
    // The members in sorted key order, written straight (an entity as a `JSONObject` took some
    // 2,000 instructions to build and sort for every entity of every record).
    writer.raw(UInt8(ascii: "{"))
    if let confidence {
      writer.key("confidence")
      writer.double((confidence * 100).rounded() / 100)
      writer.raw(UInt8(ascii: ","))
    }
    writer.key("end")
    writer.int(end)
    if let id {
      writer.raw(",\"id\":")
      writer.string(id)
    }
    writer.raw(",\"label\":")
    writer.string(label.rawValue)
    if let lexicon {
      writer.raw(",\"lexicon\":")
      writer.string(lexicon)
    }
    if let originalEnd {
      writer.raw(",\"original_end\":")
      writer.int(originalEnd)
    }
    if let originalStart {
      writer.raw(",\"original_start\":")
      writer.int(originalStart)
    }
    if let refersTo {
      writer.raw(",\"refers_to\":")
      writer.string(refersTo)
    }
    if let source {
      writer.raw(",\"source\":")
      writer.string(source.rawValue)
    }
    writer.raw(",\"start\":")
    writer.int(start)
    writer.raw(",\"text\":")
    writer.string(text)
    writer.raw(UInt8(ascii: "}"))
  }

  /// An entity with members of its own beside the known ones: all of them, sorted together.
  private func writeMerged(to writer: inout JSONWriter) {
    var object = extra
    object["start"] = .int(start)
    object["end"] = .int(end)
    object["label"] = .string(label.rawValue)
    object["text"] = .string(text)
    if let id { object["id"] = .string(id) }
    if let source { object["source"] = .string(source.rawValue) }
    if let lexicon { object["lexicon"] = .string(lexicon) }
    if let confidence { object["confidence"] = .double((confidence * 100).rounded() / 100) }
    if let refersTo { object["refers_to"] = .string(refersTo) }
    if let originalStart { object["original_start"] = .int(originalStart) }
    if let originalEnd { object["original_end"] = .int(originalEnd) }
    writer.value(.object(object))
  }

  /// Reads an entity object (validated spans come from `Document`).
  init(span: Span, object: JSONObject, text scalars: [Unicode.Scalar]) {
    var extra = object
    for key in [
      "start", "end", "label", "text", "id", "source", "lexicon", "confidence", "refers_to",
      "original_start", "original_end",
    ] {
      extra[key] = nil
    }
    self.init(
      start: span.start, end: span.end, label: EntityLabel(object["label"]?.stringValue ?? ""),
      text: String(scalars: scalars[span.start..<span.end]),
      id: object["id"]?.stringValue, source: object["source"]?.stringValue.map(EntitySource.init),
      lexicon: object["lexicon"]?.stringValue,
      confidence: object["confidence"]?.doubleValue, refersTo: object["refers_to"]?.stringValue,
      extra: extra)
    originalStart = object["original_start"]?.intValue
    originalEnd = object["original_end"]?.intValue
  }
}
