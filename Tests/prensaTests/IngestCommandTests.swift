import Batch
import PrensaCore
import Foundation
import Ingestion
import PrensaTestSupport
import Testing

/// Articles as people have them: saved pages, Markdown, text on standard input, folders with
/// other files in them.
@Suite(.serialized) struct IngestCommandTests {
  let shell = EndToEndTests()

  static let page = TestSupport.repositoryRoot().appendingPathComponent(
    "bench/html/pages/03-otan-cumbre-madrid.html")

  func records(_ stdout: String) -> [[String: Any]] {
    stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  @Test func aFolderOfSavedPagesIsReadAndOtherFilesAreReported() throws {
    let folder = try TestSupport.temporaryDirectory()
    try FileManager.default.copyItem(at: Self.page, to: folder.appendingPathComponent("otan.html"))
    try "%PDF-1.4".write(
      to: folder.appendingPathComponent("informe.pdf"), atomically: true, encoding: .utf8)
    try "".write(to: folder.appendingPathComponent("vacio.txt"), atomically: true, encoding: .utf8)
    try "La cumbre terminó.".write(
      to: folder.appendingPathComponent("nota.md"), atomically: true, encoding: .utf8)
    let result = try shell.run("$P run --jobs 1 \(folder.path)")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains("skipped \(folder.path)/informe.pdf: unsupported extension '.pdf'"))
    #expect(result.stderr.contains("skipped \(folder.path)/vacio.txt: empty file"))
    #expect(result.stderr.contains("2 files not read"), "\(result.stderr)")
    let out = records(result.stdout)
    #expect(out.count == 2)
    let page = try #require(out.first { ($0["id"] as? String) == "otan.html" })
    let meta = try #require(page["meta"] as? [String: Any])
    #expect((meta["date"] as? String)?.hasPrefix("2022-06-29") == true)
    #expect((page["text"] as? String)?.hasPrefix("La OTAN aprueba en Madrid") == true)
    #expect(!((page["text"] as? String) ?? "").contains("cookies"))
    #expect(((page["sentences"] as? [Any])?.count ?? 0) > 5)

    let only = try shell.run("$P run --quiet --include '*.html' \(folder.path) | wc -l")
    #expect(only.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
  }

  @Test func plainTextOnStandardInputIsOneDocument() throws {
    let run = try shell.run(
      "printf 'La OTAN se reunió en Vilna.\\nUcrania pidió garantías.\\n' | $P run --verbose -")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("not JSONL: read as one text document"))
    let out = records(run.stdout)
    #expect(out.count == 1)
    #expect((out.first?["sentences"] as? [Any])?.count == 2)

    let ingest = try shell.run("echo 'Texto plano.' | $P ingest -")
    #expect(records(ingest.stdout).first?["text"] as? String == "Texto plano.\n")

    let forced = try shell.run("echo '{\"id\":\"x\"}' | $P ingest --format text -")
    #expect(records(forced.stdout).first?["text"] as? String == "{\"id\":\"x\"}\n")
  }

  @Test func textPipedToAStageThatReadsRecordsGetsAHint() throws {
    let result = try shell.run("echo 'Hola mundo.' | $P classify")
    #expect(result.status == 65)
    #expect(result.stderr.contains("this is not JSONL"))
    #expect(result.stderr.contains("prensa ingest -"))
  }

  @Test func markdownOffsetsPointIntoTheFile() throws {
    let folder = try TestSupport.temporaryDirectory()
    let markdown =
      "# La OTAN en Vilna\n\n**VILNA, 22 de enero.** - La *OTAN* inició su mayor ejercicio.\n"
    try markdown.write(to: folder.appendingPathComponent("n.md"), atomically: true, encoding: .utf8)
    let result = try shell.run("$P run --quiet \(folder.path)/n.md")
    let record = try #require(records(result.stdout).first)
    let original = try #require(record["original"] as? String)
    #expect(original == markdown)
    let source = Array(original.unicodeScalars)
    let entities = try #require(record["entities"] as? [[String: Any]])
    let otan = try #require(entities.last { ($0["text"] as? String) == "OTAN" })
    let start = try #require(otan["original_start"] as? Int)
    let end = try #require(otan["original_end"] as? Int)
    #expect(String(String.UnicodeScalarView(source[start..<end])) == "OTAN")
    let meta = try #require(record["meta"] as? [String: Any])
    #expect((meta["dateline"] as? [String: Any])?["place"] as? String == "VILNA")
  }
}

