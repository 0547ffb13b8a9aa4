import PrensaCore
import Testing

@Suite struct JSONParserTests {
  @Test(arguments: [
    #"{"id":"a","text":"Moscú «advierte»"}"#,
    #"{"a":[1,-2.5e3,true,false,null],"b":{"c":"\"\\\/\b\f\n\r\t"}}"#,
    #"{"emoji":"😀 \ud83d\ude00","ctl":"\u0001"}"#,
    #"[]"#,
    #""solo""#,
  ])
  func roundTripsThroughTheWriter(json: String) throws {
    let value = try JSONParser.parse(json)
    var writer = JSONWriter()
    writer.value(value)
    let again = try JSONParser.parse(String(decoding: writer.bytes, as: UTF8.self))
    #expect(again == value)
  }

  @Test func keepsNumbersAsWritten() throws {
    let value = try JSONParser.parse(#"{"price":1.50,"big":12345678901234567890}"#)
    #expect(value["price"] == .number("1.50"))
    #expect(value["big"] == .number("12345678901234567890"))
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#""Mosc\u00fa \ud83c\uddea\ud83c\uddf8 \n""#)
    #expect(value == .string("Moscú 🇪🇸 \n"))
  }

  @Test func writerEscapesOnlyWhatJSONRequires() {
    var writer = JSONWriter()
    writer.string("«Sí» \"no\" \\ / \u{1}\t€")
    #expect(String(decoding: writer.bytes, as: UTF8.self) == #""«Sí» \"no\" \\ / \u0001\t€""#)
  }

  /// Doubles are written as `String(value)` writes them, whether by the digit-by-digit path for
  /// values of three decimals or by the general one.
  @Test func writesDoublesInSwiftsShortestForm() {
    var random = SystemRandomNumberGenerator()
    var values: [Double] = [
      0, -0.0, 1, -1, 0.5, 0.1, 0.001, 0.0005, 1e-7, 2.25, -3, 0.95, 1e11, 1e12, 1e15, 1e300,
      123_456.789,
    ]
    for n in -3000...3000 { values.append(Double(n) / 1000) }
    for _ in 0..<20_000 {
      let x = Double.random(in: -2000...2000, using: &random)
      values += [x, (x * 1000).rounded() / 1000, Double(Float((x * 1000).rounded() / 1000))]
    }
    for value in values {
      var writer = JSONWriter()
      writer.double(value)
      let written = String(decoding: writer.bytes, as: UTF8.self)
      #expect(written == String(value), "\(value)")
      if written != String(value) { return }
    }
    var writer = JSONWriter()
    writer.double(.nan)
    #expect(writer.bytes == Array("null".utf8))
  }

  @Test func writesObjectKeysSorted() throws {
    var writer = JSONWriter()
    writer.value(try JSONParser.parse(#"{"z":1,"a":{"y":2,"b":3},"m":[{"k":1,"c":2}]}"#))
    #expect(
      String(decoding: writer.bytes, as: UTF8.self)
        == #"{"a":{"b":3,"y":2},"m":[{"c":2,"k":1}],"z":1}"#)
  }

  @Test(arguments: [
    "{not json", #"{"a":1,}"#, #"{"a" 1}"#, "[1,2", #""abc"#, "01", "1.", "tru", #"{"a":1} x"#, "",
    "\"tab\there\"", #""\x""#,
  ])
  func rejectsMalformedJSON(json: String) {
    #expect(throws: InputError.Reason.self) { try JSONParser.parse(json) }
  }

  @Test func rejectsDuplicateKeys() {
    #expect(throws: InputError.Reason.duplicateKey("id")) {
      try JSONParser.parse(#"{"id":"a","id":"b"}"#)
    }
    // Small objects compare keys one by one, large ones use a set: both find the repeat.
    let many = (0..<30).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
    #expect(throws: InputError.Reason.duplicateKey("k3")) {
      try JSONParser.parse("{\(many),\"k3\":0}")
    }
    #expect(throws: InputError.Reason.duplicateKey("k29")) {
      try JSONParser.parse("{\(many),\"k29\":0}")
    }
    #expect(throws: Never.self) { try JSONParser.parse("{\(many),\"k30\":0}") }
  }

  @Test(arguments: ["año", "Corea del Norte", "naïve ☃ 😀", "plain ascii"])
  func stringsRoundTripWhateverTheirBytes(text: String) throws {
    let value = try JSONParser.parse("{\"text\":\"\(text)\"}")
    #expect(value["text"]?.stringValue == text)
  }

  @Test func boundsNestingDepth() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: InputError.Reason.nestingTooDeep(limit: JSONParser.maximumDepth)) {
      try JSONParser.parse(deep)
    }
    let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: Never.self) { try JSONParser.parse(fine) }
  }

  @Test func repairsLoneSurrogatesAndInvalidUTF8() throws {
    var bytes = Array(#"{"id":"a","text":"a\ud800b "#.utf8) + [0xFF] + Array(#"c"}"#.utf8)
    let result = try bytes.withUnsafeMutableBufferPointer {
      try JSONParser.parse(UnsafeBufferPointer($0))
    }
    #expect(result.repaired)
    #expect(result.value["text"] == .string("a\u{FFFD}b \u{FFFD}c"))
  }

  @Test func parsesAHugeLine() throws {
    let text = String(repeating: "La cooperación ruso-norcoreana. ", count: 200_000)
    let value = try JSONParser.parse(#"{"id":"big","text":"\#(text)"}"#)
    #expect(value["text"]?.stringValue?.count == text.count)
  }

  @Test func aSerializedValueReadsAndWritesAsTheValueItEncodes() throws {
    let object = try JSONParser.parse(
      #"{"category":"diplomatic","also":["economic"],"score":4.5,"from_context":true,"holder":null}"#
    )
    let compact = JSONValue.serializing(object)
    guard case .serialized(let text) = compact else {
      Issue.record("not serialized")
      return
    }
    // The writer's own form: members sorted, no spaces.
    let expected =
      #"{"also":["economic"],"category":"diplomatic","from_context":true,"#
      + #""holder":null,"score":4.5}"#
    #expect(text == expected)
    #expect(compact == object)
    #expect(object == compact)
    #expect(compact != .object(JSONObject([("category", "conflict")])))
    #expect(compact["category"]?.stringValue == "diplomatic")
    #expect(compact["also"]?.arrayValue == ["economic"])
    #expect(compact["score"]?.doubleValue == 4.5)
    #expect(compact["from_context"]?.boolValue == true)
    #expect(compact.typeName == "object")
    var plain = JSONWriter()
    plain.value(.object(JSONObject([("x", object)])))
    var kept = JSONWriter()
    kept.value(.object(JSONObject([("x", compact)])))
    #expect(plain.bytes == kept.bytes)
  }
}
