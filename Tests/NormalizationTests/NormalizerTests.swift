@testable import Normalization
import PrensaCore
import PrensaTestSupport
import Testing

@Suite struct NormalizerTests {
  let normalizer: Normalizer
  /// The shipped word list; a load failure fails the tests (no empty fallback).
  init() throws {
    normalizer = Normalizer(
      options: .init(
        compoundPrefixes: Set(try TestSupport.lexicons.wordList("es/compound-prefixes.txt"))))
  }

  @Test(arguments: [
    // Unicode form: decomposed accents compose (NFC).
    ("Mosc\u{0075}\u{301} y Pyongyang", "Moscú y Pyongyang"),
    ("Espan\u{303}a", "España"),
    ("Kim Jong Un visitó Moscú.", "Kim Jong Un visitó Moscú."),
    // Whitespace.
    ("Rusia\u{00A0}y\u{2009}Corea", "Rusia y Corea"),
    ("la\tcooperación   militar", "la cooperación militar"),
    ("  texto con bordes  \n", "texto con bordes"),
    ("Primer párrafo.\n\n\n\nSegundo párrafo.", "Primer párrafo.\n\nSegundo párrafo."),
    ("Primer párrafo.\r\n\r\nSegundo.", "Primer párrafo.\n\nSegundo."),
    ("Línea uno.\rLínea dos.", "Línea uno.\nLínea dos."),
    ("Ideográfico\u{3000}espacio", "Ideográfico espacio"),
    ("Párrafo uno.\u{2029}Párrafo dos.", "Párrafo uno.\n\nPárrafo dos."),
    // Wrapped sentences flow; headlines, bylines and list items keep their line.
    (
      "La cooperación entre ambos países\nha escalado en el último año.",
      "La cooperación entre ambos países ha escalado en el último año."
    ),
    (
      "Según fuentes oficiales,\nMoscú enviará ayuda.",
      "Según fuentes oficiales, Moscú enviará ayuda."
    ),
    (
      "Rusia y Corea del Norte sellan una alianza\nMOSCÚ, 12 ene (EFE).- El Kremlin confirmó.",
      "Rusia y Corea del Norte sellan una alianza\nMOSCÚ, 12 ene (EFE).- El Kremlin confirmó."
    ),
    ("Puntos clave:\n- Municiones\n- Misiles", "Puntos clave:\n- Municiones\n- Misiles"),
    ("Acuerdos:\n1. Defensa\n2. Energía", "Acuerdos:\n1. Defensa\n2. Energía"),
    ("Por María López\nCorresponsal en Seúl", "Por María López\nCorresponsal en Seúl"),
    // Invisible characters.
    ("\u{FEFF}Moscú", "Moscú"),
    ("coope\u{200B}ración", "cooperación"),
    ("trans\u{00AD}ferencia", "transferencia"),
    ("con\u{0007}trol\u{0085}", "control"),
    ("Familia 👨\u{200D}👩\u{200D}👧 feliz", "Familia 👨\u{200D}👩\u{200D}👧 feliz"),
    // Hyphenation at line ends.
    ("la coope-\nración militar", "la cooperación militar"),
    ("la alianza ruso-\nnorcoreana", "la alianza ruso-norcoreana"),
    ("la alianza ruso-norcoreana", "la alianza ruso-norcoreana"),
    ("Kim-\nJong", "Kim-\nJong"),
    // Mojibake.
    ("MoscÃº", "Moscú"),
    ("cooperaciÃ³n estratÃ©gica", "cooperación estratégica"),
    ("â€œaliadosâ€\u{9D}", "“aliados”"),
    ("â€œaliadosâ€", "“aliados”"),
    ("EspaÃ±a y PerÃº", "España y Perú"),
    ("Â¿QuÃ© pasÃ³?", "¿Qué pasó?"),
    ("â‚¬ 500", "€ 500"),
    ("«PERÚ»", "«PERÚ»"),
    ("São Paulo e Ñuñoa", "São Paulo e Ñuñoa"),
    // HTML character references.
    ("&aacute;rbol &eacute;xito", "árbol éxito"),
    ("Rusia&nbsp;y Corea", "Rusia y Corea"),
    ("caf&#233; y caf&#xE9;", "café y café"),
    ("AT&T y P&G", "AT&T y P&G"),
    ("&laquo;Sí&raquo; &mdash; dijo", "«Sí» — dijo"),
    ("&unknown; queda", "&unknown; queda"),
    ("&#150; guion", "– guion"),
    // Typography is kept by default.
    ("«Sí» — dijo… “no”", "«Sí» — dijo… “no”"),
  ])
  func normalizes(input: String, expected: String) {
    #expect(normalizer.normalize(input) == expected)
  }

