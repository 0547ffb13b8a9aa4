import PrensaCore
import PrensaText

/// What the extractor knows of news pages, from `Lexicons/es/html/`: the words of class and id
/// attributes that mark furniture, body holders and standfirsts, and the openings of furniture
/// blocks ("Lee también", "Publicidad").
public struct HTMLExtractionData: Sendable {
  public enum Role: String, Sendable { case drop, content, standfirst, caption }
  /// Class words (and hyphenated runs of them) → role.
  public var classes: [String: Role]
  /// Matching keys of furniture openings.
  public var phrases: [String]
  /// Spanish month names and abbreviations (matching keys) → month number.
  public var months: [String: Int]
  /// Matching keys of the words that open a printed byline ("Por", "Autor").
  public var bylines: [String]
  /// Matching keys of photo credit markers ("Foto:").
  public var captions: [String]
  /// Matching keys of headings that end an article ("Comentarios").
  public var endings: [String]

  public init(
    classes: [String: Role], phrases: [String], months: [String: Int], bylines: [String] = [],
    captions: [String] = [], endings: [String] = []
  ) {
    self.classes = classes
    self.phrases = phrases.map { MatchKey.key($0) }
    self.months = months
    self.bylines = bylines.map { MatchKey.key($0) }
    self.captions = captions.map { MatchKey.key($0) }
    self.endings = endings.map { MatchKey.key($0) }
  }

  /// Reads `es/html/classes.tsv`, `phrases.txt`, `bylines.txt`, `captions.txt`, `endings.txt`
  /// and `es/months.tsv`.
  ///
  /// - Throws: `PipelineError` for a missing file or a line that is not `word<TAB>role`.
  public static func load(_ directory: LexiconDirectory) throws(PipelineError) -> Self {
    var classes: [String: Role] = [:]
    let file = "es/html/classes.tsv"
    for (text, line) in try directory.lines(file) {
      let fields = text.split(separator: "\t").map(String.init)
      guard fields.count == 2, let role = Role(rawValue: fields[1]) else {
        throw .invalidConfiguration(
          "\(directory.path)/\(file):\(line): expected WORD<TAB>drop|content|standfirst|caption")
      }
      classes[fields[0].lowercased()] = role
    }
    return Self(
      classes: classes, phrases: try directory.wordList("es/html/phrases.txt"),
      months: try MonthNames.load(directory),
      bylines: try directory.wordList("es/html/bylines.txt"),
      captions: try directory.wordList("es/html/captions.txt"),
      endings: try directory.wordList("es/html/endings.txt"))
  }
}

/// A news page's article: headline, standfirst and body blocks, and the page's metadata.
public struct HTMLArticle: Sendable, Equatable {
  public enum BlockKind: String, Sendable {
    case headline, standfirst, paragraph, heading, item, quote
    /// A heading that opens what follows the article (comments): never in the result.
    case ending
  }
  public struct Block: Sendable, Equatable {
    public var kind: BlockKind
    public var text: String
  }
  public var blocks: [Block]
  public var meta: HTMLMetadata
  public var warnings: [String]

  /// The article as text: one block a paragraph, blank lines between.
  public var text: String { blocks.map(\.text).joined(separator: "\n\n") }
}

/// What a page says about itself (each nil when the page does not say).
public struct HTMLMetadata: Sendable, Equatable {
  public var title: String?
  /// ISO 8601 as declared (`2024-03-05T10:31:00+01:00`), or `YYYY-MM-DD` from a printed date.
  public var date: String?
  public var author: String?
  public var site: String?
  /// The canonical URL.
  public var url: String?
  public var lang: String?
  /// The page declares itself a website or collection (`og:type` website, JSON-LD `WebSite`,
  /// `CollectionPage`) and declares no article.
  var isListing = false

  public init() {}
}

