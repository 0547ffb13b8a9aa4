import PrensaCore
import Testing

/// An entity is written member by member, in sorted key order; the text must equal that of the
/// same members as a JSON object, for every combination of the optional members.
@Suite struct EntityWriteTests {
  static func asObject(_ entity: Entity) -> JSONValue {
    var object = entity.extra
    object["start"] = .int(entity.start)
    object["end"] = .int(entity.end)
    object["label"] = .string(entity.label.rawValue)
    object["text"] = .string(entity.text)
    if let id = entity.id { object["id"] = .string(id) }
    if let source = entity.source { object["source"] = .string(source.rawValue) }
    if let lexicon = entity.lexicon { object["lexicon"] = .string(lexicon) }
    if let confidence = entity.confidence {
      object["confidence"] = .double((confidence * 100).rounded() / 100)
    }
    if let refersTo = entity.refersTo { object["refers_to"] = .string(refersTo) }
    if let start = entity.originalStart { object["original_start"] = .int(start) }
    if let end = entity.originalEnd { object["original_end"] = .int(end) }
    return .object(object)
  }

  static func written(_ write: (inout JSONWriter) -> Void) -> String {
    var writer = JSONWriter()
    write(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  @Test func everyCombinationOfMembersIsWrittenInSortedOrder() throws {
    for mask in 0..<(1 << 7) {
      var entity = Entity(
        start: 12, end: 27, label: .geopolitical, text: "Corea del \"Norte\"",
        id: mask & 1 != 0 ? "Q423" : nil, source: mask & 2 != 0 ? .lexicon : nil,
        lexicon: mask & 4 != 0 ? "paises.tsv" : nil, confidence: mask & 8 != 0 ? 0.8349 : nil,
        refersTo: mask & 16 != 0 ? "PRK" : nil)
      if mask & 32 != 0 { entity.originalStart = 140 }
      if mask & 64 != 0 { entity.originalEnd = 158 }
      let direct = Self.written { entity.write(to: &$0) }
      let expected = Self.written { $0.value(Self.asObject(entity)) }
      #expect(direct == expected, "members \(mask)")
      #expect(try JSONParser.parse(direct) == Self.asObject(entity))
    }
  }

  @Test func membersOfItsOwnAreSortedAmongTheKnownOnes() throws {
    let entity = Entity(
      start: 0, end: 5, label: .person, text: "Lula", confidence: 0.5,
      extra: JSONObject([("zeta", .bool(true)), ("alias", .string("Lula da Silva")), ("kb", .null)])
    )
    let text = Self.written { entity.write(to: &$0) }
    #expect(text == Self.written { $0.value(Self.asObject(entity)) })
    #expect(
      text
        == #"{"alias":"Lula da Silva","confidence":0.5,"end":5,"kb":null,"label":"PER","start":0,"text":"Lula","zeta":true}"#
    )
  }
}

/// A token is written in one piece when it has no parts or expansion; the text is the same as
/// member by member.
@Suite struct TokenWriteTests {
  @Test func everyKindAndOffsetWidthIsWrittenAsItsObject() throws {
    for kind in TokenKind.allCases {
      for (start, end) in [(0, 1), (9, 10), (12_345, 12_350), (4_294_967_290, 4_294_967_295)] {
        let token = Token(start: start, end: end, kind: kind)
        var writer = JSONWriter()
        token.write(to: &writer)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == "{\"end\":\(end),\"kind\":\"\(kind.rawValue)\",\"start\":\(start)}")
      }
    }
    let compound = Token(
      start: 3, end: 14, kind: .word, parts: [Span(start: 3, end: 8), Span(start: 9, end: 14)])
    var writer = JSONWriter()
    compound.write(to: &writer)
    #expect(
      String(decoding: writer.bytes, as: UTF8.self)
        == #"{"end":14,"kind":"word","parts":[{"end":8,"start":3},{"end":14,"start":9}],"start":3}"#
    )
  }

  @Test func integersOfEveryWidthAndSign() {
    for value in [0, 7, -7, 10, -10, 99, 100, 123_456_789, -987_654_321, Int.max, Int.min + 1] {
      var writer = JSONWriter()
      writer.int(value)
      #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
    }
  }
}

/// A sentence is written with its span merged into its other members in place; the text must
/// equal that of the same members as a JSON object (span members set last), whatever `extra`
/// holds: no member, members before, between and after `end` and `start`, out of order, and
/// members of those names (the span's replace them).
@Suite struct SentenceWriteTests {
  static let names = ["also", "cooperation", "end", "explain", "ñandú", "start", "stance", "zeta"]

  @Test func everyMixOfMembersIsWrittenAsTheObject() {
    // Every subset of the names, each in two orders (as listed and reversed).
    for mask in 0..<(1 << Self.names.count) {
      let chosen = Self.names.indices.filter { mask & (1 << $0) != 0 }.map { Self.names[$0] }
      for keys in [chosen, chosen.reversed()] {
        let extra = JSONObject(
          keys.enumerated().map { i, key in
            (key, i % 2 == 0 ? JSONValue.string("«\(key)»") : .int(i))
          })
        let sentence = Sentence(start: 40, end: 117, extra: extra)
        var object = extra
        object["start"] = .int(40)
        object["end"] = .int(117)
        let expected = EntityWriteTests.written { $0.value(.object(object)) }
        #expect(EntityWriteTests.written { sentence.write(to: &$0) } == expected)
      }
    }
  }
}
