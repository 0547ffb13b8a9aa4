import PrensaCore

/// `prensa report`: what a set of analysed records contains, per document and overall.
public struct CorpusReport: Sendable {
  public var documents = 0
  public var sentences = 0
  /// Entity frequencies by id (or `label:text` for entities without one).
  public var entities: [String: (label: String, name: String, count: Int)] = [:]
  /// For each cooperation category, the actor pairs (source → target) and their counts.
  public var actorPairs: [String: [String: Int]] = [:]
  public var categories: [String: Int] = [:]
  public var stances: [String: Int] = [:]
  /// Per document: id, sentences, entities, the most frequent category.
  public var perDocument: [(id: String, sentences: Int, entities: Int, topCategory: String)] = []

  public init() {}

  /// Adds one record.
  public mutating func add(_ document: Document) {
    documents += 1
    var documentCategories: [String: Int] = [:]
    for sentence in document.sentences ?? [] {
      sentences += 1
      if let cooperation = sentence.extra["cooperation"],
        let category = cooperation["category"]?.stringValue
      {
        categories[category, default: 0] += 1
        documentCategories[category, default: 0] += 1
        if let actors = cooperation["actors"],
          let source = actors["source_code"]?.stringValue ?? actors["source"]?.stringValue,
          let target = actors["target_code"]?.stringValue ?? actors["target"]?.stringValue
        {
          actorPairs[category, default: [:]]["\(source) → \(target)", default: 0] += 1
        }
      }
      if let stance = sentence.extra["stance"]?["label"]?.stringValue {
        stances[stance, default: 0] += 1
      }
    }
    for entity in document.entities ?? [] {
      let key = entity.id ?? "\(entity.label):\(entity.text)"
      let previous = entities[key]
      entities[key] = (entity.label, previous?.name ?? entity.text, (previous?.count ?? 0) + 1)
    }
    let top =
      documentCategories.filter { $0.key != "none" }.max {
        ($0.value, $1.key) < ($1.value, $0.key)
      }?.key ?? "none"
    perDocument.append(
      (document.id, document.sentences?.count ?? 0, document.entities?.count ?? 0, top))
  }

  /// Rows sorted by count, then key.
  static func ranked(_ counts: [String: Int]) -> [(String, Int)] {
    counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
  }

  public enum Format: String, Sendable, CaseIterable { case table, md, json, csv }

  /// The report in `format`, listing at most `top` rows per section.
  public func render(_ format: Format, top: Int = 20) -> String {
    let entityRows = entities.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.prefix(
      top)
    switch format {
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
                  ("id", .string($0.key)), ("label", .string($0.value.label)),
                  ("name", .string($0.value.name)),
                  ("count", .int($0.value.count)),
                ]))
            })
        ),
      ])
      var pairs = JSONObject()
      for (category, counts) in actorPairs {
        pairs[category] = .array(
          Self.ranked(counts).prefix(top).map {
            .object(JSONObject([("pair", .string($0.0)), ("count", .int($0.1))]))
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
      var lines = ["section,key,label,count"]
      func quote(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingQuotes() + "\"" : s
      }
      for (key, value) in entityRows {
        lines.append("entity,\(quote(value.name)) (\(quote(key))),\(value.label),\(value.count)")
      }
      for (category, count) in Self.ranked(categories) {
        lines.append("category,\(category),,\(count)")
      }
      for (stance, count) in Self.ranked(stances) { lines.append("stance,\(stance),,\(count)") }
      for category in actorPairs.keys.sorted() {
        for (pair, count) in Self.ranked(actorPairs[category] ?? [:]).prefix(top) {
          lines.append("actor_pair,\(quote(pair)),\(category),\(count)")
        }
      }
      return lines.joined(separator: "\n")
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
        entityRows.map { [$0.value.name, $0.value.label, $0.key, String($0.value.count)] })
      section(
        "cooperation categories", ["category", "sentences"],
        Self.ranked(categories).map { [$0.0, String($0.1)] })
      section(
        "stances", ["stance", "sentences"], Self.ranked(stances).map { [$0.0, String($0.1)] })
      var pairRows: [[String]] = []
      for category in actorPairs.keys.sorted() {
        for (pair, count) in Self.ranked(actorPairs[category] ?? [:]).prefix(5) {
          pairRows.append([category, pair, String(count)])
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