@Suite struct InputPlanTests {
  func folder(_ names: [String]) throws -> URL {
    let folder = try TestSupport.temporaryDirectory()
    for name in names {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try "x".write(to: url, atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test func aFolderIsSplitIntoInputsAndReportedSkips() throws {
    let root = try folder(["a.html", "b.txt", "c.jsonl", "d.pdf", "e", "sub/f.md", ".oculto.txt"])
    let plan = try InputPlan.make([root.path])
    #expect(plan.inputs.map(\.relativePath) == ["a.html", "b.txt", "c.jsonl", "sub/f.md"])
    #expect(plan.inputs.map(\.kind) == [.text(.html), .text(.text), .jsonl, .text(.markdown)])
    #expect(plan.skipped.map { ($0.path as NSString).lastPathComponent } == ["d.pdf", "e"])
    #expect(plan.skipped[0].reason == "unsupported extension '.pdf'")
  }

  @Test(
    arguments: [
      (["*.html"], [], ["a.html", "sub/c.html"]),
      (["sub/*"], [], ["sub/c.html", "sub/d.txt"]),
      ([], ["*.txt"], ["a.html", "sub/c.html"]),
      (["*.html", "*.txt"], ["sub/*"], ["a.html", "b.txt"]),
    ] as [([String], [String], [String])])
  func includeAndExcludeChooseTheFiles(include: [String], exclude: [String], expected: [String])
    throws
  {
    let root = try folder(["a.html", "b.txt", "sub/c.html", "sub/d.txt"])
    let plan = try InputPlan.make([root.path], include: include, exclude: exclude)
    #expect(plan.inputs.map(\.relativePath) == expected)
  }

  @Test func aFileNamedDirectlyIsAlwaysRead() throws {
    let root = try folder(["notas.log"])
    let plan = try InputPlan.make([root.appendingPathComponent("notas.log").path])
    #expect(plan.inputs.map(\.kind) == [.text(.text)])
    #expect(plan.skipped.isEmpty)
  }

  @Test(
    arguments: [
      ("{\"id\": \"a\"}\n", nil), ("  \n{\"id\"", nil), ("La OTAN", DocumentReader.Format.text),
      ("<!DOCTYPE html><html>", .html), ("<p>hola", .text),
    ] as [(String, DocumentReader.Format?)])
  func standardInputIsDetected(head: String, format: DocumentReader.Format?) {
    #expect(BatchRunner.detectFormat(ArraySlice(Array(head.utf8))) == format)
  }
}

@Suite(.serialized) struct LexiconCheckAndUsageTests {
  let shell = EndToEndTests()

  @Test func lexiconCheckReportsEveryBadLineAndClashesWithTheShippedOnes() throws {
    let folder = try TestSupport.temporaryDirectory()
    let bad = folder.appendingPathComponent("mal.tsv")
    try "ORG:x\tORG\tEquis\tEquis|Equis SA\nsin columnas\nORG:y\tORG\n\tORG\tNada\n".write(
      to: bad, atomically: true, encoding: .utf8)
    let user = folder.appendingPathComponent("mio.tsv")
    try "MISC:otan\tMISC\tOTAN alianza\tOTAN\n".write(to: user, atomically: true, encoding: .utf8)
    let result = try shell.run("$P lexicon check \(bad.path) \(user.path)")
    #expect(result.status == 65)
    #expect(result.stdout.contains("mal.tsv:2: expected 3 to 6"))
    #expect(result.stdout.contains("mal.tsv:3: expected 3 to 6"))
    #expect(result.stdout.contains("mal.tsv:4: empty id"))
    #expect(result.stdout.contains("mio.tsv:1: warning: alias 'OTAN' is MISC here but ORG"))

    // The same clash is a warning when the file is used, and the run goes on.
    let run = try shell.run(
      "echo 'La OTAN se reunió.' | PRENSA_CACHE_DIR=off $P run --add-lexicon \(user.path) -")
    #expect(run.status == 0)
    #expect(run.stderr.contains("warning: \(user.path):1: alias 'OTAN'"), "\(run.stderr)")
  }

  @Test(arguments: [
    ("clasify", "prensa: unknown command 'clasify'; did you mean 'classify'?"),
    ("lexicon chek", "prensa lexicon: unknown command 'chek'; did you mean 'check'?"),
    ("frobnicate", "prensa: unknown command 'frobnicate' (see 'prensa --help')"),
  ])
  func aMistypedCommandGetsTheNearestOne(command: String, message: String) throws {
    let result = try shell.run("$P \(command) < /dev/null")
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}

@Suite(.serialized) struct DatelineCommandTests {
  let shell = EndToEndTests()

  @Test func aDatelinesPlaceIsAPlaceEvenWhenNoLexiconKnowsIt() throws {
    let result = try shell.run(
      "echo 'QUETZALTENANGO, 3 may (EFE).- El alcalde firmó un convenio con Taiwán.' | $P run --quiet -"
    )
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let entities = try #require(record["entities"] as? [[String: Any]])
    let place = try #require(entities.first)
    #expect(place["text"] as? String == "QUETZALTENANGO")
    #expect(place["label"] as? String == "GPE")
    #expect(place["source"] as? String == "rule")
    let sentences = try #require(record["sentences"] as? [[String: Any]])
    #expect(sentences.count == 1)
  }
}

/// `--out-dir` at scale: an append-only manifest, compacted at the end; outputs whose inputs
/// are gone reported and pruned.
@Suite(.serialized) struct OutputFolderTests {
  let shell = EndToEndTests()

  /// `count` one-line news items in folders of 1,000.
  func smallFiles(_ count: Int) throws -> URL {
    let folder = try TestSupport.temporaryDirectory().appendingPathComponent("in")
    let countries = ["España", "Francia", "Chile", "Perú", "México", "Brasil"]
    for i in 0..<count {
      let sub = folder.appendingPathComponent(String(format: "%03d", i / 1000))
      if i % 1000 == 0 {
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      }
      try
        "El Gobierno de \(countries[i % 6]) firmó un acuerdo con \(countries[(i * 5) % 6]) el día \(i % 28 + 1)."
        .write(
          to: sub.appendingPathComponent(String(format: "%06d.txt", i)), atomically: false,
          encoding: .utf8)
    }
    return folder
  }

  @Test func aKilledRunOverManyFilesResumesToTheBytesOfACleanRun() throws {
    let input = try smallFiles(20_000)
    let base = input.deletingLastPathComponent()
    let clean = base.appendingPathComponent("clean")
    let killed = base.appendingPathComponent("killed")
    let first = try shell.run("$P run --quiet --jobs 2 --out-dir \(clean.path) \(input.path)")
    #expect(first.status == 0, "\(first.stderr)")
    let manifest = try String(
      contentsOf: clean.appendingPathComponent(".prensa-manifest.tsv"), encoding: .utf8)
    #expect(manifest.split(separator: "\n").count == 20_000)
    // Killed at a random point once some outputs are done, then run again.
    let interrupted = try shell.run(
      """
      $P run --quiet --jobs 2 --out-dir \(killed.path) \(input.path) & pid=$!
      manifest=\(killed.path)/.prensa-manifest.tsv
      target=$(( (RANDOM % 5000) + 200 ))
      for i in $(seq 1 3000); do [ -f $manifest ] && [ $(wc -l < $manifest) -ge $target ] && break; sleep 0.01; done
      kill -9 $pid; wait $pid; echo "status $?"
      """)
    #expect(interrupted.stdout.contains("status 137"), "\(interrupted.stdout)")
    // A row cut short by the kill is dropped when the folder is opened again.
    _ = try shell.run("printf '000/000001.jsonl\\tcut-sh' >> \(killed.path)/.prensa-manifest.tsv")
    let rerun = try shell.run("$P run --jobs 2 --out-dir \(killed.path) \(input.path)")
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stderr.contains("skipped as current"))
    let compare = try shell.run("diff -r \(clean.path) \(killed.path) && echo identical")
    #expect(compare.stdout.contains("identical"), "\(compare.stdout)")
  }

  @Test func outputsWhoseInputsAreGoneAreReportedAndPruned() throws {
    let input = try smallFiles(5)
    let out = input.deletingLastPathComponent().appendingPathComponent("out")
    _ = try shell.run("$P run --quiet --out-dir \(out.path) \(input.path)")
    try FileManager.default.removeItem(at: input.appendingPathComponent("000/000001.txt"))
    try FileManager.default.removeItem(at: input.appendingPathComponent("000/000003.txt"))
    let report = try shell.run("$P run --out-dir \(out.path) \(input.path)")
    #expect(report.status == 0)
    #expect(report.stderr.contains("2 outputs in \(out.path) have no input in this run"))
    #expect(report.stderr.contains("--prune removes them"))
    #expect(
      FileManager.default.fileExists(atPath: out.appendingPathComponent("000/000001.jsonl").path))
    let pruned = try shell.run("$P run --prune --out-dir \(out.path) \(input.path)")
    #expect(pruned.stderr.contains("pruned 2 outputs"), "\(pruned.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: out.appendingPathComponent("000/000001.jsonl").path))
    let manifest = try String(
      contentsOf: out.appendingPathComponent(".prensa-manifest.tsv"), encoding: .utf8)
    #expect(
      manifest.split(separator: "\n").map { $0.split(separator: "\t")[0] } == [
        "000/000000.jsonl", "000/000002.jsonl", "000/000004.jsonl",
      ])
  }
}

@Suite(.serialized) struct OutputShapeTests {
  let shell = EndToEndTests()