  @Test(arguments: [
    ("ﬁnanciación", "financiación"),
    ("ＯＴＡＮ", "OTAN"),
    ("10 km²", "10 km2"),
  ])
  func nfkcFoldsCompatibilityForms(input: String, expected: String) {
    #expect(Normalizer(options: .init(form: .nfkc)).normalize(input) == expected)
    #expect(Normalizer().normalize(input) == input)
  }

  @Test func asciiPunctuationIsOptIn() {
    let ascii = Normalizer(options: .init(asciiPunctuation: true))
    #expect(ascii.normalize("«Sí» — dijo… “no” ‘ya’") == "\"Sí\" - dijo... \"no\" 'ya'")
  }

  @Test func recordsChangesAndOriginal() throws {
    var document = Document(id: "a", text: "Mosc&uacute;  advierte\u{200B}")
    try normalizer.process(&document)
    #expect(document.text == "Moscú advierte")
    #expect(document.original == "Mosc&uacute;  advierte\u{200B}")
    let changes = document.fields["normalization"]?["changes"]
    #expect(changes?["html_entities"] == 1)
    #expect(changes?["whitespace"] == 1)
    #expect(changes?["invisible"] == 1)
    #expect(document.alignment?.originalSpan(of: Span(start: 0, end: 5)) == Span(start: 0, end: 12))
  }

  @Test func unchangedTextKeepsNoOriginal() throws {
    var document = Document(id: "a", text: "Moscú advierte.")
    try normalizer.process(&document)
    #expect(document.original == nil)
    #expect(document.alignment == nil)
  }

