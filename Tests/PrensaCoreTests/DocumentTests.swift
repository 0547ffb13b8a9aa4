import PrensaCore
import Testing

@Suite struct DocumentTests {
  let here = SourceLocation(file: "in.jsonl", line: 7)

  @Test(arguments: [
    ("{not json", InputError.Reason.invalidJSON("expected a key in quotes at byte 2")),
    (#"{"id":"1"}"#, .missingField("text")),
    (#"{"text":"Hola"}"#, .missingField("id")),
    (#"{"id":7,"text":"Hola"}"#, .wrongType(field: "id", expected: "a string", found: "number")),
    (
      #"{"id":"1","text":["Hola"]}"#,
      .wrongType(field: "text", expected: "a string", found: "array")
    ),
    (#"["id","text"]"#, .notAnObject(found: "array")),
    (
      #"{"id":"1","text":"Hola","tokens":[{"start":0,"end":9}]}"#,
      .offsetOutOfRange(field: "tokens[0]", offset: 9, textLength: 4)
    ),
    (
      #"{"id":"1","text":"Hola mundo","sentences":[{"start":0,"end":5},{"start":3,"end":10}]}"#,
      .spansOutOfOrder(field: "sentences", index: 1)
    ),
    (
      #"{"id":"1","text":"Hola","entities":[{"start":-1,"end":2}]}"#,
      .offsetOutOfRange(field: "entities[0]", offset: -1, textLength: 4)
    ),
  ])
  func badLineIsLocated(line: String, reason: InputError.Reason) {
    #expect(throws: InputError(location: here, reason: reason)) {
      _ = try RecordStream.decode(line, at: here)
    }
  }

  @Test func errorMessageNamesFileAndLine() {
    let error = InputError(location: here, reason: .missingField("text"))
    #expect(error.description == "in.jsonl:7: missing field 'text'")
  }

  @Test func unknownFieldsPassThroughUnchanged() throws {
    let line =
      #"{"id":"efe-1","meta":{"source":"EFE","date":"2024-05-02","score":0.10},"text":"Hola","tags":["a",null,true]}"#
    let document = try RecordStream.decode(line, at: here)
    #expect(
      document.fields["meta"]
        == (try JSONParser.parse(#"{"source":"EFE","date":"2024-05-02","score":0.10}"#)))
    let written = try JSONParser.parse(document.jsonLine)
    #expect(written["tags"] == (try JSONParser.parse(#"["a",null,true]"#)))
    #expect(document.jsonLine.contains(#""score":0.10"#))
  }

  @Test func writingIsDeterministicAndSorted() throws {
    let line = #"{"z":1,"text":"Pedro Sánchez visitó Bogotá.","id":"x","a":{"k":2,"b":1}}"#
    let first = try RecordStream.decode(line, at: here).jsonLine
    let second = try RecordStream.decode(first, at: here).jsonLine
    #expect(first == second)
    #expect(first.hasPrefix(#"{"a":{"b":1,"k":2},"id":"x","prensa":"#))
  }

  /// Carried fields are merged in among the record's own members, every key in byte order,
  /// upper case before lower and a prefix before what extends it.
  @Test func carriedFieldsSortAmongTheRecordsOwnMembers() throws {
    let line =
      #"{"zz":0,"text":"Hola","textual":1,"id":"x","i":2,"Z":3,"tokens_extra":4,"entities_":5,"é":6}"#
    var document = try RecordStream.decode(line, at: here)
    document.tokens = [Token(start: 0, end: 4, kind: .word)]
    document.entities = []
    let written = try JSONParser.parse(document.jsonLine)
    guard case .object(let object) = written else {
      Issue.record("not an object")
      return
    }
    let keys = object.keys
    #expect(
      keys == [
        "Z", "entities", "entities_", "i", "id", "prensa", "text", "textual", "tokens",
        "tokens_extra", "zz", "é",
      ])
    #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  @Test func recordsAppliedStages() throws {
    var document = Document(id: "a", text: "Hola")
    document.stages = ["normalize", "tokenize"]
    let again = try RecordStream.decode(document.jsonLine, at: here)
    #expect(again.stages == ["normalize", "tokenize"])
    #expect(
      document.jsonLine.contains(
        #""prensa":{"schema":1,"stages":["normalize","tokenize"],"version":"#))
  }

  struct Marker: Stage {
    let name: String
    func process(_ document: inout Document, in context: StageContext) throws(StageError) {
      document.fields["seen", default: []] = .array(
        (document.fields["seen"]?.arrayValue ?? []) + [.string(name)])
    }
  }

  @Test func pipelineRunsMissingPrerequisitesOnlyOnce() throws {
    let pipeline = Pipeline([
      Marker(name: "normalize"), Marker(name: "tokenize"), Marker(name: "tag"),
    ])
    var bare = Document(id: "a", text: "Hola")
    try pipeline.process(&bare)
    #expect(bare.fields["seen"] == ["normalize", "tokenize", "tag"])
    var tokenized = Document(id: "b", text: "Hola")
    tokenized.stages = ["normalize", "tokenize"]
    try pipeline.process(&tokenized)
    #expect(tokenized.fields["seen"] == ["tag"])
    try pipeline.process(&tokenized)
    #expect(tokenized.stages == ["normalize", "tokenize", "tag"])
  }
}

extension JSONObject {
  subscript(key: String, default defaultValue: JSONValue) -> JSONValue {
    get { self[key] ?? defaultValue }
    set { self[key] = newValue }
  }
}
