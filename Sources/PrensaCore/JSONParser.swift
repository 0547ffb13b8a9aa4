/// A strict JSON parser over UTF-8 bytes (RFC 8259), written for one record per line.
///
/// Beyond the RFC it rejects duplicate keys and nesting deeper than `maximumDepth` (so a hostile
/// line cannot exhaust the stack), repairs invalid UTF-8 and unpaired surrogate escapes to U+FFFD
/// and says so in `repairedText`.
public struct JSONParser {
  /// How deep arrays and objects may nest.
  public static let maximumDepth = 512

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  private var depth = 0
  /// Whether any string needed U+FFFD for invalid UTF-8 or a lone surrogate escape.
  public private(set) var repairedText = false

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses one complete JSON value.
  ///
  /// - Returns: the value, and whether text had to be repaired.
  /// - Throws: the reason the bytes are not one JSON value.
  /// - Complexity: O(*n*) in the number of bytes.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError.Reason) -> (
    value: JSONValue, repaired: Bool
  ) {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    if parser.position < bytes.count {
      throw parser.failure("unexpected '\(parser.describeByte())' after the value")
    }
    return (value, parser.repairedText)
  }

  /// Parses one JSON value from a string (for tests and small inputs).
  public static func parse(_ text: String) throws(InputError.Reason) -> JSONValue {
    var copy = Array(text.utf8)
    let result: Result<JSONValue, InputError.Reason> = copy.withUnsafeMutableBufferPointer {
      do throws(InputError.Reason) {
        return .success(try parse(UnsafeBufferPointer($0)).value)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  // MARK: - Values

  private mutating func parseValue() throws(InputError.Reason) -> JSONValue {
    guard position < bytes.count else { throw failure("unexpected end of line") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw failure("unexpected '\(describeByte())'")
    }
  }

  private mutating func enter() throws(InputError.Reason) {
    depth += 1
    if depth > Self.maximumDepth { throw .nestingTooDeep(limit: Self.maximumDepth) }
  }

  private mutating func parseObject() throws(InputError.Reason) -> JSONValue {
    try enter()
    position += 1
    var object = JSONObject()
    // Records have many small objects (a token has three or four keys): a duplicate key is looked
    // for by comparing keys up to a dozen, and in a set beyond.
    var seen: Set<String>?
    object.reserveCapacity(4)
    skipWhitespace()
    if peek == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(object)
    }
    while true {
      skipWhitespace()
      guard peek == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
      let key = try parseString()
      skipWhitespace()
      guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after key '\(key)'") }
      position += 1
      skipWhitespace()
      let value = try parseValue()
      if object.count < 12 {
        if object.members.contains(where: { $0.key == key }) { throw .duplicateKey(key) }
      } else {
        if seen == nil { seen = Set(object.members.map(\.key)) }
        guard seen?.insert(key).inserted == true else { throw .duplicateKey(key) }
      }
      object.appendUnchecked(key, value)
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        depth -= 1
        return .object(object)
      case nil: throw failure("unterminated object")
      default: throw failure("expected ',' or '}' in object")
      }
    }
  }

  private mutating func parseArray() throws(InputError.Reason) -> JSONValue {
    try enter()
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        depth -= 1
        return .array(elements)
      case nil: throw failure("unterminated array")
      default: throw failure("expected ',' or ']' in array")
      }
    }
  }

  private mutating func parseNumber() throws(InputError.Reason) -> JSONValue {
    let start = position
    if peek == UInt8(ascii: "-") { position += 1 }
    guard let first = peek, isDigit(first) else { throw failure("invalid number") }
    if first == UInt8(ascii: "0") {
      position += 1
    } else {
      while let b = peek, isDigit(b) { position += 1 }
    }
    if peek == UInt8(ascii: ".") {
      position += 1
      guard let b = peek, isDigit(b) else { throw failure("invalid number") }
      while let b = peek, isDigit(b) { position += 1 }
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      position += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
      guard let b = peek, isDigit(b) else { throw failure("invalid number") }
      while let b = peek, isDigit(b) { position += 1 }
    }
    return .number(
      String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(InputError.Reason) {
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw failure("invalid literal") }
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
    for i in 0..<count where bytes[position + i] != expected[i] {
      throw failure("invalid literal")
    }
    position += count
  }

  // MARK: - Strings

  private mutating func parseString() throws(InputError.Reason) -> String {
    position += 1
    let start = position
    var bits: UInt8 = 0
    // Fast path: no escapes, so the string is a slice of the input.
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        // ASCII is valid UTF-8 as it stands.
        return bits < 0x80 ? String(decoding: slice, as: UTF8.self) : makeString(slice)
      }
      bits |= b
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { throw failure("control character in string") }
      position += 1
    }
    var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        position += 1
        return buffer.withUnsafeBufferPointer { makeString($0) }
      }
      if b < 0x20 { throw failure("control character in string") }
      if b != UInt8(ascii: "\\") {
        buffer.append(b)
        position += 1
        continue
      }
      position += 1
      guard let escape = peek else { break }
      position += 1
      switch escape {
      case UInt8(ascii: "\""): buffer.append(0x22)
      case UInt8(ascii: "\\"): buffer.append(0x5C)
      case UInt8(ascii: "/"): buffer.append(0x2F)
      case UInt8(ascii: "b"): buffer.append(0x08)
      case UInt8(ascii: "f"): buffer.append(0x0C)
      case UInt8(ascii: "n"): buffer.append(0x0A)
      case UInt8(ascii: "r"): buffer.append(0x0D)
      case UInt8(ascii: "t"): buffer.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try parseHex4()
        if (0xD800...0xDBFF).contains(scalar) {
          // A high surrogate must be followed by an escaped low one.
          if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
          {
            let saved = position
            position += 2
            let low = try parseHex4()
            if (0xDC00...0xDFFF).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              position = saved
              scalar = 0xFFFD
              repairedText = true
            }
          } else {
            scalar = 0xFFFD
            repairedText = true
          }
        } else if (0xDC00...0xDFFF).contains(scalar) {
          scalar = 0xFFFD
          repairedText = true
        }
        appendUTF8(scalar, to: &buffer)
      default: throw failure("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
      }
    }
    throw failure("unterminated string")
  }

  private mutating func parseHex4() throws(InputError.Reason) -> UInt32 {
    guard position + 4 <= bytes.count else { throw failure("invalid \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[position]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw failure("invalid \\u escape")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  private mutating func makeString(_ slice: UnsafeBufferPointer<UInt8>) -> String {
    if let valid = String(validating: slice, as: UTF8.self) { return valid }
    repairedText = true
    return String(decoding: slice, as: UTF8.self)
  }

  // MARK: - Helpers

  private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  private func describeByte() -> String {
    guard position < bytes.count else { return "end of line" }
    let b = bytes[position]
    return b >= 0x20 && b < 0x7F ? String(Unicode.Scalar(b)) : "\\x" + String(b, radix: 16)
  }

  private func failure(_ detail: String) -> InputError.Reason {
    .invalidJSON("\(detail) at byte \(position + 1)")
  }
}

/// Appends the UTF-8 encoding of `scalar` (assumed valid) to `buffer`.
@inline(__always)
func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
  switch scalar {
  case 0..<0x80:
    buffer.append(UInt8(scalar))
  case 0x80..<0x800:
    buffer.append(UInt8(0xC0 | scalar >> 6))
    buffer.append(UInt8(0x80 | scalar & 0x3F))
  case 0x800..<0x10000:
    buffer.append(UInt8(0xE0 | scalar >> 12))
    buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
    buffer.append(UInt8(0x80 | scalar & 0x3F))
  default:
    buffer.append(UInt8(0xF0 | scalar >> 18))
    buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
    buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
    buffer.append(UInt8(0x80 | scalar & 0x3F))
  }
}
