import Interchange
import PrensaCore
import PrensaText

/// `prensa report`: what a set of analysed records contains, per document and overall.
public struct CorpusReport: Sendable {
  public var documents = 0
  public var sentences = 0
  /// Entity frequencies by id (or `label:text` for entities without one).
  public var entities: [String: (label: String, name: String, count: Int)] = [:]
  /// How often each entity key was written each way: its name is its most frequent form when
  /// `canonicalNames` does not know it.
  var surfaces: [String: [String: Int]] = [:]
  /// Lexicon entry id → the entry's name (`GPE:RUS` → `Rusia`), for showing entities and actors
  /// by their canonical names.
  public var canonicalNames: [String: String] = [:]
  /// For each cooperation category, the actor pairs (source key → target key) and their counts;
  /// an actor's key is its country code, else its entity's id, else its matching key.
  public var actorPairs: [String: [String: Int]] = [:]
  /// The pair key's separator (never in a name), and how a pair is shown.
  static let separator: Character = "\u{1F}"
  static let arrow = " → "
  public var categories: [String: Int] = [:]
  public var stances: [String: Int] = [:]
  /// Sentences per category by day (`meta.date`) and by source (`meta.site`).
  public var byDay: [String: [String: Int]] = [:]
  public var bySource: [String: [String: Int]] = [:]
  /// Per document: id, sentences, entities, the most frequent category.
  public var perDocument: [(id: String, sentences: Int, entities: Int, topCategory: String)] = []

  public init() {}

  /// Adds one record.
  public mutating func add(_ document: Document) {
    documents += 1
    var documentCategories: [String: Int] = [:]
    let meta = document.fields["meta"]?.objectValue
    let day = meta?["date"]?.stringValue.map { String($0.prefix(10)) }
    let site = meta?["site"]?.stringValue
    // Each entity's key by how it is written in this document, for the actors.
    var keyBySurface: [String: String] = [:]
    for entity in document.entities ?? [] {
      keyBySurface[entity.text] = entity.refersTo ?? entity.id ?? keyBySurface[entity.text]
    }
    func actorKey(_ name: String, code: String?) -> String {
      let key = code ?? keyBySurface[name] ?? "name:" + MatchKey.key(name)
      surfaces[key, default: [:]][name, default: 0] += 1
      return key
    }
    for sentence in document.sentences ?? [] {
      sentences += 1
      if let category = sentence.category?.rawValue {
        categories[category, default: 0] += 1
        documentCategories[category, default: 0] += 1
        if let day { byDay[day, default: [:]][category, default: 0] += 1 }
        if let site { bySource[site, default: [:]][category, default: 0] += 1 }
        if let actors = sentence.extra[Sentence.LabelKey.cooperation]?["actors"],
          let source = actors["source"]?.stringValue,
          let target = actors["target"]?.stringValue
        {
          // By country code or entity, not by how each sentence wrote the actor: `UE → RUS` and
          // `Unión Europea → Rusia` are one pair.
          let pair =
            actorKey(source, code: actors["source_code"]?.stringValue) + String(Self.separator)
            + actorKey(target, code: actors["target_code"]?.stringValue)
          actorPairs[category, default: [:]][pair, default: 0] += 1
        }
      }
      if let stance = sentence.stance?.rawValue {
        stances[stance, default: 0] += 1
      }
    }
    for entity in document.entities ?? [] {
      let key = entity.id ?? "\(entity.label):\(entity.text)"
      let previous = entities[key]
      surfaces[key, default: [:]][entity.text, default: 0] += 1
      entities[key] = (
        entity.label.rawValue, previous?.name ?? entity.text, (previous?.count ?? 0) + 1
      )
    }
    let top =
      documentCategories.filter { $0.key != Category.noInteraction.rawValue }.max {
        ($0.value, $1.key) < ($1.value, $0.key)
      }?.key ?? Category.noInteraction.rawValue
    perDocument.append(
      (document.id, document.sentences?.count ?? 0, document.entities?.count ?? 0, top))
  }

