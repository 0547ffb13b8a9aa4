import Foundation
import EntityTagging
import PrensaCore
import PrensaText
import PrensaTestSupport
import SentenceClassification
import Testing
import Tokenization

/// The shipped pipeline up to classify, built once.
let stages: (tokenizer: Tokenizer, tagger: EntityTagger, classifier: SentenceClassifier)? = {
  guard let spanish = try? SpanishData.load(from: TestSupport.lexicons),
    let data = try? TaggerData.load(from: TestSupport.lexicons),
    let lexicon = try? LexiconLoader.load(paths: [TestSupport.lexicons.path + "/es/entities"]),
    let cues = try? CueLexicon.load(from: TestSupport.lexicons)
  else { return nil }
  let tokenizer = Tokenizer(data: spanish)
  return (
    tokenizer, EntityTagger(lexicon: CompiledLexicon(lexicon, tokenizer: tokenizer), data: data),
    SentenceClassifier(cues: cues)
  )
}()

/// A record of `text` tokenized and tagged by the shipped stages, ready for a classify stage.
func tagged(_ text: String, id: String = "t") throws -> Document {
  let (tokenizer, tagger, _) = try #require(stages)
  var document = Document(id: id, text: text)
  try tokenizer.process(&document)
  try tagger.process(&document)
  return document
}

func classified(_ text: String) throws -> [Sentence] {
  var document = try tagged(text)
  try #require(stages).classifier.process(&document)
  return document.sentences ?? []
}

@Suite struct SentenceClassifierTests {
  @Test(arguments: [
    ("Corea del Norte ha enviado municiones y proyectiles al ejército ruso.", "arms_transfer"),
    ("Rusia y China celebraron ejercicios conjuntos en el mar de Japón.", "military"),
    ("Moscú transferirá tecnología de satélites a Pyongyang.", "technology_transfer"),
    ("India y Brasil firmaron un acuerdo comercial para duplicar sus exportaciones.", "economic"),
    ("Los ministros de Exteriores de Turquía e Irán se reunieron en Ankara.", "diplomatic"),
    ("Estados Unidos impuso nuevas sanciones a Venezuela.", "conflict"),
    ("Guerrilleros atacaron un puesto de policía en el Cauca.", "conflict"),
    ("El precio del cobre subió un 3 % en la jornada.", "none"),
    (
      "Irán e Irak firmaron un acuerdo para eludir las sanciones con el comercio de gas.",
      "economic"
    ),
    ("El texto no incluye una cláusula de defensa mutua.", "military"),
    // `sin embargo` is "however"; an arms embargo is a sanction.
    ("Sin embargo, Rusia y China firmaron un acuerdo comercial.", "economic"),
    ("El embargo de armas contra Irán sigue vigente.", "conflict"),
    // A share or a rate with only weak cues describes a market, not an interaction.
    ("Kazajistán produce cerca del 40 % del uranio mundial.", "none"),
    ("Kazajistán venderá uranio a China durante diez años.", "economic"),
    ("El barril de Brent cayó un 2,3 % tras el anuncio, hasta 61 dólares.", "none"),
    ("El comercio entre China y Rusia creció un 20 % el año pasado.", "economic"),
    // A transfer needs actors.
    ("El satélite servirá para vigilar cultivos y el caudal del río.", "none"),
    // A verb's bare stem standing alone is another word: `bloque` is not `bloquear`, `gran` is not
    // `granadas`; a plural's stem is still its singular.
    ("El bloque opositor presentó su programa electoral en Lima.", "none"),
    ("Es un gran día para la ciencia argentina.", "none"),
    ("Rusia bloqueó la resolución en el Consejo de Seguridad.", "conflict"),
    ("Washington aprobó una nueva sanción contra Teherán.", "conflict"),
    // Weapons used against an actor are the attack; weapons handed over are a transfer.
    ("Rusia lanzó drones y misiles contra la base ucraniana.", "conflict"),
    ("Corea del Norte envió misiles a Rusia.", "arms_transfer"),
    ("Rusia entregará misiles a Irán.", "arms_transfer"),
    // A country's rank as a producer is background, even in an article about trade; an act
    // stated beside it still wins.
    ("Perú es el segundo productor mundial de cobre.", "none"),
    ("Perú, segundo productor mundial de cobre, firmó un acuerdo comercial con China.", "economic"),
    // Officials meeting their counterparts; an abstention in a vote.
    ("El canciller chileno recibió a su homólogo boliviano en Santiago.", "diplomatic"),
    ("India y Brasil se abstuvieron en la votación.", "diplomatic"),
    // Cue stems that other words share: `espía` and `espera`, `deportar` and `deporte`, the
    // noun `disputa` and a match `disputado`, setting fire and a forest fire.
    ("Se espera que la economía crezca un 2 % este año.", "none"),
    ("El ministro de Deportes inauguró el nuevo estadio.", "none"),
    ("Estados Unidos deportó a 200 migrantes a Guatemala.", "conflict"),
    ("El Real Madrid disputará la final el domingo en Lisboa.", "none"),
    ("La disputa territorial entre ambos países sigue abierta.", "conflict"),
    ("Los incendios forestales arrasaron 5.000 hectáreas en Galicia.", "none"),
    ("Los manifestantes incendiaron la sede del partido.", "conflict"),
    ("Los negocios de empresas españolas en México crecieron un 10 %.", "none"),
    ("Ambos gobiernos negociaron durante tres días en Ginebra.", "diplomatic"),
    ("El ministro manifestó que la economía crecerá este año.", "none"),
    ("Miles de personas se manifestaron contra el Gobierno en Caracas.", "conflict"),
    ("Los bloques de viviendas del barrio serán rehabilitados.", "none"),
    ("Rusia bloqueó la entrada de buques en el estrecho.", "conflict"),
  ])
  func categories(text: String, category: String) throws {
    let sentence = try #require(try classified(text).first)
    #expect(sentence.extra["cooperation"]?["category"]?.stringValue == category)
  }