  func record(_ stdout: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
  }

  @Test func fieldsAndDropChooseWhatIsWrittenInEveryStageAndInRun() throws {
    let seed = TestSupport.repositoryRoot().appendingPathComponent("seeds").path
    let full = try record(try shell.run("$P run --quiet \(seed)").stdout)
    #expect(full["tokens"] != nil)
    let dropped = try record(try shell.run("$P run --quiet --drop tokens,alignment \(seed)").stdout)
    #expect(dropped["tokens"] == nil && dropped["alignment"] == nil)
    #expect((dropped["sentences"] as? [Any])?.count == (full["sentences"] as? [Any])?.count)
    let kept = try record(
      try shell.run("$P run --quiet --fields sentences --sentence-text \(seed)").stdout)
    #expect(Set(kept.keys) == ["id", "sentences"])
    let sentences = try #require(kept["sentences"] as? [[String: Any]])
    let text = try #require(full["text"] as? String)
    let scalars = Array(text.unicodeScalars)
    for sentence in sentences {
      let start = try #require(sentence["start"] as? Int)
      let end = try #require(sentence["end"] as? Int)
      #expect(sentence["text"] as? String == String(String.UnicodeScalarView(scalars[start..<end])))
    }
    // The piped stages take the same options.
    let piped = try record(
      try shell.run("echo '{\"id\":\"a\",\"text\":\"La OTAN se reunió.\"}' | $P tag --drop tokens")
        .stdout)
    #expect(piped["tokens"] == nil && piped["entities"] != nil)
  }
}

@Suite(.serialized) struct ShowCommandTests {
  let shell = EndToEndTests()