  /// The name to show for an entity or actor key: the lexicon entry's name when known, else its
  /// most frequent written form (ties: the first in byte order); with the country code when the
  /// key is one.
  func name(_ key: String) -> String {
    let isCountry = key.count == 3 && key.allSatisfy { $0.isUppercase && $0.isLetter }
    if let canonical = canonicalNames[key] ?? (isCountry ? canonicalNames["GPE:" + key] : nil) {
      return isCountry ? "\(canonical) (\(key))" : canonical
    }
    let forms = surfaces[key] ?? [:]
    let best = forms.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    let isCode = key.count == 3 && key.allSatisfy { $0.isUppercase && $0.isLetter }
    guard let best else { return key.hasPrefix("name:") ? String(key.dropFirst(5)) : key }
    return isCode && best != key ? "\(best) (\(key))" : best
  }

  /// An actor pair's display: `Rusia (RUS) → Corea del Norte (PRK)`.
  func pairName(_ pair: String) -> String {
    pair.split(separator: Self.separator).map { name(String($0)) }.joined(separator: Self.arrow)
  }

  /// Rows sorted by count, then key.
  static func ranked(_ counts: [String: Int]) -> [(String, Int)] {
    counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
  }

  public enum Format: String, Sendable, CaseIterable { case table, md, json, csv, html, svg }

  /// The actor-interaction network as an SVG figure (no pair: nil).
  public func network(standalone: Bool = false) -> String? {
    var edges: [(category: String, source: String, target: String, count: Int)] = []
    for (category, pairs) in actorPairs where category != Category.noInteraction.rawValue {
      for (pair, count) in pairs {
        let keys = pair.split(separator: Self.separator).map(String.init)
        guard keys.count == 2 else { continue }
        edges.append((category, keys[0], keys[1], count))
      }
    }
    return edges.isEmpty ? nil : Charts.network(edges, name: name, standalone: standalone)
  }

  /// One section of the report, for `--table` (CSV) and `--out-dir`.
  public enum Table: String, Sendable, CaseIterable {
    case entities, categories, stances, actorPairs = "actor-pairs", documents
  }