/// Main-content extraction from saved news pages: the headline, standfirst, body paragraphs,
/// subheadings, list items and quotes a reader sees as the article; navigation, menus, footers,
/// related links, share bars, cookie and subscription notices, comments, captions, scripts and
/// styles left out (docs/ingest.md).
///
/// How: libxml2 parses the page (as browsers repair broken markup); elements that are never text
/// (scripts, forms, navigation, asides, figures, hidden ones) and elements whose class or id
/// words mark furniture are left out; every paragraph-like block scores its container by its
/// length and commas (readability-style, as in Mozilla's Readability and trafilatura), less the
/// share of link text; the best container and its sibling text blocks are the body, blocks made
/// mostly of links or opening with a furniture phrase are dropped. The headline is the `<h1>`
/// closest to the page's declared title; the standfirst the block marked as one under it.
public struct HTMLExtractor: Sendable {
  public var data: HTMLExtractionData

  public init(data: HTMLExtractionData) { self.data = data }

  /// Elements that never hold article text.
  static let droppedTags: Set<String> = [
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "button", "input", "select", "textarea", "nav", "aside", "footer", "figure",
    "figcaption", "picture", "img", "video", "audio", "map", "dialog", "menu", "head", "link",
    "meta", "source", "track", "header",
  ]
  static let droppedRoles: Set<String> = [
    "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search",
    "menu", "menubar", "toolbar",
  ]
  /// Elements that start and end a block of text.
  static let blockTags: Set<String> = [
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "tbody", "thead", "tr", "td", "th", "center",
    "hr", "address", "body", "html", "header", "footer", "figure", "details", "summary",
  ]

  // MARK: - Extraction

  /// Extracts the article of a page given as UTF-8 text.
  public func extract(html: String) -> HTMLArticle {
    let tree = HTMLTree(html: html)
    var warnings: [String] = []
    guard !tree.nodes.isEmpty else {
      return HTMLArticle(blocks: [], meta: HTMLMetadata(), warnings: ["no HTML content"])
    }
    var meta = Self.metadata(tree)
    let page = Page(tree: tree, data: data)
    let headline = page.headline(declared: meta.title)
    var blocks: [HTMLArticle.Block] = []
    var taken = Set<Int>()
    if let headline {
      blocks.append(.init(kind: .headline, text: page.collapsedText(headline)))
      taken.insert(headline)
      meta.title = blocks[0].text
    }
    let body = page.body()
    if let headline, let standfirst = page.standfirst(after: headline, bodyStart: body.first) {
      blocks.append(.init(kind: .standfirst, text: page.collapsedText(standfirst)))
      taken.insert(standfirst)
    }
    var bodyBlocks: [HTMLArticle.Block] = []
    for root in body { page.emit(root, skipping: taken, into: &bodyBlocks) }
    bodyBlocks = Self.withoutOrphanHeadings(
      Self.withoutLeadLabels(Self.endingAtComments(bodyBlocks)))
    // A front page or section index: the page says it is no article (or holds many article
    // cards) and what was found is a teaser or two.
    let bodyLetters = bodyBlocks.reduce(0) { $0 + $1.text.count }
    let isListing =
      bodyLetters < 500 && (meta.isListing || tree.elements(named: "article").count >= 4)
    if isListing {
      bodyBlocks = []
      blocks = []
      meta.title = nil
      warnings.append("a listing (front page, section or search results), not an article")
    }
    // A headline or standfirst repeated at the top of the body is said once.
    let said = Set(blocks.map(\.text))
    bodyBlocks.removeAll { said.contains($0.text) && $0.kind != .paragraph }
    blocks += bodyBlocks
    if !isListing && !bodyBlocks.contains(where: { $0.kind == .paragraph }) {
      warnings.append("no article body found")
    }
    if meta.date == nil && !isListing, let printed = page.printedDate() { meta.date = printed }
    if meta.author == nil { meta.author = page.printedAuthor() }
    return HTMLArticle(blocks: blocks, meta: meta, warnings: warnings)
  }

  /// The blocks before a heading that opens the comments ("Comentarios (3)"), once the article
  /// has begun; such headings never stay.
  static func endingAtComments(_ blocks: [HTMLArticle.Block]) -> [HTMLArticle.Block] {
    if let first = blocks.firstIndex(where: { $0.kind == .paragraph && $0.text.count >= 80 }),
      let end = blocks[first...].firstIndex(where: { $0.kind == .ending })
    {
      return Array(blocks[..<end])
    }
    return blocks.filter { $0.kind != .ending }
  }