  @Test func showPrintsSentencesWithLabelsAndMarkedEntities() throws {
    let result = try shell.run(
      "echo '{\"id\":\"n1\",\"text\":\"Rusia y China firmaron un acuerdo comercial en Pekín.\"}' | $P run --quiet - | $P show"
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("━━ n1"))
    #expect(result.stdout.contains("[Rusia|GPE] y [China|GPE] firmaron"))
    #expect(result.stdout.contains("[economic · "), "\(result.stdout)")
    #expect(!result.stdout.contains("\u{1B}["), "plain text when not a terminal")
    let colored = try shell.run(
      "echo '{\"id\":\"n1\",\"text\":\"Rusia firmó.\"}' | $P run --quiet - | $P show --color always"
    )
    #expect(colored.stdout.contains("\u{1B}[32mRusia\u{1B}[0m"))
  }

  @Test func recordsWithoutAnalysisAreShownWithANote() throws {
    let result = try shell.run(
      "printf '{\"id\":\"a\",\"text\":\"<script>x</script> Hola.\"}\\n{\"id\":\"b\",\"text\":\"\"}\\n' | $P show"
    )
    #expect(result.status == 0)
    #expect(result.stdout.contains("no sentences: not tokenized"))
    #expect(result.stdout.contains("<script>x</script> Hola."))
  }
}

@Suite(.serialized) struct ExchangeCommandTests {
  let shell = EndToEndTests()

