import PrensaCore
import Testing
import Tokenization

@Suite struct DatelineTests {
  let tokenizer: Tokenizer
  init() throws { tokenizer = Tokenizer(data: try loadedSpanish.get()) }

  func sentences(_ text: String) -> [String] {
    var document = Document(id: "d", text: text)
    try? tokenizer.process(&document)
    let scalars = Array(text.unicodeScalars)
    return (document.sentences ?? []).map {
      String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
    }
  }

  func dateline(_ text: String) -> JSONObject? {
    var document = Document(id: "d", text: text)
    try? tokenizer.process(&document)
    return document.fields["meta"]?.objectValue?["dateline"]?.objectValue
  }

  @Test(
    arguments: [
      ("MADRID, 3 may (EFE).- El Gobierno aprobó el plan. Fue ayer.", "MADRID", "--05-03", "EFE"),
      ("WASHINGTON, 2 de mayo. El presidente recibió a su homólogo.", "WASHINGTON", "--05-02", nil),
      ("SEÚL, Corea del Sur (AP) — Corea del Norte lanzó un misil.", "SEÚL", nil, "AP"),
      (
        "BRUSELAS, 20 de diciembre de 2023 (Reuters) - Los Veintisiete pactaron.", "BRUSELAS",
        "2023-12-20", "Reuters"
      ),
      ("SAN JOSÉ, 4 jun (EFE).- Costa Rica votó.", "SAN JOSÉ", "--06-04", "EFE"),
    ] as [(String, String, String?, String?)])
  func aDatelineIsMarkedAndOpensTheFirstSentence(
    text: String, place: String, date: String?, agency: String?
  ) throws {
    let line = try #require(dateline(text))
    #expect(line["place"]?.stringValue == place)
    #expect(line["date"]?.stringValue == date)
    #expect(line["agency"]?.stringValue == agency)
    // The dateline is no sentence of its own: the first sentence runs past it.
    let first = try #require(sentences(text).first)
    #expect(first.count > (line["text"]?.stringValue?.count ?? 0) + 5, "\(first)")
  }

  @Test(arguments: [
    "MADRID es la capital de España. Tiene tres millones de habitantes.",
    "La OTAN, 3 de mayo. Otra cosa.",
    "EEUU Y CHINA PACTAN UNA TREGUA\nEl acuerdo llegó tras meses.",
    "ONU, sin fecha ni agencia - texto.",
  ])
  func ordinaryTextHasNoDateline(_ text: String) {
    #expect(dateline(text) == nil)
  }

  @Test func anEditedTextLosesItsOldDateline() throws {
    var document = Document(id: "d", text: "LIMA, 2 de mayo (EFE).- Perú votó.")
    try tokenizer.process(&document)
    #expect(document.fields["meta"]?.objectValue?["dateline"] != nil)
    document.text = "Perú votó ayer."
    try tokenizer.process(&document)
    #expect(document.fields["meta"]?.objectValue?["dateline"] == nil)
  }

  @Test(arguments: [
    (
      "La cooperación entre Moscú y\nPyongyang se consolida, dijo.",
      ["La cooperación entre Moscú y\nPyongyang se consolida, dijo."]
    ),
    ("Firmaron el acuerdo de\nParís en 2015.", ["Firmaron el acuerdo de\nParís en 2015."]),
    ("Un titular\nEl texto empieza aquí.", ["Un titular", "El texto empieza aquí."]),
    ("¿Vendrá usted? - - Sí, mañana mismo.", ["¿Vendrá usted?", "- - Sí, mañana mismo."]),
    ("Lo dijo así. —No lo creo —respondió.", ["Lo dijo así.", "—No lo creo —respondió."]),
  ])
  func wrappedLinesAndDialogueTurns(text: String, expected: [String]) {
    #expect(sentences(text) == expected)
  }
}