  /// Short unpunctuated lines before the first real paragraph are labels, not text: section
  /// names, bylines, author titles, places ("Internacional", "Autor, Ana Gómez").
  static func withoutLeadLabels(_ blocks: [HTMLArticle.Block]) -> [HTMLArticle.Block] {
    guard let first = blocks.firstIndex(where: { $0.kind == .paragraph && $0.text.count >= 80 })
    else { return blocks }
    return blocks.enumerated().filter { i, block in
      i >= first || block.kind == .heading || block.kind == .quote || !isLabel(block.text)
    }.map(\.element)
  }

  static func isLabel(_ text: String) -> Bool {
    guard text.count < 60, let last = text.unicodeScalars.last else { return false }
    return !".!?…»\"”:);".unicodeScalars.contains(last)
  }

  /// Subheadings with no paragraph after them before the next heading (the title of a
  /// related-links box whose links were dropped) are dropped too.
  static func withoutOrphanHeadings(_ blocks: [HTMLArticle.Block]) -> [HTMLArticle.Block] {
    var result: [HTMLArticle.Block] = []
    for (i, block) in blocks.enumerated() {
      if block.kind == .heading && (i + 1 == blocks.count || blocks[i + 1].kind == .heading) {
        continue
      }
      result.append(block)
    }
    return result
  }

  // MARK: - Metadata

  static func metadata(_ tree: HTMLTree) -> HTMLMetadata {
    var meta = HTMLMetadata()
    var properties: [String: String] = [:]
    var titleText: String?
    var canonical: String?
    var ldObjects: [JSONObject] = []
    for (i, node) in tree.nodes.enumerated() where node.kind == .element {
      switch node.name {
      case "html":
        if let lang = node.attribute("lang") ?? node.attribute("xml:lang"), !lang.isEmpty {
          meta.lang = lang
        }
      case "meta":
        let key =
          (node.attribute("property") ?? node.attribute("name")
          ?? node.attribute("itemprop") ?? node.attribute("http-equiv") ?? "").lowercased()
        if let content = node.attribute("content"), !key.isEmpty, properties[key] == nil {
          properties[key] = content.trimmingSpaces
        }
      case "title":
        if titleText == nil { titleText = collapse(tree.rawText(i)) }
      case "link":
        if node.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") == true,
          let href = node.attribute("href"), canonical == nil
        {
          canonical = href.trimmingSpaces
        }
      case "script":
        if node.attribute("type")?.lowercased() == "application/ld+json" {
          ldObjects += linkedData(tree.rawText(i))
        }
      default:
        break
      }
    }
    let article = ldObjects.first { object in
      let types = typeNames(object["@type"])
      return types.contains {
        $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "LiveBlogPosting"
      }
    }
    let pageTypes = ldObjects.flatMap { typeNames($0["@type"]) }
    meta.isListing =
      article == nil && properties["og:type"]?.lowercased() != "article"
      && (properties["og:type"]?.lowercased() == "website"
        || pageTypes.contains {
          ["WebSite", "CollectionPage", "ItemList", "SearchResultsPage"].contains($0)
        })
    if meta.lang == nil {
      meta.lang =
        properties["content-language"]
        ?? properties["og:locale"].map { String($0.map { $0 == "_" ? "-" : $0 }) }
        ?? article?["inLanguage"]?.stringValue
    }
    meta.url =
      canonical ?? properties["og:url"] ?? article?["url"]?.stringValue
      ?? article?["mainEntityOfPage"]?.stringValue
      ?? article?["mainEntityOfPage"]?.objectValue?["@id"]?.stringValue
    meta.site =
      properties["og:site_name"]
      ?? article?["publisher"]?.objectValue?["name"]?.stringValue
      ?? ldObjects.first { typeNames($0["@type"]).contains("NewsMediaOrganization") }?["name"]?
      .stringValue
      ?? properties["application-name"]
    let dateKeys = [
      "article:published_time", "datepublished", "og:article:published_time", "date", "pubdate",
      "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created",
      "sailthru.date", "parsely-pub-date", "article.published",
    ]
    meta.date =
      dateKeys.lazy.compactMap { properties[$0] }.first { !$0.isEmpty }
      ?? article?["datePublished"]?.stringValue
      ?? timeElementDate(tree)
    meta.author =
      authorNames(article?["author"]) ?? properties["author"].flatMap(notURL)
      ?? properties["article:author"].flatMap(notURL)
    let segments = titleText.map(titleSegments) ?? []
    if meta.site == nil, segments.count > 1, let last = segments.last, last.count < 40 {
      meta.site = last
    }
    let longest = segments.max { $0.count < $1.count }
    meta.title =
      properties["og:title"] ?? article?["headline"]?.stringValue
      ?? (segments.count > 1 ? longest : titleText)
    if let title = meta.title, let site = meta.site, MatchKey.key(title) == MatchKey.key(site) {
      meta.title = nil
    }
    meta.author =
      meta.author ?? properties["cxenseparse:author"] ?? properties["parsely-author"]
      ?? properties["sailthru.author"] ?? properties["dc.creator"]
    return meta
  }