  @Test func seedArticleComesOutUnchanged() throws {
    let seeds = TestSupport.repositoryRoot().appendingPathComponent("seeds")
    let text = try String(
      contentsOf: seeds.appendingPathComponent("000_28bb9f31d94802a2.txt"), encoding: .utf8)
    #expect(normalizer.normalize(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}

/// Properties that must hold for any input.
@Suite struct NormalizerPropertyTests {
  static let samples: [String] = {
    var generator = SystemRandomNumberGenerator()
    var seeded = SeededGenerator(seed: 20261128)
    _ = generator
    let pieces = [
      "Moscú", "Corea del Norte", "coope-\n", "ración", " ", "  ", "\t", "\n", "\n\n", "\r\n",
      "\u{00A0}",
      "\u{FEFF}", "\u{200B}", "\u{00AD}", "e\u{301}", "n\u{303}", "Ã³", "â€œ", "&aacute;", "&amp;",
      "&#233;", "&",
      "👨\u{200D}👩", "🇪🇸", "שלום", "مرحبا", "ﬁ", "«", "»", "—", "…", ".", "ruso-", "- ", "1. ", "A",
      "\u{0007}", "\u{0085}", "\u{2028}", "\u{2029}", "ｏ", "x", "Ñ", "ü", "\u{0308}",
      "\u{0301}\u{0301}",
    ]
    return (0..<400).map { _ in
      let count = Int.random(in: 1...25, using: &seeded)
      return (0..<count).map { _ in pieces.randomElement(using: &seeded) ?? "" }.joined()
    }
  }()

  /// The one scan that decides which passes run finds what each pass looks for first.
  @Test func theTriggerScanFindsWhatEachPassLooksFor() {
    var seen: [Normalizer.Pass: Int] = [:]
    for sample in Self.samples + ["", "Rusia y Corea", "a & b", "Ã³", "\u{200B}"] {
      let s = Array(sample.unicodeScalars)
      let triggers = Normalizer.Triggers(s)
      let expected: [Normalizer.Pass: Bool] = [
        .entities: s.contains("&"), .mojibake: s.contains(where: Mojibake.isLead),
        .invisibles: s.contains(where: Normalizer.isInvisible),
        .unicode: s.contains { !$0.isASCII },
      ]
      for pass in Normalizer.Pass.allCases {
        #expect(triggers.contains(pass) == expected[pass], "\(pass) \(sample.debugDescription)")
        if expected[pass] == true { seen[pass, default: 0] += 1 }
      }
    }
    // Every pass is triggered by some sample, and left out by others.
    #expect(Normalizer.Pass.allCases.allSatisfy { (seen[$0] ?? 0) >= 3 })
  }

  /// The layout's shortcut for one laid-out line agrees with its definition: no line break, and
  /// the text cut at single U+0020s into pieces that are neither empty nor hold another space.
  @Test func theOneLineShortcutMatchesItsDefinition() {
    var accepted = 0
    for sample in Self.samples + ["", "Rusia y Corea", " Rusia", "Rusia ", "a  b", "a\u{00A0}b"] {
      let s = Array(sample.unicodeScalars)
      let pieces = sample.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false)
      let expected =
        !s.contains(where: \.isLineBreak)
        && (s.isEmpty
          || pieces.allSatisfy { !$0.isEmpty && !$0.contains(where: LineLayout.isSpace) })
      #expect(LineLayout.isOneLaidOutLine(s) == expected, "\(sample.debugDescription)")
      if expected { accepted += 1 }
    }
    #expect(accepted >= 10)
  }

  @Test(arguments: [Normalizer.Form.nfc, .nfkc])
  func isIdempotent(form: Normalizer.Form) {
    let normalizer = Normalizer(options: .init(form: form, compoundPrefixes: ["ruso"]))
    for sample in Self.samples {
      let once = normalizer.normalize(sample)
      #expect(normalizer.normalize(once) == once, "\(sample.debugDescription)")
    }
  }

  @Test func alignmentMapsEveryCharacterInsideTheOriginal() {
    let normalizer = Normalizer(options: .init(compoundPrefixes: ["ruso"]))
    for sample in Self.samples {
      let (text, alignment, _) = normalizer.normalizeWithAlignment(sample)
      let textScalars = Array(text.unicodeScalars)
      let originalScalars = Array(sample.unicodeScalars)
      var previous = Span(start: 0, end: 0)
      for i in 0..<textScalars.count {
        let span = alignment.originalSpan(of: Span(start: i, end: i + 1))
        #expect(
          span.start >= 0 && span.end <= originalScalars.count && span.start < span.end,
          "\(sample.debugDescription) @\(i)")
        #expect(span.start >= previous.start, "monotonic \(sample.debugDescription)")
        previous = span
      }
      let whole = alignment.originalSpan(of: Span(start: 0, end: textScalars.count))
      #expect(whole.end <= originalScalars.count)
    }
  }

  @Test func unchangedStretchesMapOneToOne() {
    let normalizer = Normalizer()
    for sample in Self.samples {
      let (text, alignment, _) = normalizer.normalizeWithAlignment(sample)
      let textScalars = Array(text.unicodeScalars)
      let originalScalars = Array(sample.unicodeScalars)
      for i in 0..<textScalars.count
      where !alignment.edits.contains(where: { $0.text.start <= i && i < $0.text.end }) {
        let span = alignment.originalSpan(of: Span(start: i, end: i + 1))
        #expect(
          span.end - span.start == 1 && originalScalars[span.start] == textScalars[i],
          "\(sample.debugDescription) @\(i)")
      }
    }
  }

  @Test func wordsReNormalizeToThemselves() {
    // A span's original text, normalized again, gives the span's text (for spans between spaces).
    let normalizer = Normalizer()
    for sample in Self.samples {
      let (text, alignment, _) = normalizer.normalizeWithAlignment(sample)
      let textScalars = Array(text.unicodeScalars)
      let originalScalars = Array(sample.unicodeScalars)
      var start = 0
      for end in 0...textScalars.count
      where end == textScalars.count || textScalars[end] == " " || textScalars[end] == "\n" {
        defer { start = end + 1 }
        guard start < end else { continue }
        let span = alignment.originalSpan(of: Span(start: start, end: end))
        let piece = String(String.UnicodeScalarView(originalScalars[span.start..<span.end]))
        let word = String(String.UnicodeScalarView(textScalars[start..<end]))
        #expect(
          normalizer.normalize(piece) == word,
          "\(sample.debugDescription): \(piece.debugDescription)")
      }
    }
  }
}

