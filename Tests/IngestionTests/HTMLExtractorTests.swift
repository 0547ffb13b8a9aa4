import Foundation
import Ingestion
import Normalization
import PrensaCore
import PrensaTestSupport
import Testing

/// The shipped extraction data; a load failure fails every test that uses it.
let loadedReader = Result { try DocumentReader.load(TestSupport.lexicons) }

/// Word-level overlap of two texts: (precision, recall) of `got` against `gold`.
func wordScores(gold: String, got: String) -> (precision: Double, recall: Double) {
  func words(_ text: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
      counts[String(word), default: 0] += 1
    }
    return counts
  }
  let g = words(gold)
  let p = words(got)
  let overlap = g.reduce(0) { $0 + min($1.value, p[$1.key] ?? 0) }
  let gn = g.values.reduce(0, +)
  let pn = p.values.reduce(0, +)
  let precision = pn == 0 ? (gn == 0 ? 1 : 0) : Double(overlap) / Double(pn)
  let recall = gn == 0 ? (pn == 0 ? 1 : 0) : Double(overlap) / Double(gn)
  return (precision, recall)
}

@Suite struct HTMLGoldPageTests {
  static let folder = TestSupport.repositoryRoot().appendingPathComponent("bench/html/pages")
  static let pages: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    .filter { $0.hasSuffix(".html") }.sorted()

  @Test func theGoldSetIsThere() {
    #expect(Self.pages.count >= 30, "bench/html/pages holds \(Self.pages.count) pages")
  }

  /// Every hand-checked page: its article text found and nothing else, page by page.
  @Test(arguments: pages) func pageMatchesItsGold(_ page: String) throws {
    let reader = try loadedReader.get()
    let url = Self.folder.appendingPathComponent(page)
    let stem = String(page.dropLast(".html".count))
    let gold = try String(
      contentsOf: Self.folder.appendingPathComponent(stem + ".txt"), encoding: .utf8)
    let document = try reader.document(
      bytes: Array(try Data(contentsOf: url)), id: page, path: url.path)
    let (precision, recall) = wordScores(gold: gold, got: document.text)
    #expect(precision >= 0.9, "\(page): precision \(precision)")
    #expect(recall >= 0.85, "\(page): recall \(recall)")
    let meta = try #require(document.fields["meta"]?.objectValue)
    let goldMeta = try #require(
      try JSONParser.parse(
        String(
          contentsOf: Self.folder.appendingPathComponent(stem + ".meta.json"), encoding: .utf8)
      ).objectValue)
    // The headline and the publication day are what grouping by day and outlet needs.
    #expect(meta["title"]?.stringValue == goldMeta["title"]?.stringValue, "\(page): title")
    if let day = goldMeta["date"]?.stringValue {
      #expect(meta["date"]?.stringValue?.prefix(10) == day.prefix(10), "\(page): date")
    }
  }

  @Test func theWholeSetScoresLikeTheBestExtractors() throws {
    let reader = try loadedReader.get()
    var precisions: [Double] = []
    var recalls: [Double] = []
    for page in Self.pages {
      let stem = String(page.dropLast(".html".count))
      let gold = try String(
        contentsOf: Self.folder.appendingPathComponent(stem + ".txt"), encoding: .utf8)
      let url = Self.folder.appendingPathComponent(page)
      let document = try reader.document(
        bytes: Array(try Data(contentsOf: url)), id: page, path: url.path)
      let scores = wordScores(gold: gold, got: document.text)
      precisions.append(scores.precision)
      recalls.append(scores.recall)
    }
    try #require(!precisions.isEmpty)
    let p = precisions.reduce(0, +) / Double(precisions.count)
    let r = recalls.reduce(0, +) / Double(recalls.count)
    #expect(p >= 0.95 && r >= 0.95, "macro precision \(p), recall \(r)")
  }
}

@Suite struct HTMLExtractorTests {
  func extract(_ html: String) throws -> HTMLArticle {
    try loadedReader.get().html.extract(html: html)
  }

  static let body = """
    <p>La Unión Europea y el Mercosur firmaron este viernes en Montevideo un acuerdo que elimina \
    aranceles para la mayoría de los productos, tras veinte años de negociaciones.</p>
    <p>El texto, de más de mil páginas, deberá ser ratificado por los parlamentos de los \
    veintisiete Estados miembros y por los cuatro socios sudamericanos.</p>
    <p>Francia reiteró sus reservas sobre el capítulo agrícola, mientras que España y Alemania \
    celebraron un pacto que consideran estratégico frente a China.</p>
    """

