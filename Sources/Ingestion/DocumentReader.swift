import PrensaText
import PrensaCore

/// Turns a file into a record by its format: plain text, Markdown, or a saved web page.
///
/// Every record gets `id`, `text` and `source: {path, bytes, sha256, encoding, format}`; a web
/// page also gets `meta` (title, date, author, site, url, lang) from the page.
public struct DocumentReader: Sendable {
  public enum Format: String, Sendable, CaseIterable {
    case text, markdown, html
  }

  public var html: HTMLExtractor

  public init(html: HTMLExtractor) { self.html = html }

  /// Loads what the readers need from the data folder.
  public static func load(_ directory: LexiconDirectory) throws(PipelineError) -> Self {
    Self(html: HTMLExtractor(data: try HTMLExtractionData.load(directory)))
  }

  /// The file extensions a folder run reads, by format (`.jsonl` is read as records).
  public static let extensions: [String: Format] = [
    "txt": .text, "text": .text, "md": .markdown, "markdown": .markdown, "html": .html,
    "htm": .html, "xhtml": .html,
  ]

  /// The format of a file by its name (plain text when the extension says nothing).
  public static func format(of path: String) -> Format {
    extensions[FileWalker.fileExtension(path)] ?? .text
  }

  /// The record for a file's bytes.
  ///
  /// - Throws: `Ingestor.Failure` when the bytes are not text.
  public func document(bytes: [UInt8], id: String, path: String, format: Format? = nil)
    throws(Ingestor.Failure) -> Document
  {
    let format = format ?? Self.format(of: path)
    switch format {
    case .text:
      var document = try Ingestor.document(bytes: bytes, id: id, path: path)
      Self.setFormat(&document, format)
      return document
    case .markdown:
      var document = try Ingestor.document(bytes: bytes, id: id, path: path)
      Self.setFormat(&document, format)
      let stripped = MarkdownText.strip(document.text)
      if !stripped.alignment.edits.isEmpty {
        // The file's text stays as `original`, with the map from the plain text back to it
        // (normalize keeps it and composes its own changes onto it).
        document.original = document.text
        document.alignment = stripped.alignment
        document.text = stripped.text
      }
      if !stripped.frontMatter.isEmpty {
        var meta = JSONObject()
        for key in ["title", "date", "author"] {
          if let value = stripped.frontMatter[key] { meta[key] = .string(value) }
        }
        document.fields["meta"] = .object(meta)
      }
      return document
    case .html:
      return try page(bytes: bytes, id: id, path: path)
    }
  }

  static func setFormat(_ document: inout Document, _ format: Format) {
    guard case .object(var source) = document.fields["source"] ?? .null else { return }
    source["format"] = .string(format.rawValue)
    document.fields["source"] = .object(source)
  }

  /// A saved web page: its article text and metadata.
  func page(bytes: [UInt8], id: String, path: String) throws(Ingestor.Failure) -> Document {
    let (decoded, note) = try Self.decodePage(bytes)
    let article = html.extract(html: decoded.text)
    var document = Document(id: id, text: article.text)
    document.fields["source"] = .object(
      JSONObject([
        ("path", .string(path)), ("bytes", .int(bytes.count)),
        ("sha256", .string(SHA256.hex(bytes))), ("encoding", .string(decoded.encoding)),
        ("format", .string(Format.html.rawValue)),
      ]))
    var meta = JSONObject()
    let m = article.meta
    for (key, value) in [
      ("title", m.title), ("date", m.date), ("author", m.author), ("site", m.site), ("url", m.url),
      ("lang", m.lang),
    ] {
      if let value { meta[key] = .string(value) }
    }
    document.fields["meta"] = .object(meta)
    document.warnings = decoded.warnings + (note.map { [$0] } ?? []) + article.warnings
    if let lang = m.lang, !lang.lowercased().hasPrefix("es") {
      document.warnings.append("page language is \(lang), not Spanish: read with Spanish data")
    }
    return document
  }

  /// A page's bytes as text: UTF-8 when they are valid UTF-8; else the charset the page
  /// declares; else the detected one (with a warning when the page declared UTF-8).
  static func decodePage(_ bytes: [UInt8]) throws(Ingestor.Failure) -> (Ingestor.Decoded, String?) {
    let declared = declaredCharset(bytes)
    if let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) {
      let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
      return (Ingestor.Decoded(text: body, encoding: "UTF-8", warnings: []), nil)
    }
    if let declared, !["utf-8", "utf8"].contains(declared) {
      if let decoded = try? Ingestor.convert(bytes, from: declared) { return (decoded, nil) }
    }
    let decoded = try Ingestor.decode(bytes)
    let note =
      declared.map { "page declares \($0) but its bytes are not: read as \(decoded.encoding)" }
    return (decoded, note)
  }

  /// The charset a page declares in its first 2 KB (`<meta charset>` or `http-equiv`), as
  /// browsers pre-scan it; lower case.
  static func declaredCharset(_ bytes: [UInt8]) -> String? {
    let head = Array(bytes.prefix(2048)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    let needle = Array("charset".utf8)
    guard head.count > needle.count else { return nil }
    var i = 0
    while i + needle.count < head.count {
      if Array(head[i..<(i + needle.count)]) == needle {
        var j = i + needle.count
        while j < head.count
          && (head[j] == 0x20 || head[j] == 0x3D || head[j] == 0x22 || head[j] == 0x27)
        {
          j += 1
        }
        var name: [UInt8] = []
        while j < head.count, name.count < 40,
          head[j].isASCIIAlphanumeric || head[j] == 0x2D || head[j] == 0x5F || head[j] == 0x2E
        {
          name.append(head[j])
          j += 1
        }
        if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
      }
      i += 1
    }
    return nil
  }
}

extension UInt8 {
  fileprivate var isASCIIAlphanumeric: Bool {
    (self >= 0x30 && self <= 0x39) || (self >= 0x61 && self <= 0x7A)
      || (self >= 0x41 && self <= 0x5A)
  }
}
