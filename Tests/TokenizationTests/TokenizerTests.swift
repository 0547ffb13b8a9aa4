import Normalization
import PrensaCore
import PrensaTestSupport
import Testing
import Tokenization

/// The shipped Spanish data; a load failure fails every test that uses it (never an empty
/// fallback that would let the tests pass on nothing).
let loadedSpanish = Result { try SpanishData.load(from: TestSupport.lexicons) }

@Suite struct TokenizerTests {
  let tokenizer: Tokenizer
  init() throws { tokenizer = Tokenizer(data: try loadedSpanish.get()) }

  func surfaces(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return tokenizer.tokenize(text).map {
      String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
    }
  }

  func kinds(_ text: String) -> [TokenKind] { tokenizer.tokenize(text).map(\.kind) }

  @Test(arguments: [
    ("¿Por qué José Mujica?", ["¿", "Por", "qué", "José", "Mujica", "?"]),
    ("Llegó a EE.UU. el lunes.", ["Llegó", "a", "EE.UU.", "el", "lunes", "."]),
    ("El Sr. García y la Dra. Pérez", ["El", "Sr.", "García", "y", "la", "Dra.", "Pérez"]),
    ("Corrieron aprox. 10 km.", ["Corrieron", "aprox.", "10", "km."]),
    ("Ver pág. 12 y núm. 3", ["Ver", "pág.", "12", "y", "núm.", "3"]),
    ("J. R. R. Tolkien escribió", ["J.", "R.", "R.", "Tolkien", "escribió"]),
    ("en el año 218 a.C. llegó", ["en", "el", "año", "218", "a.C.", "llegó"]),
    ("Costó 1.500.000 euros", ["Costó", "1.500.000", "euros"]),
    ("Creció un 3,5 % anual", ["Creció", "un", "3,5", "%", "anual"]),
    ("A las 15:30 horas", ["A", "las", "15:30", "horas"]),
    ("Pagó 20 € o $30", ["Pagó", "20", "€", "o", "$", "30"]),
    ("El eje Rusia-Corea del Norte", ["El", "eje", "Rusia-Corea", "del", "Norte"]),
    ("la alianza ruso-norcoreana", ["la", "alianza", "ruso-norcoreana"]),
    ("el pacto PSE-PSOE y el dólar-marco", ["el", "pacto", "PSE-PSOE", "y", "el", "dólar-marco"]),
    ("por la N-340 hacia Cádiz", ["por", "la", "N-340", "hacia", "Cádiz"]),
    ("Dijo — sin dudar — que sí", ["Dijo", "—", "sin", "dudar", "—", "que", "sí"]),
    ("Esperó... y nada", ["Esperó", "...", "y", "nada"]),
    ("Esperó… y nada", ["Esperó", "…", "y", "nada"]),
    ("«Es inaceptable», dijo.", ["«", "Es", "inaceptable", "»", ",", "dijo", "."]),
    ("“Aliados” (según EFE)", ["“", "Aliados", "”", "(", "según", "EFE", ")"]),
    (
      "Lea https://www.efe.com/es/noticia?id=1. Luego",
      ["Lea", "https://www.efe.com/es/noticia?id=1", ".", "Luego"]
    ),
    ("Visite www.elpais.com.", ["Visite", "www.elpais.com", "."]),
    ("Escriba a prensa@efe.es hoy", ["Escriba", "a", "prensa@efe.es", "hoy"]),
    ("Trending: #CumbreOTAN con @NATO", ["Trending", ":", "#CumbreOTAN", "con", "@NATO"]),
    ("Celebran 🎉 el acuerdo 🇪🇸", ["Celebran", "🎉", "el", "acuerdo", "🇪🇸"]),
    ("Chang'e 6 alunizó", ["Chang'e", "6", "alunizó"]),
    ("del 1 al 10", ["del", "1", "al", "10"]),
    ("¡Viva! gritaron", ["¡", "Viva", "!", "gritaron"]),
    ("OPEP+ decide", ["OPEP", "+", "decide"]),
    ("Hwasong-17 y S-400", ["Hwasong-17", "y", "S-400"]),
  ])
  func splits(text: String, expected: [String]) {
    #expect(surfaces(text) == expected)
  }

