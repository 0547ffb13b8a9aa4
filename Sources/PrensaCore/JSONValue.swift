/// A JSON value as read from a record, kept exactly enough to be written back unchanged.
///
/// Numbers keep their source text, so a field prensa does not know (`"price": 1.50`) passes
/// through byte for byte. Objects keep their members in source order; the writer sorts them.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  /// A number, as its JSON text (`"42"`, `"-1.5e3"`).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)
  /// A value held as its compact JSON text, as `JSONWriter` writes it (object members sorted):
  /// written back verbatim, and read through the accessors below as the value it encodes. A
  /// stage that gives each of a huge record's sentences a small object keeps them this way (one
  /// string instead of dozens of small allocations each).
  case serialized(String)

  /// A value as compact JSON text (`.serialized`).
  public static func serializing(_ value: JSONValue) -> JSONValue {
    var writer = JSONWriter()
    writer.value(value)
    return .serialized(String(decoding: writer.bytes, as: UTF8.self))
  }

  /// The value a `.serialized` one encodes (itself otherwise); `.null` should the text not parse
  /// (it cannot: only `serializing` makes it).
  public var decoded: JSONValue {
    guard case .serialized(let text) = self else { return self }
    return (try? JSONParser.parse(text)) ?? .null
  }

  /// A number value for an integer.
  public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

  /// A number value for a double, written in Swift's shortest round-trip form.
  public static func double(_ value: Double) -> JSONValue {
    value.isFinite ? .number(String(value)) : .null
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    if case .serialized = self { return decoded.stringValue }
    return nil
  }

  /// The value as an integer, when it is a JSON number with no fraction or exponent.
  public var intValue: Int? {
    if case .number(let text) = self { return Int(text) }
    if case .serialized = self { return decoded.intValue }
    return nil
  }

  public var doubleValue: Double? {
    if case .number(let text) = self { return Double(text) }
    if case .serialized = self { return decoded.doubleValue }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    if case .serialized = self { return decoded.boolValue }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    if case .serialized = self { return decoded.arrayValue }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    if case .serialized = self { return decoded.objectValue }
    return nil
  }

  /// The name of this value's JSON type, for error messages.
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    case .serialized: decoded.typeName
    }
  }

  /// Equal values, whatever their form: a `.serialized` value equals the value it encodes.
  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.serialized(let x), .serialized(let y)) where x == y: true
    case (.serialized, _), (_, .serialized): a.decoded == b.decoded
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x == y
    default: false
    }
  }

  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }
}

/// A JSON object: members in source order, with unique keys.
public struct JSONObject: Equatable, Sendable, Sequence {
  public private(set) var members: [(key: String, value: JSONValue)]

  public init() { members = [] }

  /// An object with `members` in order; a repeated key keeps its first place and its last value.
  public init(_ members: [(String, JSONValue)]) {
    self.members = []
    self.members.reserveCapacity(members.count)
    for (key, value) in members {
      if let index = self.members.firstIndex(where: { $0.key == key }) {
        self.members[index].value = value
      } else {
        self.members.append((key, value))
      }
    }
  }

  public var isEmpty: Bool { members.isEmpty }
  public var count: Int { members.count }
  public var keys: [String] { members.map(\.key) }

  /// Looks up or sets a member; setting `nil` removes it.
  ///
  /// - Complexity: O(*n*) in the number of members; records have few.
  public subscript(key: String) -> JSONValue? {
    get {
      for member in members where member.key == key { return member.value }
      return nil
    }
    set {
      if let index = members.firstIndex(where: { $0.key == key }) {
        if let newValue { members[index].value = newValue } else { members.remove(at: index) }
      } else if let newValue {
        members.append((key, newValue))
      }
    }
  }

  mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(count) }

  /// Whether key `a` comes before key `b` in the order objects are written: by their UTF-8 bytes.
  @inline(__always) public static func precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// The members in the order objects are written (`precedes`), sorted only when they are not
  /// (the few members of a record or a sentence usually come in order).
  public var membersInKeyOrder: [(key: String, value: JSONValue)] {
    members.sortedUnlessOrdered { Self.precedes($0.key, $1.key) }
  }

  /// Appends a member without checking for an existing key (the parser checks).
  mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
    members.append((key, value))
  }

  public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
    members.makeIterator()
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.members.count == rhs.members.count else { return false }
    for member in lhs.members where rhs[member.key] != member.value { return false }
    return true
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements))
  }
  public init(nilLiteral: ()) { self = .null }
}