  /// prensa's output exported, imported back as gold, and scored against itself: perfect.
  @Test(arguments: ["label-studio", "doccano", "brat"])
  func exportedAnnotationsComeBackAsGoldThatMatchesExactly(format: String) throws {
    let folder = try TestSupport.temporaryDirectory()
    let seed = TestSupport.repositoryRoot().appendingPathComponent("seeds").path
    let analysed = folder.appendingPathComponent("analysed.jsonl").path
    _ = try shell.run("$P run --quiet \(seed) > \(analysed)")
    let exported = folder.appendingPathComponent("export").path
    let export =
      format == "brat"
      ? try shell.run("$P export --format brat --out-dir \(exported) \(analysed)")
      : try shell.run("$P export --format \(format) -o \(exported) \(analysed)")
    #expect(export.status == 0, "\(export.stderr)")
    let gold = folder.appendingPathComponent("gold.jsonl").path
    let imported = try shell.run("$P import --format \(format) \(exported) -o \(gold)")
    #expect(imported.status == 0, "\(imported.stderr)")
    let score = try shell.run("$P evaluate --gold \(gold) \(analysed) --json")
    #expect(score.status == 0, "\(score.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
    let strict = (report["entities"] as? [String: Any])?["strict"] as? [String: Any]
    #expect(strict?["f1"] as? Double == 1.0, "\(score.stdout)")
    #expect((report["cooperation"] as? [String: Any])?["accuracy"] as? Double == 1.0)
    #expect((report["stance"] as? [String: Any])?["accuracy"] as? Double == 1.0)
  }
}

/// The review page in a real browser: headless Chromium (a Debian package, installed by
/// .ci/run) runs the page's script; the rendered DOM and a screenshot are checked.
let chromium: String? = [
  "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
]
.first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.serialized) struct ReviewPageBrowserTests {
  let shell = EndToEndTests()

  /// In CI the browser must be there (so the test cannot pass by being skipped).
  static let enabled = chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil

  func dom(_ page: String, _ hash: String = "") throws -> String {
    let browser = try #require(chromium, "no headless Chromium (apt-get install chromium)")
    let result = try shell.run(
      "\(browser) --headless --no-sandbox --disable-gpu --dump-dom 'file://\(page)\(hash)' 2>/dev/null"
    )
    return result.stdout
  }

  func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test(.enabled(if: enabled)) func thePageRendersFiltersAndEscapesInABrowser() throws {
    let folder = try TestSupport.temporaryDirectory()
    let records = folder.appendingPathComponent("r.jsonl").path
    let pages = TestSupport.repositoryRoot().appendingPathComponent("bench/html/pages")
    let seeds = TestSupport.repositoryRoot().appendingPathComponent("seeds").path
    _ = try shell.run(
      "$P run --quiet \(seeds) \(pages.path)/03-otan-cumbre-madrid.html \(pages.path)/38-zas-trump-aranceles-sheinbaum.html > \(records)"
    )
    // Markup, a script, right-to-left text and emoji in a record: text, never markup.
    _ = try shell.run(
      #"echo '{"id":"<b>x</b>","text":"La OTAN <script>alert(1)</script> </script><img src=x onerror=alert(2)> dijo: «مرحبا» 🇪🇸."}' | $P run --quiet - >> "#
        + records)
    let page = folder.appendingPathComponent("review.html").path
    let made = try shell.run("$P review \(records) -o \(page)")
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stderr.contains("4 documents"))
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(!html.contains("http://") && !html.contains("https://"), "no network use")

    // All four documents, every sentence and every entity are in the rendered page.
    let lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n")
    let decoded = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let sentences = decoded.reduce(0) { $0 + (($1["sentences"] as? [Any])?.count ?? 0) }
    let entities = decoded.reduce(0) { $0 + (($1["entities"] as? [Any])?.count ?? 0) }
    let rendered = try dom(page)
    #expect(count("<article", in: rendered) == 4)
    #expect(count("class=\"s\"", in: rendered) == sentences)
    #expect(count("<mark class=\"ent", in: rendered) == entities)
    // Escaped: the record's markup is text; the page has its own two scripts only.
    #expect(count("<script", in: rendered) == 2)
    #expect(rendered.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!rendered.contains("<img src=\"x\""))
    #expect(rendered.contains("مرحبا") && rendered.contains("🇪🇸"))
    #expect(rendered.contains("actors: "))

    // A record that was never analysed is shown as far as it goes, with a note.
    let raw = folder.appendingPathComponent("raw.html").path
    _ = try shell.run(
      #"echo '{"id":"crudo","text":"Texto sin analizar."}' | $P review -o "# + raw)
    let shownRaw = try dom(raw)
    #expect(shownRaw.contains("Note: not tokenized: no sentences"))
    #expect(shownRaw.contains("Texto sin analizar."))

    // A filter in the address: only conflict sentences are shown, all of them.
    let conflict = decoded.reduce(0) { total, record in
      total
        + ((record["sentences"] as? [[String: Any]]) ?? []).filter {
          (($0["cooperation"] as? [String: Any])?["category"] as? String) == "conflict"
        }.count
    }
    let filtered = try dom(page, "#category=conflict")
    #expect(conflict > 0)
    #expect(count("data-category=\"conflict\"", in: filtered) == conflict)
    #expect(count("class=\"s\"", in: filtered) == conflict)
    // Controls have accessible names (each inside its label).
    #expect(count("<label>", in: rendered) == 5)

    // A screenshot of the page is not blank: it compresses far worse than an empty page's.
    let browser = try #require(chromium)
    let shot = folder.appendingPathComponent("shot.png").path
    let blank = folder.appendingPathComponent("blank.png").path
    let empty = folder.appendingPathComponent("empty.html").path
    try "<html><body></body></html>".write(toFile: empty, atomically: true, encoding: .utf8)
    for (source, png) in [(page, shot), (empty, blank)] {
      _ = try shell.run(
        "\(browser) --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=400,900 --screenshot=\(png) 'file://\(source)' 2>/dev/null"
      )
    }
    let shotSize = try FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int ?? 0
    let blankSize = try FileManager.default.attributesOfItem(atPath: blank)[.size] as? Int ?? 0
    #expect(
      blankSize > 0 && shotSize > blankSize * 5, "screenshot \(shotSize) B, blank \(blankSize) B")
  }

  @Test func manyDocumentsArePaginated() throws {
    let folder = try TestSupport.temporaryDirectory()
    let records = folder.appendingPathComponent("many.jsonl").path
    var lines = ""
    for i in 0..<120 { lines += "{\"id\":\"n\(i)\",\"text\":\"La OTAN se reunió en Vilna.\"}\n" }
    try lines.write(toFile: records, atomically: true, encoding: .utf8)
    let page = folder.appendingPathComponent("review.html").path
    _ = try shell.run("$P run --quiet \(records) | $P review -o \(page)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.contains("var PAGE = 50;"))
    if chromium != nil {
      #expect(count("<article", in: try dom(page)) == 50)
      let last = try dom(page, "#page=3")
      #expect(count("<article", in: last) == 20)
      #expect(last.contains("page 3 of 3"))
    }
  }
}