  @Test(arguments: [
    ("Esta alianza genera alarma en Estados Unidos, Corea del Sur y Japón.", "alarm"),
    ("Analistas advierten que la cooperación podría desestabilizar la región.", "alarm"),
    ("El ministro celebró el acuerdo como un éxito histórico.", "support"),
    ("Moscú podría utilizar a Pyongyang como carta de negociación.", "speculative"),
    ("No se descarta una nueva cumbre en otoño.", "speculative"),
    ("¿Podrá Australia operar esos buques sola?", "speculative"),
    ("El portavoz negó que la visita represente una amenaza.", "neutral"),
    ("El avión aterrizó con instructores y, presuntamente, equipos antiaéreos.", "neutral"),
    ("Tokio y Manila negocian un pacto, que podría firmarse antes de fin de año.", "neutral"),
    ("Rusia envió tropas para reforzar la frontera.", "neutral"),
    // A negator's scope ends where a coordinated clause begins.
    ("La cancillería rechazó la decisión y denunció el hostigamiento a su embajada.", "alarm"),
    ("La cancillería rechazó las denuncias de hostigamiento.", "neutral"),
    // A benefit stated by an actor is support; the same word in narration is not.
    ("El ministro aseguró que la planta «reforzará la industria nacional».", "support"),
    ("La planta reforzará la industria nacional.", "neutral"),
    // `celebrar` as "to hold" is not a welcome.
    ("Egipto y Arabia Saudí celebran ejercicios navales en el mar Rojo.", "neutral"),
    ("Japón protesta por la entrada de buques chinos en sus aguas.", "alarm"),
    // A negating verb with `que` covers its whole clause.
    (
      "El jefe del Ejército negó que la compra de aviones chinos suponga una amenaza para la región.",
      "neutral"
    ),
    // A claim in the conditional is hedged.
    (
      "Según imágenes de satélite, Arabia Saudí estaría fabricando misiles balísticos.",
      "speculative"
    ),
    ("El secretario general ensalzó la asociación estratégica con Estados Unidos.", "support"),
    (
      "La inversión «consolida a Vietnam como alternativa», según el Gobierno vietnamita.",
      "support"
    ),
    ("La inversión consolida a Vietnam como alternativa.", "neutral"),
    // Accusing and denouncing are alarm in their finite forms; a trial's words and protests
    // reported as events are not a stance; `a escala` is no `escalada`.
    ("El canciller acusó a Rusia de violar el acuerdo de alto el fuego.", "alarm"),
    ("El Gobierno denunció el hostigamiento de sus buques pesqueros.", "alarm"),
    ("Los tres acusados comparecieron ayer ante el juez de la Audiencia Nacional.", "neutral"),
    ("La empresa presentó una denuncia ante la fiscalía por el contrato.", "neutral"),
    ("Las protestas dejaron tres heridos en el centro de la capital.", "neutral"),
    ("El país es el tercero a escala mundial en producción de litio.", "neutral"),
    ("La escalada militar en la frontera preocupa a los vecinos.", "alarm"),
    // A court's sentence is no condemnation; a scheduled event is no speculation; a study is no
    // measure under study; `posible` hedges as a main predicate only.
    ("El Gobierno condenó el ataque contra la embajada.", "alarm"),
    ("El exalcalde fue condenado a seis años de prisión por malversación.", "neutral"),
    ("Está previsto que el presidente visite Pekín en mayo.", "neutral"),
    ("Un estudio de la universidad analiza el comercio entre ambos países.", "neutral"),
    ("Bruselas estudia imponer aranceles al acero chino.", "speculative"),
    ("Es posible que Moscú retire sus tropas antes del invierno.", "speculative"),
    ("Pidieron reanudar el diálogo lo antes posible.", "neutral"),
    // The plain future states what is scheduled; the conditional hedges.
    ("Habrá elecciones presidenciales en marzo.", "neutral"),
    ("Según fuentes oficiales, habría más de cien detenidos.", "speculative"),
  ])
  func stances(text: String, stance: String) throws {
    let sentence = try #require(try classified(text).first)
    #expect(sentence.extra["stance"]?["label"]?.stringValue == stance)
  }

