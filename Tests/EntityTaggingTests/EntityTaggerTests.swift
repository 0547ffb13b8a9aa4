import EntityTagging
import Normalization
import PrensaCore
import PrensaTestSupport
import Testing
import Tokenization

/// The shipped lexicons, compiled once for all tests.
let shipped: (tokenizer: Tokenizer, tagger: EntityTagger)? = {
  guard let spanish = try? SpanishData.load(from: TestSupport.lexicons),
    let data = try? TaggerData.load(from: TestSupport.lexicons),
    let lexicon = try? LexiconLoader.load(paths: [TestSupport.lexicons.path + "/es/entities"])
  else { return nil }
  let tokenizer = Tokenizer(data: spanish)
  return (
    tokenizer, EntityTagger(lexicon: CompiledLexicon(lexicon, tokenizer: tokenizer), data: data)
  )
}()

/// Parses `⟦text|LABEL⟧` markup into plain text and expected entities.
func marked(_ source: String) -> (text: String, entities: [(String, String)]) {
  var text = ""
  var entities: [(String, String)] = []
  var rest = Substring(source)
  while let open = rest.range(of: "⟦") {
    text += rest[..<open.lowerBound]
    guard let close = rest.range(of: "⟧", range: open.upperBound..<rest.endIndex) else { break }
    let inside = rest[open.upperBound..<close.lowerBound]
    let parts = inside.split(separator: "|")
    text += parts[0]
    entities.append((String(parts[0]), String(parts.count > 1 ? parts[1] : "")))
    rest = rest[close.upperBound...]
  }
  text += rest
  return (text, entities)
}

/// Tags the text of `⟦text|LABEL⟧` markup and expects exactly the marked entities, in order.
func expectMarked(
  _ source: String, lexiconOnly: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
  let (text, expected) = marked(source)
  let found = try tagged(text, lexiconOnly: lexiconOnly)
  #expect(
    found.map { "\($0.text)|\($0.label)" } == expected.map { "\($0.0)|\($0.1)" },
    sourceLocation: sourceLocation)
}

func tagged(_ text: String, lexiconOnly: Bool = false) throws -> [Entity] {
  let (tokenizer, tagger) = try #require(shipped)
  var document = Document(id: "t", text: text)
  try tokenizer.process(&document)
  var configured = tagger
  configured.lexiconOnly = lexiconOnly
  try configured.process(&document)
  return document.entities ?? []
}

@Suite struct EntityTaggerTests {
  @Test(arguments: [
    "La relación entre ⟦Rusia|GPE⟧ y ⟦Corea del Norte|GPE⟧ se estrecha.",
    "Según un análisis de ⟦The Diplomat|ORG⟧, ⟦Pyongyang|GPE⟧ envía munición a ⟦Moscú|GPE⟧.",
    "El ⟦Consejo de Seguridad de la ONU|ORG⟧ se reunió en ⟦Nueva York|GPE⟧.",
    "Los presidentes ⟦Vladimir Putin|PER⟧ y ⟦Xi Jinping|PER⟧ firmaron el acuerdo.",
    "La cooperación ⟦ruso|NORP⟧-⟦norcoreana|NORP⟧ inquieta a ⟦Japón|GPE⟧.",
    "Las tropas ⟦norcoreanas|NORP⟧ llegaron a ⟦Kursk|GPE⟧.",
    "Los ⟦estadounidenses|NORP⟧ y los ⟦franceses|NORP⟧ votaron en contra.",
    "El ⟦Kremlin|ORG⟧ negó las acusaciones de la ⟦OTAN|ORG⟧.",
    "El eje ⟦Rusia|GPE⟧-⟦Corea del Norte|GPE⟧ refleja un nuevo equilibrio.",
    "La ⟦UE|ORG⟧ y ⟦EE. UU.|GPE⟧ impusieron sanciones a ⟦Irán|GPE⟧.",
    "El ⟦FMI|ORG⟧ y el ⟦Banco Mundial|ORG⟧ revisan sus previsiones para ⟦América Latina|LOC⟧.",
    "Los misiles ⟦Hwasong-17|MISC⟧ y los drones ⟦Shahed-136|MISC⟧ preocupan a ⟦Occidente|LOC⟧.",
    "⟦MOSCÚ|GPE⟧ Y ⟦PYONGYANG|GPE⟧ FIRMAN UN PACTO",
    "Buques ⟦chinos|NORP⟧ patrullan el ⟦mar de la China Meridional|LOC⟧.",
  ])
  func findsEntities(source: String) throws {
    try expectMarked(source, lexiconOnly: true)
  }