  func page(head: String = "", before: String = "", inside: String = "", after: String = "")
    -> String
  {
    """
    <!DOCTYPE html><html lang="es"><head><meta charset="utf-8">\(head)
    <title>La UE y el Mercosur firman su acuerdo | Diario de Prueba</title></head><body>
    \(before)<article><h1>La UE y el Mercosur firman su acuerdo</h1>\(inside)\(Self.body)</article>
    \(after)</body></html>
    """
  }

  @Test func theArticleIsFoundAndScriptsStylesAndMenusAreNot() throws {
    let html = page(
      head: "<style>p { color: red }</style><script>var x = 'Publicidad secreta';</script>",
      before: """
        <nav><ul><li><a href="/">Portada</a></li><li><a href="/mundo">Mundo</a></li></ul></nav>
        <div class="cookie-banner">Usamos cookies para mejorar su experiencia. Aceptar</div>
        """,
      after: "<footer><p>© Diario de Prueba 2024. Todos los derechos reservados.</p></footer>")
    let article = try extract(html)
    #expect(article.blocks.first?.kind == .headline)
    #expect(article.blocks.first?.text == "La UE y el Mercosur firman su acuerdo")
    #expect(article.blocks.filter { $0.kind == .paragraph }.count == 3)
    for word in ["color", "secreta", "Portada", "cookies", "derechos"] {
      #expect(!article.text.contains(word), "\(word) leaked into the text")
    }
    #expect(article.meta.title == "La UE y el Mercosur firman su acuerdo")
    #expect(article.meta.lang == "es")
    #expect(article.meta.site == "Diario de Prueba")
  }

  @Test(arguments: [
    "<p><strong>Lee también:</strong> <a href=\"/x\">Lula y Milei, frente a frente</a></p>",
    "<div class=\"related-news\"><h3>Noticias relacionadas</h3><p>Otra cosa que leer hoy mismo en el diario</p></div>",
    "<p hidden>Texto oculto que nadie ve en la página impresa ni en la pantalla</p>",
    "<p style=\"display: none\">Texto oculto que nadie ve en la página impresa ni en pantalla</p>",
    "<div aria-hidden=\"true\">Texto oculto para lectores de pantalla y también a la vista</div>",
    "<figure><img src=\"a.jpg\"><figcaption>Los cancilleres, en Montevideo. Foto: EFE</figcaption></figure>",
    "<div class=\"newsletter\"><p>Suscríbete a nuestro boletín diario de noticias internacionales</p></div>",
    "<aside><p>Lo más leído hoy: cinco noticias que no te puedes perder esta semana</p></aside>",
  ])
  func furnitureInsideTheBodyIsLeftOut(_ furniture: String) throws {
    let article = try extract(page(inside: furniture))
    #expect(article.blocks.filter { $0.kind == .paragraph }.count == 3, "\(article.blocks)")
    let texts = article.blocks.map(\.text)
    for forbidden in ["Lula", "relacionadas", "oculto", "cancilleres", "boletín", "leído"] {
      #expect(!texts.contains { $0.contains(forbidden) }, "\(forbidden): \(texts)")
    }
  }