  @Test func holderFromAttributionAndFeeling() throws {
    let alarm = try #require(
      try classified("Esta alianza genera alarma en Estados Unidos, Corea del Sur y Japón.").first)
    #expect(
      alarm.extra["stance"]?["holder"]?.stringValue == "Estados Unidos, Corea del Sur y Japón")
    let source = try #require(
      try classified("Según The Diplomat, la cooperación ha escalado.").first)
    #expect(source.extra["stance"]?["holder"]?.stringValue == "The Diplomat")
    let speaker = try #require(
      try classified("Analistas advierten que la cooperación crece.").first)
    #expect(speaker.extra["stance"]?["holder"]?.stringValue == "Analistas")
  }

  /// A holder is someone: no fragments of a clause, no leading punctuation.
  @Test(
    arguments: [
      ("Este intercambio, inédito en décadas recientes, simboliza la madurez de un vínculo.", nil),
      ("Por un lado, afirmó que la paz es posible.", nil),
      ("- El Kremlin dijo que no habrá tregua.", "Kremlin"),
      ("Los expertos advierten que el acuerdo podría fracasar.", "expertos"),
    ] as [(String, String?)])
  func holderIsSomeone(text: String, holder: String?) throws {
    let sentence = try #require(try classified(text).first)
    #expect(sentence.extra["stance"]?["holder"]?.stringValue == holder)
  }

  /// The rules read each sentence's entities in place from the record's (sorted when they are
  /// not): entities in reverse order give the same labels, and an entity that runs past its
  /// sentence's end (`Corea` to `Japón`, over the period) is no actor of it, in either order.
  @Test func entitiesInAnyOrderAndAcrossSentencesGiveTheSameLabels() throws {
    let text =
      "Esta alianza genera alarma en Estados Unidos, Corea del Sur y Japón. "
      + "Corea del Norte ha enviado municiones al ejército ruso."
    let classifier = try #require(stages).classifier
    var sorted = try tagged(text)
    let entities = try #require(sorted.entities)
    #expect(entities.count > 3)
    var reversed = sorted
    reversed.entities = entities.reversed()
    var crossing = sorted
    let end = try #require(sorted.sentences?.first?.end)
    crossing.entities =
      [Entity(start: end - 6, end: end + 6, label: .geopolitical, text: "Japón. Corea")]
      + entities
    var crossingReversed = crossing
    crossingReversed.entities = crossing.entities?.reversed()
    try classifier.process(&sorted)
    for var other in [reversed, crossing, crossingReversed] {
      try classifier.process(&other)
      #expect(other.sentences == sorted.sentences)
    }
    #expect(
      sorted.sentences?.first?.extra["stance"]?["holder"]?.stringValue
        == "Estados Unidos, Corea del Sur y Japón")
  }

  @Test func actorsFromEntitiesAroundTheAct() throws {
    let sentence = try #require(
      try classified("Corea del Norte ha enviado municiones al ejército ruso.").first)
    let actors = sentence.extra["cooperation"]?["actors"]
    #expect(actors?["source_code"] == "PRK")
    #expect(actors?["target_code"] == "RUS")
  }

  @Test func negatedActScoresZeroAndCuesAreExplained() throws {
    let sentence = try #require(
      try classified("El texto no incluye una cláusula de defensa mutua.").first)
    #expect(sentence.extra["cooperation"]?["score"] == .double(0))
    let cues = sentence.extra["cooperation"]?["cues"]?.arrayValue ?? []
    #expect(cues.contains { $0["cue"] == "defensa mutua" && $0["negated"] == true })
  }

  /// A stem keeps at least three letters, counted as scalars however many bytes they take
  /// (`año` + `s`, but not `añ` + `os`), and is the start of its key.
  @Test(arguments: ["años", "niños", "señales", "bañaron", "acción", "ñus", "oía", "país"])
  func stemsKeepThreeLetters(word: String) throws {
    let stemmer = try #require(stages).classifier.cues.stemmer
    let candidates = stemmer.candidates(word)
    #expect(candidates.first == word)
    for stem in candidates.dropFirst() {
      #expect(stem.unicodeScalars.count >= 3, "\(word) → \(stem)")
      #expect(word.hasPrefix(stem), "\(word) → \(stem)")
    }
    if word == "años" { #expect(candidates.contains("año") && !candidates.contains("añ")) }
  }

  @Test(arguments: [
    ["enviar", "envió", "enviado", "enviarán", "envíos"],
    ["amenazar", "amenazaron", "amenaza", "amenazas"],
    ["atacar", "atacó", "atacaron", "atacando"],
  ])
  func stemmerJoinsInflections(forms: [String]) throws {
    let stemmer = try #require(stages).classifier.cues.stemmer
    let base = stemmer.stem(forms[0].folding(options: .diacriticInsensitive, locale: nil))
    for form in forms {
      #expect(
        stemmer.candidates(form.folding(options: .diacriticInsensitive, locale: nil)).contains(
          base), "\(form)")
    }
  }
}