  @Test(arguments: [
    "la paz de los pueblos y la unión de los estados",
    "el gobierno y el ejército negociaron",
    "Kim llegó tarde.",
  ])
  func commonWordsAreNotEntities(text: String) throws {
    #expect(try tagged(text, lexiconOnly: true).isEmpty)
  }

  @Test func surnameNeedsAnAntecedent() throws {
    let found = try tagged(
      "Kim Jong Un llegó a Moscú. Después, Kim habló con Putin.", lexiconOnly: true)
    #expect(found.map(\.text) == ["Kim Jong Un", "Moscú", "Kim", "Putin"])
    #expect(found[2].id == found[0].id)
  }

  @Test func capitalsAsActorsCarryTheirCountry() throws {
    let actor = try tagged("Pekín criticó las maniobras.", lexiconOnly: true)
    #expect(actor.first?.refersTo == "CHN")
    let place = try tagged("El acuerdo fue firmado en Manila.", lexiconOnly: true)
    #expect(place.first?.text == "Manila")
    #expect(place.first?.refersTo == nil)
  }

  @Test func seatOfPowerAsABuildingIsLOC() throws {
    let found = try tagged("Los líderes sellaron el texto en la Casa Blanca.", lexiconOnly: true)
    #expect(found.map(\.label) == [.location])
    #expect(
      try tagged("La Casa Blanca anunció sanciones.", lexiconOnly: true).first?.refersTo == "USA")
  }

  @Test func institutionTakesTheCountryThatFollows() throws {
    let joined = try tagged(
      "Según el Ministerio de Defensa de Japón, los ejercicios siguen.", lexiconOnly: true)
    #expect(joined.map(\.text) == ["Ministerio de Defensa de Japón"])
    #expect(joined.first?.refersTo == "JPN")
    let adjective = try tagged("El Ministerio de Defensa ruso lo confirmó.", lexiconOnly: true)
    #expect(adjective.map(\.label) == [.organization, .nationality])
    #expect(adjective.first?.refersTo == "RUS")
  }

  @Test(arguments: [
    // Model designations stay whole.
    "⟦Pekín|GPE⟧ compró misiles ⟦PL-15|MISC⟧ y blindados ⟦BTR-80|MISC⟧.",
    // A language is not an entity; a people's name is.
    "El comunicado, escrito en inglés y en árabe, citaba a diplomáticos ⟦europeos|NORP⟧ y a líderes ⟦musulmanes|NORP⟧.",
    "Los soldados ⟦rusos|NORP⟧ no hablan el idioma ucraniano.",
    // A plural noun for people does not open a name; inside one it stays.
    "Expertos del ⟦Instituto Lowy|ORG⟧ lo confirmaron.",
    "La ⟦Asociación de Vecinos de Barcelona|ORG⟧ protestó.",
    // A capitalised demonym before a capitalised word is part of a name.
    "⟦Cristiano Ronaldo|PER⟧ llegó a ⟦Riad|GPE⟧.",
    // A military exercise is a thing, not a person.
    "La ⟦OTAN|ORG⟧ inició el ejercicio ⟦Steadfast Defender|MISC⟧ 2024.",
  ])
  func contextRules(source: String) throws {
    try expectMarked(source, lexiconOnly: false)
  }

  @Test func heuristicFindsUnknownNames() throws {
    let found = try tagged(
      "El secretario de Defensa filipino, Gilberto Teodoro, elogió el pacto con la Compañía Minera Andina."
    )
    let byText = Dictionary(found.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byText["Compañía Minera Andina"]?.label == .organization)
    #expect(byText["Compañía Minera Andina"]?.source == .heuristic)
    #expect(byText["filipino"]?.label == .nationality)
  }

  @Test func aGivenNameOpensAPersonsName() throws {
    // Given names come from the people lexicons (first words of three or more names).
    let person = try tagged("Ayer llegó a la ciudad Pablo Hermoso de Mendoza con su cuadrilla.")
    #expect(person.map { "\($0.text)|\($0.label)" } == ["Pablo Hermoso de Mendoza|PER"])
    let thing = try tagged("Los atletas de los Juegos del Sur llegaron ayer.")
    #expect(thing.map { "\($0.text)|\($0.label)" } == ["Juegos del Sur|MISC"])
  }

  @Test func heuristicCoreferenceAndAcronyms() throws {
    let found = try tagged(
      "El presidente Zorán Milovic habló del Acuerdo de Cooperación Fluvial (ACF). Milovic defendió el ACF."
    )
    #expect(
      found.map { "\($0.text)|\($0.label)|\($0.source?.rawValue ?? "")" } == [
        "Zorán Milovic|PER|heuristic", "Acuerdo de Cooperación Fluvial|MISC|heuristic",
        "ACF|MISC|acronym",
        "Milovic|PER|coreference", "ACF|MISC|acronym",
      ])
  }

  @Test func explainListsTheCandidatesThatLost() throws {
    let (tokenizer, tagger) = try #require(shipped)
    var explaining = tagger
    explaining.explain = true
    var document = Document(id: "t", text: "Luxemburgo firmó el acuerdo.")
    try tokenizer.process(&document)
    try explaining.process(&document)
    let entity = try #require(document.entities?.first)
    #expect(entity.id == "GPE:LUX")
    let losers = entity.extra["explain"]?.arrayValue ?? []
    #expect(
      losers.contains {
        $0["id"] == "GPE:capital:luxemburgo"
          && $0["reason"] == "lower priority: later in lexicon order"
      })
  }

  @Test func lexiconOnlyTurnsTheHeuristicOff() throws {
    #expect(try tagged("El presidente Zorán Milovic habló.", lexiconOnly: true).isEmpty)
  }

  @Test func entitiesAreSortedDisjointAndMatchTheirText() throws {
    let text =
      "Según la agencia EFE, el primer ministro de India, Narendra Modi, viajó a Washington y luego a Pekín para reunirse con Xi; la Comisión Europea y la OTAN lo siguen."
    let found = try tagged(text)
    let scalars = Array(text.unicodeScalars)
    for (a, b) in zip(found, found.dropFirst()) { #expect(a.end <= b.start) }
    for entity in found {
      #expect(String(String.UnicodeScalarView(scalars[entity.start..<entity.end])) == entity.text)
    }
  }
}