/// Regressions found by fuzzing (issue 10).
@Suite struct NormalizerRegressionTests {
  /// A word split by a hyphen at a line end changed the hard-wrap statistics between the first
  /// and the second normalization, so `n(n(x)) != n(x)` (fuzz-normalize, crash-187bd3a2).
  @Test func issue10_hyphenJoinKeepsNormalizeIdempotent() {
    let text =
      "Mosc y la co operaci n &aacute; coope-\nre; coopguridad regional.\nLa guerra en Ucrania aceler este idad regional.\nLa guerra en Ucrania aceler este proceso. Aise-\nL\n\r\n"
      + String(repeating: "=", count: 83) + " ruso-"
    let normalizer = Normalizer(options: .init(compoundPrefixes: ["ruso"]))
    let once = normalizer.normalize(text)
    #expect(normalizer.normalize(once) == once)
  }

  /// Joining a word split at a line end can create work for the earlier passes (an entity split
  /// in two) and for the layout itself: the passes run to a fixed point (fuzz-normalize,
  /// crash-e38770a8).
  @Test func issue10_passesRunToAFixedPoint() {
    let normalizer = Normalizer()
    #expect(normalizer.normalize("un caf&eacu-\nte; bueno") == "un café bueno")
    let text = "op%-\u{0}\u{0}\nra\r\n\u{FFFD}*&aa\u{FFFD}ute;0 coope-\u{0}\nración\r\n"
    let once = normalizer.normalize(text)
    #expect(normalizer.normalize(once) == once)
  }
}

/// Whole news records through normalize, against checked expected files (`RECORD_GOLDEN=1 swift
/// test` rewrites them).
@Suite struct NormalizerGoldenTests {
  @Test func theFolderHoldsCases() { #expect(TestSupport.goldenCases("Golden").count >= 4) }

  @Test(arguments: TestSupport.goldenCases("Golden"))
  func golden(name: String) throws {
    let prefixes = Set(try TestSupport.lexicons.wordList("es/compound-prefixes.txt"))
    let pipeline = Pipeline([Normalizer(options: .init(compoundPrefixes: prefixes))])
    let difference = try TestSupport.checkGolden("Golden", name, pipeline: pipeline)
    #expect(difference == nil, "\(difference ?? "")")
  }
}

/// The `normalization` field is written as JSON text directly: it must be the text the writer
/// gives the object it stands for (members in key order), whatever the counts.
@Suite struct NormalizationFieldTests {
  @Test(arguments: [0, 1, 7, 1_234_567])
  func theFieldIsTheObjectsCompactJSON(base: Int) throws {
    var changes = Normalizer.Changes()
    changes.htmlEntities = base
    changes.mojibake = base + 1
    changes.invisible = base + 2
    changes.unicode = base + 3
    changes.hyphenation = base + 4
    changes.whitespace = base + 5
    changes.punctuation = base + 6
    let object = JSONValue.object(
      JSONObject([
        ("form", .string("nfkc")),
        (
          "changes",
          .object(
            JSONObject([
              ("punctuation", .int(base + 6)), ("whitespace", .int(base + 5)),
              ("hyphenation", .int(base + 4)), ("unicode", .int(base + 3)),
              ("invisible", .int(base + 2)), ("mojibake", .int(base + 1)),
              ("html_entities", .int(base)),
            ]))
        ),
      ]))
    let field = changes.field(form: "nfkc")
    #expect(field == .serializing(object))
    guard case .serialized(let text) = field,
      case .serialized(let expected) = JSONValue.serializing(object)
    else {
      Issue.record("not serialized")
      return
    }
    #expect(text == expected)
  }

  @Test func aNormalizedRecordCarriesTheField() throws {
    var document = Document(id: "n", text: "El\u{00A0}ministro  dijo:  «sí».")
    try Normalizer().process(&document)
    let field = try #require(document.fields["normalization"]?.decoded.objectValue)
    #expect(field["form"] == .string("nfc"))
    let changes = try #require(field["changes"]?.objectValue)
    #expect(changes.count == 7)
    #expect(changes["whitespace"] != .int(0))
  }
}