/// What the stages share about a document's words lives in the worker's `StageContext`, keyed by
/// the document's text and tokens: replacing the text and tokens, even with as many tokens, must
/// not let the classifier read the old words (issue #15: it classified the new sentence with the
/// old one's words).
@Suite struct StaleAnalysisTests {
  static let old = "El precio del cobre subió un 3 % en la jornada."
  static let new = "Los cancilleres de Turquía e Irán se reunieron ayer en Ankara."

  @Test func replacingTheTextAndTokensGivesAFreshClassification() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    var fresh = Document(id: "b", text: Self.new)
    try tokenizer.process(&fresh)
    try tagger.process(&fresh)
    let context = StageContext()
    var reused = Document(id: "b", text: Self.old)
    try tokenizer.process(&reused, in: context)
    try tagger.process(&reused, in: context)
    #expect(
      reused.tokens?.count == fresh.tokens?.count, "the case needs as many tokens in both sentences"
    )
    // Another text with as many tokens, as an editing step between stages would leave it.
    reused.text = fresh.text
    reused.tokens = fresh.tokens
    reused.sentences = fresh.sentences
    reused.entities = fresh.entities
    try classifier.process(&fresh)
    try classifier.process(&reused, in: context)
    #expect(reused.sentences == fresh.sentences)
    #expect(reused.sentences?.first?.extra["cooperation"]?["category"]?.stringValue == "diplomatic")
  }

  /// The matching keys the tagger leaves in the context (and the classifier reads instead of
  /// making them again) are each word's own.
  @Test func theSharedMatchingKeysAreEachWordsOwn() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let context = StageContext()
    for text in [Self.old, Self.new, "El Ministerio de Asuntos Exteriores de MÉXICO protestó."] {
      var document = Document(id: "k", text: text)
      try tokenizer.process(&document, in: context)
      try tagger.process(&document, in: context)
      try classifier.process(&document, in: context)
      let tokens = try #require(document.tokens)
      let entries = context.entries(&document)
      let keys = context.matchKeys()
      let scalars = Array(text.unicodeScalars)
      #expect(entries.count == tokens.count)
      for (token, entry) in zip(tokens, entries) {
        let key = MatchKey.key(String(String.UnicodeScalarView(scalars[token.start..<token.end])))
        #expect(keys.known(entry) == key, "\(key)")
      }
    }
  }

  @Test func aContextServesManyDocumentsAsFreshContextsWould() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let pipeline = Pipeline([tokenizer, tagger, classifier])
    let texts = [
      Self.old, Self.new, Self.old, "Rusia y China firmaron un acuerdo de cooperación militar.",
      Self.new,
    ]
    // A small table, emptied between documents, must change nothing either.
    for context in [StageContext(), StageContext(capacity: 8)] {
      for (i, text) in texts.enumerated() {
        var shared = Document(id: "\(i)", text: text)
        var alone = shared
        try pipeline.process(&shared, in: context)
        try pipeline.process(&alone)
        #expect(shared.jsonLine == alone.jsonLine, "document \(i)")
      }
    }
  }
}

