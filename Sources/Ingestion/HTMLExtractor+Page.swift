import PrensaCore
import PrensaText

extension HTMLExtractor {
  /// One page with what the extractor computes over its tree: subtree ends, what is left out,
  /// text and link lengths, container scores.
  struct Page {
    let tree: HTMLTree
    let data: HTMLExtractionData
    /// One past the last node of each node's subtree (nodes are in document order).
    var end: [Int]
    /// Left out with everything it holds.
    var excluded: [Bool]
    /// Letters and digits (no spaces) of text under each node that is not left out.
    var textLength: [Int]
    /// The same, counting only text inside links.
    var linkLength: [Int]
    var commas: [Int]
    /// The class words' roles of each element.
    var roles: [Set<HTMLExtractionData.Role>]

    init(tree: HTMLTree, data: HTMLExtractionData) {
      self.tree = tree
      self.data = data
      let n = tree.nodes.count
      end = Array(1...max(1, n))
      if n == 0 { end = [] }
      for i in stride(from: n - 1, through: 0, by: -1) {
        let parent = tree.nodes[i].parent
        if parent >= 0 { end[parent] = max(end[parent], end[i]) }
      }
      roles = tree.nodes.map { node in
        node.kind == .element ? Self.roles(of: node, data: data) : []
      }
      // Which subtrees hold the headline or the article element: a class word never drops them
      // (a wrapper such as class="layout-with-sidebar" holds the article).
      var holdsArticle = [Bool](repeating: false, count: n)
      for i in stride(from: n - 1, through: 0, by: -1) {
        let node = tree.nodes[i]
        if node.kind == .element
          && (node.name == "h1" || node.name == "article"
            || node.attribute("itemprop") == "articleBody")
        {
          holdsArticle[i] = true
        }
        if holdsArticle[i], node.parent >= 0 { holdsArticle[node.parent] = true }
      }
      excluded = [Bool](repeating: false, count: n)
      for i in 0..<n {
        let node = tree.nodes[i]
        if node.parent >= 0 && excluded[node.parent] {
          excluded[i] = true
          continue
        }
        guard node.kind == .element else { continue }
        excluded[i] =
          Self.isNeverText(node, holdsHeadline: holdsArticle[i])
          || (roles[i].contains(.drop) && !holdsArticle[i] && node.name != "body"
            && node.name != "html")
          || roles[i].contains(.caption)
      }
      textLength = [Int](repeating: 0, count: n)
      linkLength = [Int](repeating: 0, count: n)
      commas = [Int](repeating: 0, count: n)
      for i in stride(from: n - 1, through: 0, by: -1) where !excluded[i] {
        let node = tree.nodes[i]
        if node.kind == .text {
          for scalar in node.text.unicodeScalars {
            if scalar == "," { commas[i] += 1 }
            if !scalar.properties.isWhitespace && scalar != "\u{00A0}" { textLength[i] += 1 }
          }
        } else if node.name == "a" {
          linkLength[i] = textLength[i]
        }
        let parent = node.parent
        if parent >= 0 {
          textLength[parent] += textLength[i]
          linkLength[parent] += linkLength[i]
          commas[parent] += commas[i]
        }
      }
    }

    /// Elements that never hold article text: scripts, forms, navigation, asides, figures,
    /// hidden ones, page headers without the headline, AMP widgets.
    static func isNeverText(_ node: HTMLTree.Node, holdsHeadline: Bool) -> Bool {
      // A page header without the headline is furniture; so is a form, unless it wraps the
      // page (ASP.NET pages put everything in one <form>).
      if node.name == "header" || node.name == "form" { return !holdsHeadline }
      if HTMLExtractor.droppedTags.contains(node.name) || node.name.hasPrefix("amp-") {
        return true
      }
      if node.attribute("hidden") != nil { return true }
      if node.attribute("aria-hidden")?.lowercased() == "true" { return true }
      if let role = node.attribute("role")?.lowercased(), HTMLExtractor.droppedRoles.contains(role)
      {
        return true
      }
      if let style = node.attribute("style") {
        let compact = String(
          style.lowercased().unicodeScalars.filter { $0 != " " }.map(Character.init))
        if compact.contains("display:none") || compact.contains("visibility:hidden") { return true }
      }
      return false
    }