  @Test func characterReferencesAreDecodedAndSpacesCollapsed() throws {
    let article = try extract(
      page(
        inside:
          "<p>El ministro dijo:&nbsp;&laquo;Es un d&iacute;a &#233;pico&raquo; &amp; \n  feliz para la regi&oacute;n.</p>"
      ))
    #expect(
      article.blocks.contains {
        $0.text == "El ministro dijo: «Es un día épico» & feliz para la región."
      })
  }

  @Test func paragraphsSeparatedByLineBreaksAreBlocks() throws {
    let html = """
      <html><body><div class="texto">Primer párrafo de la noticia, con bastante texto para contar.<br><br>\
      Segundo párrafo, que sigue con más detalles sobre la cumbre de ministros.<br><br>\
      Tercer párrafo con la reacción de los gobiernos de la región, que fue inmediata.</div></body></html>
      """
    let article = try extract(html)
    #expect(
      article.blocks.map(\.text) == [
        "Primer párrafo de la noticia, con bastante texto para contar.",
        "Segundo párrafo, que sigue con más detalles sobre la cumbre de ministros.",
        "Tercer párrafo con la reacción de los gobiernos de la región, que fue inmediata.",
      ])
  }

  @Test func metadataComesFromMetaTagsAndLinkedData() throws {
    let head = """
      <link rel="canonical" href="https://diario.example/mundo/acuerdo.html">
      <meta property="og:site_name" content="Diario de Prueba">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"NewsArticle","headline":"La UE y el Mercosur firman su acuerdo",
      "datePublished":"2024-12-06T10:31:00+01:00","author":[{"@type":"Person","name":"Ana Gómez"}]}]}
      </script>
      """
    let meta = try extract(page(head: head)).meta
    #expect(meta.date == "2024-12-06T10:31:00+01:00")
    #expect(meta.author == "Ana Gómez")
    #expect(meta.url == "https://diario.example/mundo/acuerdo.html")
    #expect(meta.site == "Diario de Prueba")
  }

  @Test func aPrintedDateIsTheDateWhenNothingElseSaysIt() throws {
    let article = try extract(
      page(before: "<div class=\"fecha\">Viernes, 6 de diciembre de 2024</div>"))
    #expect(article.meta.date == "2024-12-06")
  }

  @Test(arguments: [
    ("", "no HTML content"),
    ("<html><body><nav><a href='/'>Portada</a></nav></body></html>", "no article body found"),
  ])
  func aPageWithoutAnArticleGivesAWarning(html: String, warning: String) throws {
    let article = try extract(html)
    #expect(article.warnings.contains(warning), "\(article.warnings)")
    #expect(!article.blocks.contains { $0.kind == .paragraph })
  }

  @Test(arguments: [
    "<html><body><p>Texto <b>sin <i>cerrar</b> y <div>mal</p> anidado</span></div>",
    "<<<>>><p<p>>",
    "<html><body>" + String(repeating: "<div>", count: 5000) + "hondo" + "</body></html>",
    "<html><body><p>\u{0}nulo\u{0}</p></body></html>",
    "<script>" + String(repeating: "x", count: 100_000),
  ])
  func brokenMarkupNeverCrashes(_ html: String) throws {
    let article = try extract(html)
    #expect(article.blocks.allSatisfy { !$0.text.isEmpty })
  }

  @Test func aHugePageIsRead() throws {
    let paragraph =
      "<p>La cumbre de la OTAN en Vilna terminó con un compromiso de ayuda militar a Ucrania, pero sin fecha de adhesión.</p>\n"
    let html =
      "<html><body><article>" + String(repeating: paragraph, count: 90_000)
      + "</article></body></html>"
    #expect(html.utf8.count > 10_000_000)
    let article = try extract(html)
    #expect(article.blocks.count == 90_000)
  }
}

@Suite struct PageDecodingTests {
  let reader: DocumentReader
  init() throws { reader = try loadedReader.get() }

  @Test func aWindows1252PageDeclaredUTF8IsReadWithAWarning() throws {
    var bytes = Array(
      "<html><head><meta charset=\"utf-8\"></head><body><article><h1>Acuerdo en Bogotá</h1><p>".utf8
    )
    // "El Gobierno y el ELN firmaron un cese al fuego en La Habana, según anunció la delegación." in cp1252.
    bytes += [0x45, 0x6C, 0x20, 0x47, 0x6F, 0x62, 0x69, 0x65, 0x72, 0x6E, 0x6F, 0x20, 0x79, 0x20]
    bytes += Array("el ELN firmaron un cese al fuego en La Habana, seg".utf8) + [0xFA]
    bytes += Array("n anunci".utf8) + [0xF3] + Array(" la delegaci".utf8) + [0xF3]
    bytes += Array("n de paz en la capital cubana.</p></article></body></html>".utf8)
    let document = try reader.document(bytes: bytes, id: "p.html", path: "p.html")
    #expect(document.text.contains("según anunció la delegación"))
    #expect(document.warnings.contains { $0.contains("declares utf-8") }, "\(document.warnings)")
    #expect(document.fields["source"]?.objectValue?["format"]?.stringValue == "html")
  }

  @Test func aPageInAnotherLanguageIsReadWithAWarning() throws {
    let html = """
      <html lang="pt-BR"><body><article><h1>Lula e Xi assinam acordos</h1>\
      <p>O presidente Luiz Inácio Lula da Silva assinou nesta sexta-feira em Pequim quinze acordos \
      de cooperação com a China, em áreas como comércio e tecnologia.</p></article></body></html>
      """
    let document = try reader.document(bytes: Array(html.utf8), id: "pt.html", path: "pt.html")
    #expect(document.text.contains("Pequim"))
    #expect(document.warnings.contains { $0.contains("pt-BR") }, "\(document.warnings)")
  }

  @Test(arguments: [
    ("nota.html", DocumentReader.Format.html), ("nota.HTM", .html), ("nota.md", .markdown),
    ("nota.txt", .text), ("nota", .text),
  ])
  func theFormatFollowsTheExtension(path: String, format: DocumentReader.Format) {
    #expect(DocumentReader.format(of: path) == format)
  }
}