@Suite struct CorpusReportTests {
  /// A record whose one sentence has `category` between two actors written as given.
  func record(_ id: String, source: String, target: String, codes: (String?, String?)) -> Document {
    let text = "\(source) y \(target) firmaron."
    var document = Document(id: id, text: text)
    let sourceLength = source.unicodeScalars.count
    let targetStart = sourceLength + 3
    document.entities = [
      Entity(
        start: 0, end: sourceLength, label: .organization, text: source, id: "ORG:union-europea"),
      Entity(
        start: targetStart, end: targetStart + target.unicodeScalars.count, label: .geopolitical,
        text: target, id: "GPE:RUS", refersTo: "RUS"),
    ]
    var actors = JSONObject([("source", .string(source)), ("target", .string(target))])
    if let code = codes.0 { actors["source_code"] = .string(code) }
    if let code = codes.1 { actors["target_code"] = .string(code) }
    document.sentences = [
      Sentence(
        start: 0, end: text.unicodeScalars.count,
        extra: JSONObject([
          (
            "cooperation",
            .object(JSONObject([("category", .string("conflict")), ("actors", .object(actors))]))
          )
        ]))
    ]
    return document
  }

  @Test func actorPairsMergeByCodeOrEntityAndShowOneName() {
    var report = CorpusReport()
    report.add(record("a", source: "UE", target: "Rusia", codes: (nil, "RUS")))
    report.add(record("b", source: "UE", target: "Moscú", codes: (nil, "RUS")))
    report.add(record("c", source: "Unión Europea", target: "Rusia", codes: (nil, "RUS")))
    let csv = report.render(.csv, top: 0, table: .actorPairs)
    let rows = csv.split(separator: "\n")
    #expect(rows.count == 2, "\(csv)")
    #expect(rows[1] == "conflict,UE,Rusia (RUS),ORG:union-europea,RUS,3")
    let entities = report.render(.csv, top: 0, table: .entities)
    #expect(entities.contains("ORG:union-europea,UE,ORG,3"))
    #expect(report.render(.csv, top: 0, table: .documents).split(separator: "\n").count == 4)
    // With the lexicons' names, the canonical name shows.
    report.canonicalNames = ["ORG:union-europea": "Unión Europea", "GPE:RUS": "Rusia"]
    let named = report.render(.csv, top: 0, table: .actorPairs).split(separator: "\n")
    #expect(named[1] == "conflict,Unión Europea,Rusia (RUS),ORG:union-europea,RUS,3")
  }
}