/// `prensa lexicon cues`: the words each cue matched, counted from classified records.
@Suite struct CueFormsTests {
  @Test func countsTheWordsEachCueMatched() throws {
    var document = try tagged(
      "Rusia y China firmaron un acuerdo de cooperación. El acuerdo entra en vigor en enero. "
        + "Japón advirtió que los acuerdos militares amenazan la región.", id: "c")
    try #require(stages).classifier.process(&document)
    var cues = CueForms()
    cues.add(document)
    let rows = cues.rows
    #expect(!rows.isEmpty)
    let agreement = try #require(
      rows.first {
        $0.key == CueForms.Key(kind: "cooperation", cue: "acuerdo", label: "diplomatic")
      })
    #expect(agreement.matches == 3)
    #expect(agreement.forms.map { $0.form } == ["acuerdo", "acuerdos"])
    #expect(agreement.forms.map { $0.count } == [2, 1])
    #expect(agreement.isStemmed)
    // Every word listed is in the text; most matches first.
    let lowered = document.text.lowercased()
    for row in rows {
      #expect(row.matches == row.forms.reduce(0) { $0 + $1.count })
      for (form, _) in row.forms { #expect(lowered.contains(form)) }
    }
    #expect(rows.map(\.matches) == rows.map(\.matches).sorted(by: >))
    #expect(cues.skipped == 0)
  }

  @Test func skipsCuesOutsideTheirText() {
    var sentence = Sentence(start: 0, end: 5)
    sentence.extra["cooperation"] = .object(
      JSONObject([
        (
          "cues",
          .array([
            .object(
              JSONObject([
                ("cue", "=firma"), ("label", "diplomatic"), ("start", 0), ("end", 5),
              ])),
            .object(
              JSONObject([
                ("cue", "acuerdo"), ("label", "diplomatic"), ("start", 3), ("end", 40),
              ])),
          ])
        )
      ]))
    var document = Document(id: "s", text: "Firma")
    document.sentences = [sentence]
    var cues = CueForms()
    cues.add(document)
    #expect(cues.skipped == 1)
    #expect(cues.rows.count == 1)
    #expect(cues.rows.first?.forms.first?.form == "firma")
    #expect(cues.rows.first?.isStemmed == false)
  }
}