    /// The roles of the words of an element's class and id.
    static func roles(of node: HTMLTree.Node, data: HTMLExtractionData) -> Set<
      HTMLExtractionData.Role
    > {
      var result = Set<HTMLExtractionData.Role>()
      for attribute in ["class", "id", "aria-labelledby"] {
        guard let value = node.attribute(attribute) else { continue }
        for word in classWords(value) {
          if let role = data.classes[word] { result.insert(role) }
        }
      }
      return result
    }

    /// The words of a class or id value, lower case, and every hyphenated run of two or three
    /// of them (`td-post-sharing` → td, post, sharing, td-post, post-sharing, td-post-sharing).
    static func classWords(_ value: String) -> [String] {
      var words: [[String]] = []
      for token in value.lowercased().split(whereSeparator: {
        $0 == " " || $0 == "\t" || $0 == "\n"
      }) {
        let parts = token.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        words.append(parts)
      }
      var result: [String] = []
      for parts in words {
        for i in parts.indices {
          result.append(parts[i])
          if i + 1 < parts.count { result.append(parts[i] + "-" + parts[i + 1]) }
          if i + 2 < parts.count {
            result.append(parts[i] + "-" + parts[i + 1] + "-" + parts[i + 2])
          }
        }
      }
      return result
    }

    /// An element's text with white space collapsed (left-out parts skipped).
    func collapsedText(_ index: Int) -> String {
      var result = ""
      var i = index
      while i < end[index] {
        if excluded[i] {
          i = end[i]
          continue
        }
        let node = tree.nodes[i]
        if node.kind == .text {
          result += node.text
        } else if node.name == "br" {
          result += " "
        }
        i += 1
      }
      return HTMLExtractor.collapse(result)
    }

    // MARK: - Headline and standfirst

    /// The headline: of the `<h1>`s and the elements whose class calls them a title, the one
    /// that covers most of the declared title; without a declared title (or none close), the
    /// first `<h1>` in the article, else the first `<h1>`, else the first titled element.
    func headline(declared: String?) -> Int? {
      var headings: [Int] = []
      var titled: [Int] = []
      for (i, node) in tree.nodes.enumerated()
      where node.kind == .element && !excluded[i] && textLength[i] >= 10 {
        if node.name == "h1" && !roles[i].contains(.drop) {
          headings.append(i)
        } else if textLength[i] <= 300 && linkLength[i] * 2 < textLength[i],
          Self.classWords(node.attribute("class") ?? "").contains(where: Self.isTitleWord)
            || node.attribute("itemprop") == "headline"
        {
          titled.append(i)
        }
      }
      if let declared {
        let target = Self.words(declared)
        var best: (index: Int, score: Double)?
        for candidate in headings + titled {
          let words = Self.words(collapsedText(candidate))
          guard words.count <= target.count * 3 + 5 else { continue }
          let covered = Double(words.intersection(target).count) / Double(max(1, target.count))
          if covered >= 0.6 && covered > (best?.score ?? 0) { best = (candidate, covered) }
        }
        if let best { return best.index }
      }
      let inArticle = headings.first { h in
        var p = tree.nodes[h].parent
        while p >= 0 {
          if ["article", "main"].contains(tree.nodes[p].name) { return true }
          p = tree.nodes[p].parent
        }
        return false
      }
      return inArticle ?? headings.first ?? titled.first
    }

    /// `titulo`, `titular`, `titulonota`, `title`, `headline`; not `subtitulo`, `subtitle`.
    static func isTitleWord(_ word: String) -> Bool {
      word.hasPrefix("titul") || word == "title" || word.hasPrefix("headline")
        || word == "entry-title" || word == "article-title"
    }

    /// The standfirst under the headline: an element whose class says so, else an `<h2>` or
    /// `<p>` of 40+ letters right beside the headline, before the body.
    func standfirst(after headline: Int, bodyStart: Int?) -> Int? {
      let limit = min(tree.nodes.count, bodyStart ?? tree.nodes.count, end[headline] + 2000)
      var i = end[headline]
      while i < limit {
        if excluded[i] {
          i = end[i]
          continue
        }
        let node = tree.nodes[i]
        if node.kind == .element && roles[i].contains(.standfirst) && textLength[i] >= 20
          && linkLength[i] * 2 < textLength[i]
        {
          return i
        }
        i += 1
      }
      // A sibling of the headline just after it.
      let parent = tree.nodes[headline].parent
      guard parent >= 0 else { return nil }
      let siblings = tree.nodes[parent].children
      guard let position = siblings.firstIndex(of: headline) else { return nil }
      for sibling in siblings[(position + 1)...].prefix(3) where !excluded[sibling] {
        let node = tree.nodes[sibling]
        guard node.kind == .element, textLength[sibling] > 0 else { continue }
        if (node.name == "h2" || node.name == "p") && textLength[sibling] >= 40
          && linkLength[sibling] == 0, bodyStart.map({ sibling < $0 }) ?? true
        {
          return sibling
        }
        break
      }
      return nil
    }

