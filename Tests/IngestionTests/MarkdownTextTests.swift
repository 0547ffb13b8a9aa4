import Ingestion
import PrensaCore
import Testing

@Suite struct MarkdownTextTests {
  @Test(arguments: [
    ("# La OTAN en Vilna", "La OTAN en Vilna"),
    ("## Claves del acuerdo ##", "Claves del acuerdo"),
    ("**VILNA, 22 de enero.** - La OTAN inició", "VILNA, 22 de enero. - La OTAN inició"),
    (
      "el ejercicio *Steadfast Defender 2024*, el mayor",
      "el ejercicio Steadfast Defender 2024, el mayor"
    ),
    ("un __gran__ paso y un _pequeño_ gesto", "un gran paso y un pequeño gesto"),
    ("el secretario_general y snake_case", "el secretario_general y snake_case"),
    (
      "desde la [Guerra Fría](https://es.wikipedia.org/wiki/Guerra_Fr%C3%ADa).",
      "desde la Guerra Fría."
    ),
    ("![Soldados en Vilna](foto.jpg \"Vilna\")", "Soldados en Vilna"),
    ("ver [la nota][1] completa", "ver la nota completa"),
    ("- Participan 31 países.", "Participan 31 países."),
    ("12. Dura cuatro meses.", "Dura cuatro meses."),
    ("> «Es una señal», dijo.", "«Es una señal», dijo."),
    ("el código `OTAN-2024` y ~~nada~~ más", "el código OTAN-2024 y nada más"),
    (
      "escribe a <prensa@diario.example> o <https://diario.example>",
      "escribe a prensa@diario.example o https://diario.example"
    ),
    ("texto<br>con <span class=\"x\">etiquetas</span>", "textocon etiquetas"),
    ("un asterisco \\* literal y 3 * 4", "un asterisco * literal y 3 * 4"),
    ("| País | Aporte |\n|---|---|\n| España | 2 % |", " País   Aporte \n\n España   2 % "),
    ("Texto.\n\n---\n\nMás texto.", "Texto.\n\n\n\nMás texto."),
    ("```\ncódigo literal *sin* cambios\n```", "\ncódigo literal *sin* cambios\n"),
  ])
  func markupIsReducedToText(markdown: String, expected: String) {
    #expect(MarkdownText.strip(markdown).text == expected)
  }

  @Test func frontMatterGivesMetadataAndLeavesTheText() {
    let result = MarkdownText.strip(
      "---\ntitle: \"La OTAN en Vilna\"\ndate: 2024-01-22\nauthor: Ana Gómez\n---\nTexto.")
    #expect(result.text == "Texto.")
    #expect(
      result.frontMatter == [
        "title": "La OTAN en Vilna", "date": "2024-01-22", "author": "Ana Gómez",
      ])
  }

  /// Property: every scalar of the text maps back, through the alignment, to the same scalar of
  /// the Markdown source (markup is only ever deleted, or a table pipe turned into a space).
  @Test(arguments: [
    "# Título\n\n**Negrita** y *cursiva* con [enlace](http://a.b/c_(d)) y `código`.\n\n- uno\n- dos\n",
    "> cita con **énfasis _anidado_** y ![imagen](x.png)\n\n1. primero\n2) segundo",
    "---\ntitle: x\n---\n## Sub ##\ntexto \\_escapado\\_ y <b>html</b> 🇪🇸 emoji",
    "sin marcas en absoluto, solo texto llano.",
  ])
  func everyScalarMapsBackToTheSource(_ markdown: String) {
    let result = MarkdownText.strip(markdown)
    let text = Array(result.text.unicodeScalars)
    let source = Array(markdown.unicodeScalars)
    for i in text.indices {
      let span = result.alignment.originalSpan(of: Span(start: i, end: i + 1))
      #expect(span.end - span.start == 1, "offset \(i) maps to \(span)")
      if span.end - span.start == 1 && source[span.start] != "|" {
        #expect(source[span.start] == text[i], "offset \(i): \(text[i]) vs \(source[span.start])")
      }
    }
  }
}