@Suite(.serialized) struct ExplainAndErrorsTests {
  let shell = EndToEndTests()

  @Test func classifyExplainSaysWhatTheRulesWeighedAndWhatTheModelSaw() throws {
    let result = try shell.run(
      "echo '{\"id\":\"a\",\"text\":\"Rusia y China firmaron un acuerdo comercial en Pekín.\"}' | $P classify --explain"
    )
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let sentence = try #require((record["sentences"] as? [[String: Any]])?.first)
    let explain = try #require(sentence["explain"] as? [String: Any])
    let weights = try #require(explain["rule_weights"] as? [String: Any])
    #expect(weights["economic"] != nil, "\(weights)")
    let category = try #require(explain["category"] as? [String: Any])
    let probabilities = try #require(category["probabilities"] as? [String: Double])
    #expect(abs(probabilities.values.reduce(0, +) - 1) < 0.01)
    #expect(((category["features"] as? [Any])?.count ?? 0) > 4)
    #expect(explain["category_from_article"] is Bool)
    // Without --explain, no explain object.
    let plain = try shell.run(
      "echo '{\"id\":\"a\",\"text\":\"Rusia firmó.\"}' | $P classify --rules-only --explain | grep -c rule_weights; echo '{\"id\":\"a\",\"text\":\"Rusia firmó.\"}' | $P classify | grep -c explain || true"
    )
    #expect(plain.stdout.split(separator: "\n") == ["1", "0"])
  }