    static func words(_ text: String) -> Set<String> {
      Set(MatchKey.key(text).split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// How much of `b` is in `a` (0 when `b` is empty).
    static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
      b.isEmpty ? 0 : Double(a.intersection(b).count) / Double(max(a.count, b.count))
    }

    // MARK: - Body

    /// The elements that hold the body, in document order: the best-scoring container and its
    /// siblings that hold text too.
    func body() -> [Int] {
      let n = tree.nodes.count
      var score = [Double](repeating: 0, count: n)
      var scored = [Bool](repeating: false, count: n)
      // Letters of paragraph text under each node.
      var paragraphLetters = [Int](repeating: 0, count: n)
      var totalParagraphLetters = 0
      for i in 0..<n where !excluded[i] && tree.nodes[i].kind == .element {
        let node = tree.nodes[i]
        let own: Int
        switch node.name {
        case "p", "pre", "td", "blockquote", "dd":
          own = textLength[i]
        case "div", "section", "article", "main", "font", "center":
          own = inlineLength(i)
        default:
          continue
        }
        guard own >= 25 else { continue }
        totalParagraphLetters += own
        var up = i
        while up >= 0 {
          paragraphLetters[up] += own
          up = tree.nodes[up].parent
        }
        let share = 1 + Double(commas[i]) + min(Double(own) / 100, 3)
        var target = node.name == "p" || node.name == "pre" ? node.parent : i
        var divider = 1.0
        var level = 0
        while target >= 0 && level < 3 {
          score[target] += share / divider
          scored[target] = true
          target = tree.nodes[target].parent
          level += 1
          divider = level == 1 ? 2 : Double(level) * 3
        }
      }
      var best: (index: Int, score: Double)?
      var final = [Double](repeating: 0, count: n)
      for i in 0..<n where scored[i] && !excluded[i] {
        let node = tree.nodes[i]
        var value = score[i]
        if roles[i].contains(.content) { value += 25 }
        if node.attribute("itemprop") == "articleBody" { value += 30 }
        switch node.name {
        case "article": value += 10
        case "div", "main": value += 5
        case "section", "td", "blockquote": value += 3
        case "body", "html": value -= 20
        default: break
        }
        let density = textLength[i] > 0 ? Double(linkLength[i]) / Double(textLength[i]) : 1
        value *= 1 - density
        final[i] = value
        if value > (best?.score ?? 0) { best = (i, value) }
      }
      guard var best else { return [] }
      // A body cut into many holders (live-blog entries, one <div> per paragraph in several
      // wrappers) scores each holder alone: climb while the best holds less than 60 % of the
      // page's paragraph text and the container above is not mostly links.
      while paragraphLetters[best.index] * 10 < totalParagraphLetters * 6 {
        let up = tree.nodes[best.index].parent
        guard up >= 0, !excluded[up] else { break }
        let density = textLength[up] > 0 ? Double(linkLength[up]) / Double(textLength[up]) : 1
        guard density < 0.35 else { break }
        best = (up, max(best.score, final[up]))
      }
      let parent = tree.nodes[best.index].parent
      guard parent >= 0 else { return [best.index] }
      let threshold = max(10, best.score * 0.2)
      return tree.nodes[parent].children.filter { sibling in
        if sibling == best.index { return true }
        if excluded[sibling] || tree.nodes[sibling].kind != .element { return false }
        if final[sibling] >= threshold { return true }
        let length = textLength[sibling]
        let density = length > 0 ? Double(linkLength[sibling]) / Double(length) : 1
        return tree.nodes[sibling].name == "p" && length >= 80 && density < 0.25
      }
    }

    /// The text an element holds directly or in inline children (not in block children).
    func inlineLength(_ index: Int) -> Int {
      var total = 0
      for child in tree.nodes[index].children where !excluded[child] {
        let node = tree.nodes[child]
        if node.kind == .text || !HTMLExtractor.blockTags.contains(node.name) {
          total += textLength[child]
        }
      }
      return total
    }

    /// The blocks of text under `root`, in order.
    func emit(_ root: Int, skipping taken: Set<Int>, into blocks: inout [HTMLArticle.Block]) {
      var builder = BlockBuilder(page: self)
      builder.walk(root, kind: .paragraph, skipping: taken)
      builder.flush()
      blocks += builder.blocks
    }

    /// The author a page prints: a microdata or `rel=author` name, a byline element's text, or
    /// a short text opening with a byline word ("Por: Ana Gómez"), cleaned of that word and of
    /// what follows a separator ("· Cádiz", "| 3 de mayo").
    func printedAuthor() -> String? {
      for (i, node) in tree.nodes.enumerated() where node.kind == .element {
        let marked =
          node.attribute("itemprop") == "author" || node.attribute("rel") == "author"
          || Self.classWords(node.attribute("class") ?? "").contains {
            ["byline", "author", "autor", "firma", "byline-name", "author-name"].contains($0)
          }
        guard marked else { continue }
        if let name = cleanByline(lineText(i)) { return name }
      }
      // An unmarked byline near the top: a short text opening with a byline word.
      for (i, node) in tree.nodes.enumerated().prefix(4000)
      where node.kind == .element
        && ["b", "strong", "span", "p", "div", "font", "td", "address"]
          .contains(node.name)
      {
        let text = lineText(i)
        guard text.split(separator: " ").count <= 10 else { continue }
        let key = MatchKey.key(text)
        if data.bylines.contains(where: { key.hasPrefix($0 + " ") || key.hasPrefix($0 + ":") }),
          let name = cleanByline(text)
        {
          return name
        }
      }
      return nil
    }

    /// An element's first line of text: up to its first `<br>` or block element.
    func lineText(_ index: Int) -> String {
      var result = ""
      var i = index + 1
      while i < end[index] {
        let node = tree.nodes[i]
        if node.kind == .text {
          result += node.text
        } else if node.name == "br" || HTMLExtractor.blockTags.contains(node.name) {
          if !HTMLExtractor.collapse(result).isEmpty { break }
        } else if ["script", "style", "time"].contains(node.name) {
          i = end[i]
          continue
        }
        i += 1
      }
      return HTMLExtractor.collapse(result)
    }

    /// "Por: Ana Gómez · Madrid" → "Ana Gómez"; nil when nothing like a name is left.
    func cleanByline(_ text: String) -> String? {
      var scalars = Array(text.unicodeScalars)
      // Cut at the first separator or figure (a date).
      if let cut = scalars.firstIndex(where: {
        "·|•\n".unicodeScalars.contains($0) || $0.properties.numericType != nil
      }) {
        scalars = Array(scalars[..<cut])
      }
      var name = HTMLExtractor.collapse(String(String.UnicodeScalarView(scalars)))
      let key = MatchKey.key(name)
      for word in data.bylines.sorted(by: { $0.count > $1.count }) where key.hasPrefix(word) {
        let rest = key.dropFirst(word.count)
        if rest.first == " " || rest.first == ":" || rest.first == "," {
          name = String(name.dropFirst(word.count))
          while let first = name.first, first == ":" || first == "," || first == " " {
            name.removeFirst()
          }
          break
        }
      }
      let words = name.split(separator: " ")
      guard !words.isEmpty, words.count <= 8, name.count <= 80,
        name.unicodeScalars.first?.properties.isUppercase == true
      else { return nil }
      return name
    }

    /// A date printed in the page (`5 de marzo de 2024`), as `YYYY-MM-DD`.
    func printedDate() -> String? {
      for node in tree.nodes where node.kind == .text {
        let parent = node.parent
        if parent >= 0, ["script", "style", "title"].contains(tree.nodes[parent].name) { continue }
        if let date = SpanishDates.find(in: node.text, months: data.months) { return date }
      }
      return nil
    }
  }