  @Test(arguments: [
    ("Sr.", TokenKind.abbreviation), ("1.500", .number), ("15:30", .number), ("%", .symbol),
    ("€", .symbol), ("https://efe.com", .url), ("a@b.es", .email), ("#Paz", .hashtag),
    ("@ONU", .mention), ("😀", .emoji), ("Moscú", .word), (",", .punct), ("N-340", .word),
    ("www.efe.com", .url), ("WWW.EFE.COM", .url), ("ftp://efe.com/a", .url),
  ])
  func assignsKinds(text: String, kind: TokenKind) {
    #expect(kinds(text) == [kind])
  }

  /// URLs, addresses, hashtags and mentions are found wherever they sit in a longer text (the
  /// search first checks the whole text for what could start one).
  @Test func protectedSpansAreFoundInRunningText() {
    let text =
      "Según @ONU, la cumbre (www.un.org) sigue en https://efe.com/a. Escriba a prensa@efe.es "
      + "o use #Paz; fin"
    let found = tokenizer.tokenize(text).filter { $0.kind != .word && $0.kind != .punct }
    #expect(found.map(\.kind) == [.mention, .url, .url, .email, .hashtag])
    #expect(
      kinds("Rusia y China firmaron ayer un acuerdo de 400 millones.").allSatisfy {
        $0 != .url && $0 != .email && $0 != .hashtag && $0 != .mention
      })
  }

  @Test(arguments: [
    ("del", ["de", "el"]), ("Al", ["A", "el"]), ("DEL", ["De", "el"]), ("aL", ["a", "el"]),
    ("dárselo", ["dar", "se", "lo"]),
    ("quedarse", ["quedar", "se"]), ("encontrándose", ["encontrando", "se"]),
    ("decirle", ["decir", "le"]),
  ])
  func expandsContractionsAndClitics(word: String, words: [String]) {
    let tokens = tokenizer.tokenize(word)
    #expect(tokens.count == 1)
    #expect(tokens.first?.expansion == words)
  }

  @Test(arguments: [
    "militares", "Carlos", "charla", "lugares", "base", "casa", "perla", "de", "el", "dal", "ál",
    "dél",
  ])
  func leavesLookalikesWhole(word: String) {
    #expect(tokenizer.tokenize(word).first?.expansion == nil)
  }

  /// A word with a character beyond ASCII is no contraction when every key is ASCII, as
  /// `mayBeContraction` assumes: lower-cased, every such character but the Kelvin sign keeps a
  /// character beyond ASCII. Checked on every scalar; and a key with `k` still matches a word
  /// with the Kelvin sign.
  @Test func onlyTheKelvinSignLowerCasesIntoASCII() throws {
    var intoASCII: [UInt32] = []
    for value in UInt32(0x80)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased else {
        continue
      }
      if String(scalar).lowercased().utf8.allSatisfy({ $0 < 0x80 }) { intoASCII.append(value) }
    }
    #expect(intoASCII == [0x212A])
    let kelvin = Tokenizer(data: SpanishData(contractions: ["ka": ["k", "a"]]))
    #expect(kelvin.tokenize("\u{212A}a").first?.expansion == ["K", "a"])
    #expect(kelvin.tokenize("Ka").first?.expansion == ["K", "a"])
    #expect(tokenizer.tokenize("más").first?.expansion == nil)
    #expect(tokenizer.tokenize("Dél").first?.expansion == nil)
  }

  @Test func compoundPartsPointAtTheNames() throws {
    let text = "el eje Rusia-Corea del Norte"
    let token = try #require(tokenizer.tokenize(text).first { $0.parts != nil })
    let scalars = Array(text.unicodeScalars)
    let parts = (token.parts ?? []).map {
      String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
    }
    #expect(parts == ["Rusia", "Corea"])
  }

  @Test func offsetsCountUnicodeScalars() {
    let text = "🇪🇸 España"
    let tokens = tokenizer.tokenize(text)
    #expect(tokens.map(\.span) == [Span(start: 0, end: 2), Span(start: 3, end: 9)])
  }

  /// Many astral characters spread through a text (each two UTF-16 units, one scalar): every
  /// boundary ICU reports maps back to the right scalar offset.
  @Test func offsetsStayRightAfterManyAstralCharacters() {
    let pieces = ["Seúl", "😀", "y", "𝔸𝔹", "Moscú", "🇰🇷", "firman", "𠜎", "un", "pacto"]
    var text = ""
    var expected: [String] = []
    for round in 0..<40 {
      for piece in pieces {
        text += piece + " "
        expected.append(piece)
      }
      text += "(\(round)) "
      expected += ["(", String(round), ")"]
    }
    #expect(surfaces(text) == expected)
  }

  @Test func tokensAreSortedAndDisjointOnRealText() {
    let text =
      "La relación entre Rusia y Corea del Norte (RPDC) ha escalado: municiones, proyectiles y «transferencia tecnológica» — según The Diplomat, 2024."
    let tokens = tokenizer.tokenize(text)
    for (a, b) in zip(tokens, tokens.dropFirst()) { #expect(a.end <= b.start) }
    #expect(tokens.allSatisfy { $0.start < $0.end && $0.end <= text.unicodeScalars.count })
  }
}