@Suite struct LexiconLoaderTests {
  @Test func parsesEntriesWithAliasesAttributesAndFlags() throws {
    let text =
      "# test\nGPE:X\tGPE\tRuritania\tRepública de Ruritania|~Ruri\tiso=RUR refers_to=RUR\t\nNORP:X\tNORP\truritano\t\trefers_to=RUR combining=ruri\tinflects\n"
    let entries = try LexiconLoader.parse(text, file: "x.tsv")
    #expect(entries.count == 2)
    #expect(entries[0].aliases.map(\.text) == ["Ruritania", "República de Ruritania", "Ruri"])
    #expect(entries[0].aliases[2].needsAntecedent)
    #expect(entries[0].attributes["iso"] == "RUR")
    #expect(entries[1].flags == ["inflects"])
    #expect(entries[1].aliases.last?.combiningOnly == true)
    #expect(entries[1].line == 3)
  }

  @Test(arguments: [
    (
      "X\tPLACE\tRuritania\n",
      "x.tsv:1: unknown label 'PLACE' (expected one of PER ORG GPE LOC NORP MISC)"
    ),
    (
      "# c\nX\tGPE\n",
      "x.tsv:2: expected 3 to 6 tab-separated columns (id, label, name, aliases, attributes, flags), found 2"
    ),
    ("X\tGPE\tRuritania\tA||B\n", "x.tsv:1: empty alias in 'X'"),
    ("X\tGPE\t\n", "x.tsv:1: empty name for 'X'"),
    ("X\tGPE\tR\t\tiso\n", "x.tsv:1: attribute 'iso' is not key=value"),
    (
      "X\tGPE\tR\t\t\tloud\n",
      "x.tsv:1: unknown flag 'loud' (known: accents capital case inflects institution seat)"
    ),
  ])
  func brokenLinesAreLocated(text: String, message: String) {
    #expect(throws: LexiconError.self) { try LexiconLoader.parse(text, file: "x.tsv") }
    do {
      _ = try LexiconLoader.parse(text, file: "x.tsv")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func checkerFindsDuplicatesAndLabelConflicts() {
    let entries = [
      LexiconEntry(id: "A", label: .geopolitical, name: "Georgia", file: "a.tsv", line: 1),
      LexiconEntry(id: "A", label: .geopolitical, name: "Georgia del Sur", file: "a.tsv", line: 2),
      LexiconEntry(id: "B", label: .person, name: "GEORGIA", file: "b.tsv", line: 5),
    ]
    #expect(
      LexiconChecker.findings(entries) == [
        "a.tsv:2: duplicate id 'A' (first at a.tsv:1)",
        "b.tsv:5: alias 'GEORGIA' of B (PER) is also an alias of A (GPE) at a.tsv:1",
      ])
  }

  @Test func shippedLexiconsLoadCleanAndAreBroad() throws {
    let lexicon = try LexiconLoader.load(paths: [TestSupport.lexicons.path + "/es/entities"])
    #expect(lexicon.entries.count >= 3000)
    #expect(LexiconChecker.findings(lexicon.entries).isEmpty)
    #expect(Set(lexicon.entries.map(\.label)) == Set(EntityLabel.known))
  }

  @Test(arguments: [
    ("ruso", ["rusa", "rusos", "rusas"]), ("francés", ["francesa", "franceses", "francesas"]),
    ("alemán", ["alemana", "alemanes", "alemanas"]),
    ("español", ["española", "españoles", "españolas"]),
    ("saudí", ["saudíes", "saudís"]), ("estadounidense", ["estadounidenses"]),
    ("belga", ["belgas"]),
  ])
  func inflectsDemonyms(base: String, forms: [String]) {
    #expect(Inflection.forms(of: base) == forms)
  }
}

/// Whole news records through normalize, tokenize and tag, against checked expected files
/// (`RECORD_GOLDEN=1 swift test` rewrites them).
@Suite struct EntityTaggerGoldenTests {
  @Test func theFolderHoldsCases() { #expect(TestSupport.goldenCases("Golden").count >= 4) }

  @Test(arguments: TestSupport.goldenCases("Golden"))
  func golden(name: String) throws {
    let (tokenizer, tagger) = try #require(shipped)
    let prefixes = Set(try TestSupport.lexicons.wordList("es/compound-prefixes.txt"))
    let pipeline = Pipeline([
      Normalizer(options: .init(compoundPrefixes: prefixes)), tokenizer, tagger,
    ])
    let difference = try TestSupport.checkGolden("Golden", name, pipeline: pipeline)
    #expect(difference == nil, "\(difference ?? "")")
  }
}
