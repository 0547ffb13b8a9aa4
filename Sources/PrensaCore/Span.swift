/// A half-open range `[start, end)` of Unicode scalar offsets into a record's `text`.
public struct Span: Hashable, Sendable, Comparable, JSONWritable {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  public var isEmpty: Bool { start >= end }
  public var length: Int { end - start }

  public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }

  public static func < (lhs: Span, rhs: Span) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }

  public func write(to writer: inout JSONWriter) {
    writer.raw("{\"end\":")
    writer.int(end)
    writer.raw(",\"start\":")
    writer.int(start)
    writer.raw(UInt8(ascii: "}"))
  }
}

/// The kind of a token, as the tokenize stage assigns it.
public enum TokenKind: String, Sendable, CaseIterable {
  case word, number, punct, symbol, url, email, hashtag, mention, emoji, abbreviation

  /// The raw value as a static string (written with no `String` to retain and release).
  var staticName: StaticString {
    switch self {
    case .word: "word"
    case .number: "number"
    case .punct: "punct"
    case .symbol: "symbol"
    case .url: "url"
    case .email: "email"
    case .hashtag: "hashtag"
    case .mention: "mention"
    case .emoji: "emoji"
    case .abbreviation: "abbreviation"
    }
  }
}

/// One token: its span, kind, the parts of a compound and the syntactic words of a contraction.
///
/// A record of a whole book has millions of tokens: the offsets are kept in 32 bits, and the
/// parts and expansion, which few tokens have, share one boxed reference (24 bytes a token
/// instead of 40; a copy retains one reference, not two); `tokenize` refuses a text of 2^31
/// UTF-16 units or more (ICU's limit, below this one).
public struct Token: Hashable, Sendable, JSONWritable {
  private var start32: UInt32
  private var end32: UInt32
  public var kind: TokenKind
  /// The parts and the expansion, when the token has either.
  @usableFromInline var extras: Extras?

  /// A token's parts and expansion, immutable: a change makes a new box. Equal boxes have equal
  /// contents (compared by identity first: a copied token shares its box).
  @usableFromInline final class Extras: Hashable, Sendable {
    @usableFromInline let parts: [Span]?
    @usableFromInline let expansion: [String]?

    private init(parts: [Span]?, expansion: [String]?) {
      self.parts = parts
      self.expansion = expansion
    }

    /// A box for `parts` and `expansion`, or nil when both are nil.
    static func make(parts: [Span]?, expansion: [String]?) -> Extras? {
      parts == nil && expansion == nil ? nil : Extras(parts: parts, expansion: expansion)
    }

    @usableFromInline static func == (a: Extras, b: Extras) -> Bool {
      a === b || (a.parts == b.parts && a.expansion == b.expansion)
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
      hasher.combine(parts)
      hasher.combine(expansion)
    }
  }

  public init(
    start: Int, end: Int, kind: TokenKind, parts: [Span]? = nil, expansion: [String]? = nil
  ) {
    start32 = UInt32(truncatingIfNeeded: start)
    end32 = UInt32(truncatingIfNeeded: end)
    self.kind = kind
    extras = Extras.make(parts: parts, expansion: expansion)
  }

  /// The parts of a hyphenated compound (`Rusia-Corea`), each a span of `text`.
  public var parts: [Span]? {
    @inlinable get { extras?.parts }
    set { extras = Extras.make(parts: newValue, expansion: extras?.expansion) }
  }

  /// The syntactic words of a contraction or a verb with clitics (`del` → `de`, `el`).
  public var expansion: [String]? {
    @inlinable get { extras?.expansion }
    set { extras = Extras.make(parts: extras?.parts, expansion: newValue) }
  }

  public var start: Int {
    @inline(__always) get { Int(start32) }
    set { start32 = UInt32(truncatingIfNeeded: newValue) }
  }

  public var end: Int {
    @inline(__always) get { Int(end32) }
    set { end32 = UInt32(truncatingIfNeeded: newValue) }
  }

  public var span: Span { Span(start: start, end: end) }

  public func write(to writer: inout JSONWriter) {
    guard let extras else {
      // Most tokens: the whole object in one append (offsets of at most 10 digits, a kind name
      // of at most 12 bytes: 59 bytes at most; `int` asks for room for 20 digits).
      return writer.compose(capacity: 96) {
        $0.raw("{\"end\":")
        $0.int(end)
        $0.raw(",\"kind\":\"")
        $0.raw(kind.staticName)
        $0.raw("\",\"start\":")
        $0.int(start)
        $0.raw(UInt8(ascii: "}"))
      }
    }
    writer.raw("{\"end\":")
    writer.int(end)
    if let expansion = extras.expansion {
      writer.raw(",\"expansion\":[")
      for (i, word) in expansion.enumerated() {
        if i > 0 { writer.raw(UInt8(ascii: ",")) }
        writer.string(word)
      }
      writer.raw(UInt8(ascii: "]"))
    }
    writer.raw(",\"kind\":\"")
    writer.append(kind.rawValue)
    writer.raw(UInt8(ascii: "\""))
    if let parts = extras.parts {
      writer.raw(",\"parts\":")
      writer.array(parts)
    }
    writer.raw(",\"start\":")
    writer.int(start)
    writer.raw(UInt8(ascii: "}"))
  }
}

/// One sentence: its span, and whatever later stages or gold files attach to it.
public struct Sentence: Hashable, Sendable, JSONWritable {
  public var start: Int
  public var end: Int
  /// Other members (`cooperation`, `stance`, ...), kept as they are.
  public var extra: JSONObject

  public init(start: Int, end: Int, extra: JSONObject = JSONObject()) {
    self.start = start
    self.end = end
    self.extra = extra
  }

  public var span: Span { Span(start: start, end: end) }

  public static func == (lhs: Sentence, rhs: Sentence) -> Bool {
    lhs.start == rhs.start && lhs.end == rhs.end && lhs.extra == rhs.extra
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(start)
    hasher.combine(end)
  }

  /// The object `extra` with `start` and `end` set, members in sorted key order, as
  /// `JSONWriter.value` writes it: `extra`'s members (sorted when they are not: a sentence
  /// usually holds two, in order) merged with the two span members, which replace any of
  /// `extra`'s of the same name. Written in place: a copy of `extra` with the span added, sorted
  /// again, was a fifth of writing a short record.
  public func write(to writer: inout JSONWriter) {
    let members = extra.membersInKeyOrder
    writer.raw(UInt8(ascii: "{"))
    var next = 0
    var first = true
    func member(_ index: Int) {
      if !first { writer.raw(UInt8(ascii: ",")) }
      first = false
      writer.string(members[index].key)
      writer.raw(UInt8(ascii: ":"))
      writer.value(members[index].value)
    }
    func span(_ key: String, _ quoted: StaticString, _ value: Int) {
      while next < members.count && JSONObject.precedes(members[next].key, key) {
        member(next)
        next += 1
      }
      if next < members.count && members[next].key == key { next += 1 }
      if !first { writer.raw(UInt8(ascii: ",")) }
      first = false
      writer.raw(quoted)
      writer.int(value)
    }
    span("end", "\"end\":", end)
    span("start", "\"start\":", start)
    while next < members.count {
      member(next)
      next += 1
    }
    writer.raw(UInt8(ascii: "}"))
  }
}