@Suite struct SentenceSplitterTests {
  let tokenizer: Tokenizer
  init() throws { tokenizer = Tokenizer(data: try loadedSpanish.get()) }

  func sentences(_ text: String) throws -> [String] {
    var document = Document(id: "t", text: text)
    try tokenizer.process(&document)
    let scalars = Array(text.unicodeScalars)
    return (document.sentences ?? []).map {
      String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
    }
  }

  @Test(arguments: [
    ("El Sr. García llegó. Después habló.", ["El Sr. García llegó.", "Después habló."]),
    ("Viajó a EE.UU. en mayo. Volvió.", ["Viajó a EE.UU. en mayo.", "Volvió."]),
    ("Llegó a EE.UU. El viaje fue largo.", ["Llegó a EE.UU.", "El viaje fue largo."]),
    ("Lo firmó J. R. R. Tolkien en 1954.", ["Lo firmó J. R. R. Tolkien en 1954."]),
    ("Ocurrió en el 44 a. C. en Roma.", ["Ocurrió en el 44 a. C. en Roma."]),
    ("Ver el art. 5 de la ley. Es claro.", ["Ver el art. 5 de la ley.", "Es claro."]),
    ("Creció un 3.5 por ciento. Bien.", ["Creció un 3.5 por ciento.", "Bien."]),
    ("¿Qué pasó? dijo el ministro.", ["¿Qué pasó? dijo el ministro."]),
    ("¿Podrá Australia hacerlo? Nadie lo sabe.", ["¿Podrá Australia hacerlo?", "Nadie lo sabe."]),
    ("«Es inaceptable.» Así lo dijo.", ["«Es inaceptable.»", "Así lo dijo."]),
    ("Dijo: «No cederemos». Luego se fue.", ["Dijo: «No cederemos».", "Luego se fue."]),
    ("Esperaron... y nada cambió.", ["Esperaron... y nada cambió."]),
    (
      "Rusia y Corea sellan una alianza\nMOSCÚ (EFE). El Kremlin confirmó.",
      // A dateline belongs to the sentence it opens.
      ["Rusia y Corea sellan una alianza", "MOSCÚ (EFE). El Kremlin confirmó."]
    ),
    ("Claves:\n- Municiones\n- Misiles", ["Claves:", "- Municiones", "- Misiles"]),
    ("Primero.\n\nSegundo párrafo aquí.", ["Primero.", "Segundo párrafo aquí."]),
    (
      "Compraron misiles, drones, etc. La venta sigue.",
      ["Compraron misiles, drones, etc.", "La venta sigue."]
    ),
    ("Llegó el 2 de mayo. 2024 fue clave.", ["Llegó el 2 de mayo.", "2024 fue clave."]),
    ("¡Basta! Gritaron los manifestantes.", ["¡Basta!", "Gritaron los manifestantes."]),
    // A chronology: each date heads the item after its dash; dialogue dashes still split.
    (
      "7 de julio. - Netanyahu traspasa los poderes. 12 de julio. - El Parlamento rechaza la moción.",
      [
        "7 de julio. - Netanyahu traspasa los poderes.",
        "12 de julio. - El Parlamento rechaza la moción.",
      ]
    ),
    (
      "2000 Enero / Febrero. - La Kneset rechaza varias mociones.",
      ["2000 Enero / Febrero. - La Kneset rechaza varias mociones."]
    ),
    (
      "Murió en el acto. - No murió en el acto - dijo.",
      ["Murió en el acto.", "- No murió en el acto - dijo."]
    ),
    // After a semicolon Spanish goes on in lower case: a capitalised common word starts anew, a
    // name does not.
    (
      "Nació en Morelos en 1881; Se mudó a la capital en 1900.",
      ["Nació en Morelos en 1881;", "Se mudó a la capital en 1900."]
    ),
    ("Visitó tres países: Chile; Perú y Bolivia.", ["Visitó tres países: Chile; Perú y Bolivia."]),
    ("La reunión terminó tarde; el acuerdo, no.", ["La reunión terminó tarde; el acuerdo, no."]),
    // A headline in capitals glued to its text ends before the first word in mixed case, after
    // three words in capitals; fewer, or a sigla in the text, do not end a sentence.
    (
      "RIAZOR FUE OTRA VEZ SINÓNIMO DE DESASTRE El Real Madrid perdió ante el Deportivo.",
      ["RIAZOR FUE OTRA VEZ SINÓNIMO DE DESASTRE", "El Real Madrid perdió ante el Deportivo."]
    ),
    ("CUMBRE EN MADRID La OTAN se reunió.", ["CUMBRE EN MADRID", "La OTAN se reunió."]),
    ("EN MADRID La OTAN se reunió.", ["EN MADRID La OTAN se reunió."]),
    ("La OTAN Y UE Firmaron un pacto.", ["La OTAN Y UE Firmaron un pacto."]),
    ("CUMBRE DE LA OTAN en Madrid.", ["CUMBRE DE LA OTAN en Madrid."]),
  ])
  func splits(text: String, expected: [String]) throws {
    #expect(try sentences(text) == expected)
  }

  @Test func coversEveryTokenOnce() throws {
    let text = "Rusia envió armas. Corea del Norte, municiones. ¿Y China? Nada."
    var document = Document(id: "t", text: text)
    try tokenizer.process(&document)
    let sentences = try #require(document.sentences)
    let tokens = try #require(document.tokens)
    for token in tokens {
      #expect(sentences.filter { $0.start <= token.start && token.end <= $0.end }.count == 1)
    }
  }
}

/// Whole news records through normalize and tokenize, against checked expected files
/// (`RECORD_GOLDEN=1 swift test` rewrites them).
@Suite struct TokenizerGoldenTests {
  @Test func theFolderHoldsCases() { #expect(TestSupport.goldenCases("Golden").count >= 4) }

  @Test(arguments: TestSupport.goldenCases("Golden"))
  func golden(name: String) throws {
    let prefixes = Set(try TestSupport.lexicons.wordList("es/compound-prefixes.txt"))
    let pipeline = Pipeline([
      Normalizer(options: .init(compoundPrefixes: prefixes)),
      Tokenizer(data: try loadedSpanish.get()),
    ])
    let difference = try TestSupport.checkGolden("Golden", name, pipeline: pipeline)
    #expect(difference == nil, "\(difference ?? "")")
  }
}