  @Test func evaluateErrorsListsWrongSentenceLabelsWithTheirText() throws {
    let gold = TestSupport.repositoryRoot().appendingPathComponent("Tests/Gold")
    let result = try shell.run(
      "$P classify \(gold.path)/articles.jsonl | $P evaluate --gold \(gold.path)/gold.jsonl --errors"
    )
    #expect(result.stdout.contains("sentence labels wrong, grouped by gold → predicted"))
    #expect(result.stdout.contains("× cooperation: "))
    let json = try shell.run(
      "$P classify \(gold.path)/articles.jsonl | $P evaluate --gold \(gold.path)/gold.jsonl --errors --json"
    )
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let errors = try #require(report["label_errors"] as? [[String: Any]])
    #expect(!errors.isEmpty)
    #expect(errors.allSatisfy { ($0["gold"] as? String) != ($0["predicted"] as? String) })
    #expect(errors.allSatisfy { !(($0["text"] as? String) ?? "").isEmpty })
  }
}

@Suite(.serialized) struct ReportChartsTests {
  let shell = EndToEndTests()

  @Test func reportDrawsTheActorNetworkAsSVGAndAPageAsHTML() throws {
    let folder = try TestSupport.temporaryDirectory()
    let records = folder.appendingPathComponent("r.jsonl").path
    let pages = TestSupport.repositoryRoot().appendingPathComponent("bench/html/pages").path
    _ = try shell.run(
      "$P run --quiet \(pages)/03-otan-cumbre-madrid.html \(pages)/41-meridiano-sanciones-rusia-gnl.html > \(records)"
    )
    let svg = try shell.run("$P report \(records) --format svg")
    #expect(svg.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.stdout.contains("<circle") && svg.stdout.contains("<line"))
    #expect(svg.stdout.contains("Rusia (RUS)"))
    let html = try shell.run("$P report \(records) --format html")
    #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(html.stdout.contains("Categories over time"))
    #expect(html.stdout.contains("Categories per source"))
    #expect(html.stdout.contains("Actor interactions"))
    #expect(!html.stdout.contains("<script"))
    // The same input gives the same bytes (no dictionary order leaks into the charts).
    let again = try shell.run("$P report \(records) --format html; $P review \(records)")
    let once = try shell.run("$P report \(records) --format html; $P review \(records)")
    #expect(again.stdout == once.stdout)
  }

  @Test func baselineItemsShowTheirText() throws {
    let gold = TestSupport.repositoryRoot().appendingPathComponent("Tests/Gold").path
    let folder = try TestSupport.temporaryDirectory()
    let baseline = folder.appendingPathComponent("rules.jsonl").path
    _ = try shell.run("$P classify --rules-only \(gold)/articles.jsonl > \(baseline)")
    let result = try shell.run(
      "$P classify \(gold)/articles.jsonl | $P evaluate --gold \(gold)/gold.jsonl --baseline \(baseline)"
    )
    let items = result.stdout.split(separator: "\n").filter {
      $0.hasPrefix("  + ") || $0.hasPrefix("  - ")
    }
    #expect(!items.isEmpty)
    #expect(items.allSatisfy { $0.contains("«") && $0.hasSuffix("»") }, "\(items.prefix(3))")
  }
}