  /// Collects the blocks of a subtree: block elements and `<br>` start and end blocks, inline
  /// text and links accumulate.
  struct BlockBuilder {
    let page: Page
    var blocks: [HTMLArticle.Block] = []
    var text = ""
    var linkLetters = 0
    var timeLetters = 0
    var letters = 0
    var kind = HTMLArticle.BlockKind.paragraph

    init(page: Page) { self.page = page }

    mutating func walk(_ index: Int, kind: HTMLArticle.BlockKind, skipping taken: Set<Int>) {
      guard !page.excluded[index] else { return }
      if taken.contains(index) {
        // The headline or standfirst, said already: still the end of a block.
        flush()
        return
      }
      let node = page.tree.nodes[index]
      if node.kind == .text {
        text += node.text
        let count = page.textLength[index]
        letters += count
        let (link, time) = inside(index)
        if link { linkLetters += count }
        if time { timeLetters += count }
        self.kind = kind
        return
      }
      if node.name == "br" {
        // A line break ends a line: old layouts put a breadcrumb, a date and the standfirst on
        // lines of one block; two in a row end a paragraph.
        flush()
        return
      }
      let isBlock = HTMLExtractor.blockTags.contains(node.name)
      var inner = kind
      if isBlock {
        flush()
        switch node.name {
        case "h1", "h2", "h3", "h4", "h5", "h6": inner = .heading
        case "li", "dt", "dd": inner = .item
        case "blockquote": inner = .quote
        case "p": inner = kind == .quote || kind == .item ? kind : .paragraph
        default: break
        }
      }
      for child in node.children { walk(child, kind: inner, skipping: taken) }
      if isBlock { flush() }
    }

