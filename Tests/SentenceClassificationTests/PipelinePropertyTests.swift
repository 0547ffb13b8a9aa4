import EntityTagging
import Normalization
import PrensaCore
import PrensaTestSupport
import Testing
import Tokenization

/// Generated text through every stage: the record contract's invariants must hold for any input.
@Suite struct PipelinePropertyTests {
  static let pieces = [
    "Rusia", "Corea del Norte", "Kim Jong Un", "Moscú", "OTAN", "EE. UU.", "ruso-norcoreana",
    "el Kremlin",
    "ha enviado municiones", "no se descarta", "podría", "advierten que", "según Reuters,", "Sr.",
    "1.500", "3,5 %",
    " ", "  ", "\n", "\n\n", "\t", ". ", "? ", "¿", "¡", "«", "»", "—", "…", "(", ")", ",", "-",
    "e\u{301}", "n\u{303}", "\u{0301}\u{0301}", "👨\u{200D}👩\u{200D}👧", "🇪🇸", "😀", "שלום עולם",
    "مرحبا بكم", "Ünïcödé",
    "\u{FEFF}", "\u{200B}", "\u{00AD}", "MoscÃº", "â€œ", "&aacute;", "&", "ﬁ", "Ａ",
    "https://efe.com/x?y=1", "#Paz", "@ONU",
    "a@b.es", "dárselo", "del", "Ministerio de Defensa de Japón", "(RAA)",
    "Acuerdo de Acceso Recíproco", "\u{0007}",
    "\u{2028}", "\u{2029}", "x", "Z", "9", "ñ",
  ]

  static func samples(_ count: Int, seed: UInt64) -> [String] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
      let length = Int.random(in: 0...40, using: &generator)
      return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }
  }

  func checkInvariants(_ document: Document, input: String) {
    let scalars = Array(document.text.unicodeScalars)
    let n = scalars.count
    let tokens = document.tokens ?? []
    for (i, token) in tokens.enumerated() {
      #expect(
        token.start >= 0 && token.start < token.end && token.end <= n,
        "token \(i) out of bounds in \(input.debugDescription)")
      if i > 0 {
        #expect(tokens[i - 1].end <= token.start, "tokens overlap in \(input.debugDescription)")
      }
      for part in token.parts ?? [] { #expect(part.start >= token.start && part.end <= token.end) }
    }
    let sentences = document.sentences ?? []
    for (i, sentence) in sentences.enumerated() {
      #expect(sentence.start < sentence.end && sentence.end <= n)
      if i > 0 {
        #expect(
          sentences[i - 1].end <= sentence.start, "sentences overlap in \(input.debugDescription)")
      }
      for key in ["cooperation", "stance"] {
        for cue in sentence.extra[key]?["cues"]?.arrayValue ?? [] {
          let start = cue["start"]?.intValue ?? -1
          let end = cue["end"]?.intValue ?? -1
          #expect(
            start >= sentence.start && end <= sentence.end && start < end,
            "cue outside its sentence")
        }
      }
    }
    for token in tokens {
      #expect(
        sentences.contains { $0.start <= token.start && token.end <= $0.end },
        "a token outside every sentence")
    }
    let entities = document.entities ?? []
    for (i, entity) in entities.enumerated() {
      #expect(entity.start >= 0 && entity.start < entity.end && entity.end <= n)
      #expect(
        entity.text == String(scalars: scalars[entity.start..<entity.end]),
        "entity text differs from its slice")
      if i > 0 {
        #expect(
          entities[i - 1].end <= entity.start, "entities overlap in \(input.debugDescription)")
      }
      if let original = document.original {
        let length = original.unicodeScalars.count
        #expect((entity.originalStart ?? -1) >= 0 && (entity.originalEnd ?? length + 1) <= length)
      }
    }
    if let original = document.original, let alignment = document.alignment {
      let length = original.unicodeScalars.count
      for i in 0..<n {
        let span = alignment.originalSpan(of: Span(start: i, end: i + 1))
        #expect(span.start >= 0 && span.end <= length && span.start < span.end)
      }
    }
  }

  @Test func everyStageKeepsTheRecordContract() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let pipeline = Pipeline([
      Normalizer(options: .init(compoundPrefixes: ["ruso"])), tokenizer, tagger, classifier,
    ])
    for text in Self.samples(150, seed: 7) {
      var document = Document(id: "p", text: text)
      try pipeline.process(&document)
      checkInvariants(document, input: text)
      // normalize is idempotent on its own output.
      #expect(
        Normalizer(options: .init(compoundPrefixes: ["ruso"])).normalize(document.text)
          == document.text)
    }
  }

  @Test func surrogatesThatArriveAsEscapes() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let pipeline = Pipeline([Normalizer(), tokenizer, tagger, classifier])
    for line in [
      #"{"id":"s","text":"Rusia \ud83d\ude00 y \udc00 Corea del Norte \ud800"}"#,
      #"{"id":"s","text":"\ud83c\uddea\ud83c\uddf8 España firmó. \u0000 fin"}"#,
    ] {
      var document = try RecordStream.decode(line, at: SourceLocation(file: "t", line: 1))
      try pipeline.process(&document)
      checkInvariants(document, input: line)
      #expect(!document.text.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
    }
  }

  @Test func outputIsDeterministic() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let pipeline = Pipeline([Normalizer(), tokenizer, tagger, classifier])
    for text in Self.samples(30, seed: 11) {
      var a = Document(id: "d", text: text)
      var b = Document(id: "d", text: text)
      try pipeline.process(&a)
      try pipeline.process(&b)
      #expect(a.jsonLine == b.jsonLine)
    }
  }
}