  /// The report in `format`, listing at most `top` rows per section.
  public func render(_ format: Format, top: Int = 20, table: Table? = nil) -> String {
    // `top` 0: every row.
    let top = top <= 0 ? Int.max : top
    let entityRows = entities.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.prefix(
      top
    ).map { ($0.key, (label: $0.value.label, name: name($0.key), count: $0.value.count)) }
    switch format {
    case .svg:
      // The network alone, as a standalone SVG file.
      return network(standalone: true)
        ?? "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 40\"><text x=\"4\" y=\"24\">no actor pairs</text></svg>"
    case .html:
      var page =
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>prensa report</title><style>"
        + Charts.style
        + "</style></head><body><h1>prensa report</h1><p>\(documents) documents, \(sentences) sentences</p>"
      page += Charts.categoryBars("Sentences per category", rows: [("all", categories)])
      if !byDay.isEmpty { page += Charts.overTime(byDay) }
      if !bySource.isEmpty { page += Charts.perSource(bySource) }
      if let network = network() { page += network }
      let tables = render(.md, top: top, table: nil)
      page += "<pre>" + ReviewPage.escape(tables) + "</pre></body></html>"
      return page
    case .json:
      var object = JSONObject([
        ("documents", .int(documents)), ("sentences", .int(sentences)),
        ("categories", .object(JSONObject(Self.ranked(categories).map { ($0.0, .int($0.1)) }))),
        ("stances", .object(JSONObject(Self.ranked(stances).map { ($0.0, .int($0.1)) }))),
        (
          "entities",
          .array(
            entityRows.map {
              .object(
                JSONObject([
                  ("id", .string($0.0)), ("label", .string($0.1.label)),
                  ("name", .string($0.1.name)),
                  ("count", .int($0.1.count)),
                ]))
            })
        ),
      ])
      var pairs = JSONObject()
      for (category, counts) in actorPairs {
        pairs[category] = .array(
          Self.ranked(counts).prefix(top).map {
            .object(
              JSONObject([
                ("pair", .string(pairName($0.0))),
                (
                  "keys",
                  .string($0.0.split(separator: Self.separator).joined(separator: Self.arrow))
                ),
                ("count", .int($0.1)),
              ]))
          })
      }
      object["actor_pairs"] = .object(pairs)
      object["per_document"] = .array(
        perDocument.map {
          .object(
            JSONObject([
              ("id", .string($0.id)), ("sentences", .int($0.sentences)),
              ("entities", .int($0.entities)),
              ("top_category", .string($0.topCategory)),
            ]))
        })
      var writer = JSONWriter()
      writer.value(.object(object))
      return String(decoding: writer.bytes, as: UTF8.self)
    case .csv:
      func quote(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n")
          ? "\"" + s.replacingQuotes() + "\"" : s
      }
      func row(_ cells: [String]) -> String { cells.map(quote).joined(separator: ",") }
      // One table (`--table`), or every table as a section of one file.
      var tables: [Table: [String]] = [:]
      tables[.entities] =
        ["id,name,label,count"]
        + entityRows.map { row([$0.0, $0.1.name, $0.1.label, "\($0.1.count)"]) }
      tables[.categories] =
        ["category,sentences"] + Self.ranked(categories).map { row([$0.0, "\($0.1)"]) }
      tables[.stances] = ["stance,sentences"] + Self.ranked(stances).map { row([$0.0, "\($0.1)"]) }
      var pairs = ["category,source,target,source_key,target_key,sentences"]
      for category in actorPairs.keys.sorted() {
        for (pair, count) in Self.ranked(actorPairs[category] ?? [:]).prefix(top) {
          let keys = pair.split(separator: Self.separator).map(String.init)
          pairs.append(
            row([
              category, name(keys[0]), name(keys.last ?? ""), keys[0], keys.last ?? "", "\(count)",
            ]))
        }
      }
      tables[.actorPairs] = pairs
      tables[.documents] =
        ["id,sentences,entities,main_category"]
        + perDocument.prefix(top).map {
          row([$0.id, "\($0.sentences)", "\($0.entities)", $0.topCategory])
        }
      if let table { return (tables[table] ?? []).joined(separator: "\n") }
      return Table.allCases.map { table in
        "# \(table.rawValue)\n" + (tables[table] ?? []).joined(separator: "\n")
      }.joined(separator: "\n\n")
    case .table, .md:
      let md = format == .md
      var lines: [String] = []
      func section(_ title: String, _ header: [String], _ rows: [[String]]) {
        lines.append(md ? "### \(title)" : "== \(title)")
        if md {
          lines.append("| " + header.joined(separator: " | ") + " |")
          lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
          for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
        } else {
          let widths = header.indices.map { i in
            ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0
          }
          func line(_ cells: [String]) -> String {
            cells.enumerated().map {
              $0.element + String(repeating: " ", count: widths[$0.offset] + 2 - $0.element.count)
            }.joined()
          }
          lines.append(line(header))
          for row in rows { lines.append(line(row)) }
        }
        lines.append("")
      }
      lines.append(
        md
          ? "## prensa report: \(documents) documents, \(sentences) sentences"
          : "prensa report: \(documents) documents, \(sentences) sentences")
      lines.append("")
      section(
        "entities (most frequent)", ["entity", "label", "id", "count"],
        entityRows.map { [$0.1.name, $0.1.label, $0.0, String($0.1.count)] })
      section(
        "cooperation categories", ["category", "sentences"],
        Self.ranked(categories).map { [$0.0, String($0.1)] })
      section(
        "stances", ["stance", "sentences"], Self.ranked(stances).map { [$0.0, String($0.1)] })
      var pairRows: [[String]] = []
      for category in actorPairs.keys.sorted() {
        for (pair, count) in Self.ranked(actorPairs[category] ?? [:]).prefix(min(top, 5)) {
          pairRows.append([category, pairName(pair), String(count)])
        }
      }
      section("actor pairs per category", ["category", "source → target", "count"], pairRows)
      section(
        "documents", ["id", "sentences", "entities", "main category"],
        perDocument.prefix(top).map {
          [$0.id, String($0.sentences), String($0.entities), $0.topCategory]
        })
      return lines.joined(separator: "\n")
    }
  }
}

extension String {
  func replacingQuotes() -> String {
    var result = ""
    for c in self { result += c == "\"" ? "\"\"" : String(c) }
    return result
  }
}