  /// The objects of a JSON-LD script: one object, an array of them, or an `@graph`.
  static func linkedData(_ text: String) -> [JSONObject] {
    guard let value = try? JSONParser.parse(text.trimmingSpaces) else { return [] }
    var result: [JSONObject] = []
    var pending = [value]
    while let next = pending.popLast() {
      switch next {
      case .array(let items): pending += items.reversed()
      case .object(let object):
        result.append(object)
        if let graph = object["@graph"] { pending.append(graph) }
      default: break
      }
    }
    return result
  }

  static func typeNames(_ value: JSONValue?) -> [String] {
    switch value {
    case .string(let name): [name]
    case .array(let items): items.compactMap(\.stringValue)
    default: []
    }
  }

  static func authorNames(_ value: JSONValue?) -> String? {
    let names: [String]
    switch value {
    case .string(let name): names = [name]
    case .object(let object):
      names = isOrganization(object) ? [] : [object["name"]?.stringValue].compactMap { $0 }
    case .array(let items):
      names = items.compactMap {
        $0.stringValue
          ?? $0.objectValue.flatMap { isOrganization($0) ? nil : $0["name"]?.stringValue }
      }
    default: names = []
    }
    let cleaned = names.map(\.trimmingSpaces).filter { !$0.isEmpty && notURL($0) != nil }
    return cleaned.isEmpty ? nil : cleaned.joined(separator: ", ")
  }

  /// An author that is an organisation (the outlet itself), not a person.
  static func isOrganization(_ object: JSONObject) -> Bool {
    typeNames(object["@type"]).contains { $0.hasSuffix("Organization") }
  }

  static func notURL(_ text: String) -> String? {
    text.hasPrefix("http://") || text.hasPrefix("https://") || text.isEmpty ? nil : text
  }

  /// A `<time datetime>` marked as the publication date, else the first one in the page.
  static func timeElementDate(_ tree: HTMLTree) -> String? {
    let times = tree.elements(named: "time").compactMap { i -> (Int, String)? in
      guard let value = tree.nodes[i].attribute("datetime")?.trimmingSpaces, !value.isEmpty
      else { return nil }
      return (i, value)
    }
    let marked = times.first { i, _ in
      let node = tree.nodes[i]
      return node.attribute("itemprop") == "datePublished" || node.attribute("pubdate") != nil
    }
    return (marked ?? times.first)?.1
  }

  /// The parts of a `<title>` cut at its separators ("Headline | Section | Site" → three).
  static func titleSegments(_ title: String) -> [String] {
    var segments = [title]
    for separator in [" | ", " - ", " — ", " – ", " :: ", " « ", " » "] {
      segments = segments.flatMap { split($0, at: separator) }
    }
    return segments.map(\.trimmingSpaces).filter { !$0.isEmpty }
  }

  static func split(_ text: String, at separator: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    let pattern = Array(separator.unicodeScalars)
    var parts: [String] = []
    var start = 0
    var i = 0
    while i + pattern.count <= scalars.count {
      if Array(scalars[i..<(i + pattern.count)]) == pattern {
        parts.append(String(String.UnicodeScalarView(scalars[start..<i])))
        i += pattern.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(String(String.UnicodeScalarView(scalars[start...])))
    return parts
  }

  /// Text with runs of white space as one space, trimmed.
  static func collapse(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{200B}" {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.unicodeScalars.append(" ") }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

extension String {
  var trimmingSpaces: String { HTMLExtractor.collapse(self) }
}