    /// Whether a text node is inside a link, and inside a `<time>`, within its block.
    func inside(_ index: Int) -> (link: Bool, time: Bool) {
      var p = page.tree.nodes[index].parent
      var link = false
      var time = false
      while p >= 0 {
        let name = page.tree.nodes[p].name
        if name == "a" { link = true }
        if name == "time" { time = true }
        if HTMLExtractor.blockTags.contains(name) { break }
        p = page.tree.nodes[p].parent
      }
      return (link, time)
    }

    mutating func flush() {
      defer {
        text = ""
        letters = 0
        linkLetters = 0
        timeLetters = 0
      }
      let collapsed = HTMLExtractor.collapse(text)
      guard !collapsed.isEmpty, collapsed.unicodeScalars.contains(where: \.properties.isAlphabetic)
      else { return }
      let density = letters > 0 ? Double(linkLetters) / Double(letters) : 0
      if isEnding(collapsed) {
        blocks.append(HTMLArticle.Block(kind: .ending, text: collapsed))
        return
      }
      if density > 0.5 { return }
      // A date line: all of it a <time>, or a few words holding a date.
      if letters > 0 && timeLetters * 10 >= letters * 9 { return }
      if kind != .heading, collapsed.split(separator: " ").count <= 8,
        SpanishDates.find(in: collapsed, months: page.data.months, yearOptional: true) != nil
      {
        return
      }
      if isFurniture(collapsed, density: density) { return }
      blocks.append(HTMLArticle.Block(kind: kind, text: collapsed))
    }

    /// A heading that opens the comments ("Comentarios (3)").
    func isEnding(_ text: String) -> Bool {
      guard text.count <= 40 else { return false }
      var key = MatchKey.key(text)
      while let last = key.last, last.isNumber || "()[]: ".contains(last) { key.removeLast() }
      return page.data.endings.contains(key)
    }

    /// A block that is page furniture: it opens with a furniture phrase ("Lee también",
    /// "Publicidad", "©") and is short or partly links; or it is a short byline ("Por: Ana
    /// Gómez") or a short caption with a credit ("… Foto: Archivo").
    func isFurniture(_ text: String, density: Double) -> Bool {
      if text.hasPrefix("©") { return true }
      guard text.count < 160 || density > 0.3 else { return false }
      // Leading symbols and emoji say nothing ("📲 Recibe nuestras noticias…").
      let key = String(MatchKey.key(text).drop { !($0.isLetter || $0.isNumber || $0 == "¿") })
      for phrase in page.data.phrases where !phrase.isEmpty && key.hasPrefix(phrase) {
        let rest = key.dropFirst(phrase.count)
        if rest.isEmpty || !(rest.first?.isLetter ?? false) { return true }
      }
      let wordCount = text.split(separator: " ").count
      if kind != .heading, wordCount <= 10, !text.hasSuffix("."),
        page.data.bylines.contains(where: { key.hasPrefix($0 + ":") || key.hasPrefix($0 + " ") }),
        text.unicodeScalars.dropFirst().contains(where: \.properties.isUppercase)
      {
        return true
      }
      if text.count < 200, page.data.captions.contains(where: { key.contains($0) }) { return true }
      return false
    }
  }
}
