import Interchange
import PrensaCore
import Testing

/// Records with entities and labelled sentences, including an astral-plane character (two UTF-16
/// units), a sentence across a line break (brat fragments) and a second document.
let analysed: [Document] = {
  func document(
    _ id: String, _ text: String, entities: [(Int, Int, String)],
    sentences: [(Int, Int, String, String)]
  ) -> Document {
    var d = Document(id: id, text: text)
    let s = d.scalars()
    d.entities = entities.map {
      Entity(
        start: $0.0, end: $0.1, label: EntityLabel($0.2), text: String(scalars: s[$0.0..<$0.1]))
    }
    d.sentences = sentences.map {
      Sentence(
        start: $0.0, end: $0.1,
        extra: JSONObject([
          ("cooperation", .object(JSONObject([("category", .string($0.2))]))),
          ("stance", .object(JSONObject([("label", .string($0.3))]))),
        ]))
    }
    return d
  }
  let first = "Rusia y China firmaron un acuerdo 🇪🇸 en Pekín.\nLa OTAN condenó\nel ataque."
  let second = "Colombia y el ELN pactaron un cese al fuego en La Habana."
  return [
    document(
      "a/1", first, entities: [(0, 5, "GPE"), (8, 13, "GPE"), (40, 45, "GPE"), (50, 54, "ORG")],
      sentences: [(0, 46, "diplomatic", "neutral"), (47, 73, "conflict", "alarm")]),
    document(
      "b", second, entities: [(0, 8, "GPE"), (14, 17, "ORG"), (47, 56, "GPE")],
      sentences: [(0, 57, "military", "support")]),
  ]
}()

/// What a round trip must keep: entity spans and labels, sentence spans and labels.
func essence(_ documents: [Document]) -> [String] {
  documents.map { d in
    let entities = (d.entities ?? []).map { "\($0.start)-\($0.end):\($0.label):\($0.text)" }
    let sentences = (d.sentences ?? []).map {
      "\($0.start)-\($0.end):\($0.extra["cooperation"]?.objectValue?["category"]?.stringValue ?? "-"):\($0.extra["stance"]?.objectValue?["label"]?.stringValue ?? "-")"
    }
    return
      "\(d.id)|\(d.text)|\(entities.joined(separator: ","))|\(sentences.joined(separator: ","))"
  }
}

@Suite struct RoundTripTests {
  @Test func labelStudioRoundTrips() throws {
    let exported = Exporter.labelStudio(analysed)
    let imported = try Importer.labelStudio(exported, file: "tasks.json")
    #expect(essence(imported) == essence(analysed))
  }

  @Test func labelStudioOffsetsAreUTF16() throws {
    let exported = Exporter.labelStudio(analysed)
    // Pekín starts at scalar 40, after a flag of two astral scalars: UTF-16 offset 42.
    #expect(exported.contains("\"end\":47,\"labels\":[\"GPE\"],\"start\":42,\"text\":\"Pekín\""))
  }

  @Test func aCorrectedLabelStudioAnnotationWinsOverThePrediction() throws {
    let task = """
      [{"id": 7, "data": {"id": "n", "text": "Lula visitó Pekín."},
        "predictions": [{"result": [{"from_name": "label", "value": {"start": 0, "end": 4, "labels": ["ORG"]}}]}],
        "annotations": [{"result": [{"from_name": "label", "value": {"start": 0, "end": 4, "labels": ["PER"]}},
                                    {"from_name": "label", "value": {"start": 12, "end": 17, "labels": ["GPE"]}}]}]}]
      """
    let imported = try Importer.labelStudio(task, file: "t.json")
    #expect(essence(imported) == ["n|Lula visitó Pekín.|0-4:PER:Lula,12-17:GPE:Pekín|"])
  }

  @Test func doccanoRoundTrips() throws {
    let imported = try Importer.doccano(Exporter.doccano(analysed), file: "d.jsonl")
    #expect(essence(imported) == essence(analysed))
  }

  @Test func bratRoundTripsIncludingSentencesAcrossLineBreaks() throws {
    let imported = try analysed.map { document throws(Importer.Failure) -> Document in
      let (text, annotations) = Exporter.brat(document)
      return try Importer.brat(text: text, annotations: annotations, id: document.id, file: "x.ann")
    }
    #expect(essence(imported) == essence(analysed))
    // The second sentence crosses a line break: two fragments.
    #expect(Exporter.brat(analysed[0]).annotations.contains("Sentence 47 62;63 73\t"))
  }

  @Test(arguments: [
    (
      "{\"text\": \"Hola\", \"label\": [[0, 9, \"GPE\"]]}",
      "d.jsonl:1: span [0, 9) outside the text (4 characters)"
    ),
    (
      "{\"text\": \"Hola\", \"label\": [[0, \"x\"]]}",
      "d.jsonl:1: a label must be [start, end, LABEL]"
    ),
    ("no json", "d.jsonl:1: not JSON"),
  ])
  func badDoccanoLinesAreLocated(line: String, message: String) {
    #expect(throws: Importer.Failure.self) { try Importer.doccano(line, file: "d.jsonl") }
    do {
      _ = try Importer.doccano(line, file: "d.jsonl")
    } catch {
      #expect(error.description.hasPrefix(message), "\(error)")
    }
  }

  @Test func csvQuotesWhatNeedsQuoting() {
    let csv = Exporter.csv(analysed, table: "sentences")
    let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "doc_id,sentence,start,end,category,stance,holder,text")
    #expect(csv.contains("a/1,2,47,73,conflict,alarm,,\"La OTAN condenó\nel ataque.\""))
  }

  @Test func conllTagsTokensInBIO() {
    var document = analysed[1]
    document.tokens = [
      Token(start: 0, end: 8, kind: .word), Token(start: 9, end: 10, kind: .word),
      Token(start: 11, end: 13, kind: .word), Token(start: 14, end: 17, kind: .word),
    ]
    let conll = Exporter.conll([document])
    #expect(conll.contains("Colombia B-GPE\ny O\nel O\nELN B-ORG\n"))
  }
}
