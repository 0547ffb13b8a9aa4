import PrensaCore

/// prensa records in the formats of other tools: tables, CoNLL, annotation tools, spaCy
/// (docs/interchange.md). Offsets are converted where a format counts otherwise: Label Studio
/// counts UTF-16 units (JavaScript strings); brat, doccano and spaCy count code points, as prensa
/// does.
public enum Exporter {
  public enum Format: String, Sendable, CaseIterable {
    case csv, conll, conllu, brat, labelStudio = "label-studio", doccano, spacy
  }

  /// The entities and sentence labels of a record, as every exporter reads them.
  struct View {
    var id: String
    var text: String
    var scalars: [Unicode.Scalar]
    var entities: [Entity]
    var sentences: [(start: Int, end: Int, category: String?, stance: String?, holder: String?)]
    var tokens: [Token]

    init(_ document: Document) {
      var document = document
      id = document.id
      text = document.text
      scalars = document.scalars()
      entities = (document.entities ?? []).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
      tokens = document.tokens ?? []
      sentences = (document.sentences ?? []).map { sentence in
        (
          sentence.start, sentence.end,
          sentence.category?.rawValue, sentence.stance?.rawValue, sentence.stanceHolder
        )
      }
    }

    func slice(_ start: Int, _ end: Int) -> String {
      let end = min(end, scalars.count)
      return String(scalars: scalars[min(start, end)..<end])
    }
  }

  // MARK: - CSV

  /// `entities` or `sentences` as one CSV table (RFC 4180 quoting), with a header row.
  public static func csv(_ documents: [Document], table: String) -> String {
    var out: String
    if table == "entities" {
      out = "doc_id,start,end,label,text,entity_id,source,confidence,refers_to\n"
      for document in documents {
        let view = View(document)
        for e in view.entities {
          out += row([
            view.id, "\(e.start)", "\(e.end)", e.label.rawValue, e.text, e.id ?? "",
            e.source?.rawValue ?? "",
            e.confidence.map { "\($0)" } ?? "", e.refersTo ?? "",
          ])
        }
      }
    } else {
      out = "doc_id,sentence,start,end,category,stance,holder,text\n"
      for document in documents {
        let view = View(document)
        for (n, s) in view.sentences.enumerated() {
          out += row([
            view.id, "\(n + 1)", "\(s.start)", "\(s.end)", s.category ?? "", s.stance ?? "",
            s.holder ?? "", view.slice(s.start, s.end),
          ])
        }
      }
    }
    return out
  }

  static func row(_ cells: [String]) -> String {
    cells.map { cell in
      cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + cell.replacingAll("\"", with: "\"\"") + "\"" : cell
    }.joined(separator: ",") + "\n"
  }

  // MARK: - CoNLL

  /// CoNLL-2002: a token and its BIO tag per line, a blank line after each sentence,
  /// `-DOCSTART- -X- O O` before each document's sentences... in the two-column form of the
  /// Spanish shared task (`token TAG`).
  public static func conll(_ documents: [Document]) -> String {
    var out = ""
    for document in documents {
      let view = View(document)
      out += "-DOCSTART- O\n\n"
      for (start, end) in sentenceRanges(view) {
        for token in view.tokens where token.start >= start && token.end <= end {
          let form = view.slice(token.start, token.end).replacingAll(" ", with: "_")
          out += form + " " + bio(token, view.entities) + "\n"
        }
        out += "\n"
      }
    }
    return out
  }

  static func sentenceRanges(_ view: View) -> [(Int, Int)] {
    view.sentences.isEmpty ? [(0, view.scalars.count)] : view.sentences.map { ($0.start, $0.end) }
  }

  static func bio(_ token: Token, _ entities: [Entity]) -> String {
    guard let e = entities.first(where: { $0.start < token.end && token.start < $0.end }) else {
      return "O"
    }
    return (token.start <= e.start ? "B-" : "I-") + e.label.rawValue
  }

  /// CoNLL-U: one sentence a block with `# sent_id` and `# text`, one syntactic word a line
  /// (contractions and clitics as multiword token ranges), `SpaceAfter=No` where no space
  /// follows, the entity's BIO tag in MISC as `NER=`.
  public static func conllu(_ documents: [Document]) -> String {
    var out = ""
    for document in documents {
      let view = View(document)
      for (n, (start, end)) in sentenceRanges(view).enumerated() {
        if n == 0 { out += "# newdoc id = \(view.id)\n" }
        out += "# sent_id = \(view.id)-\(n + 1)\n"
        out += "# text = " + view.slice(start, end).replacingAll("\n", with: " ") + "\n"
        var id = 1
        let sentenceTokens = view.tokens.filter { $0.start >= start && $0.end <= end }
        for (k, token) in sentenceTokens.enumerated() {
          let form = view.slice(token.start, token.end)
          let spaceAfter =
            k + 1 < sentenceTokens.count ? sentenceTokens[k + 1].start > token.end : true
          var misc: [String] = []
          if !spaceAfter { misc.append("SpaceAfter=No") }
          let tag = bio(token, view.entities)
          if tag != "O" { misc.append("NER=" + tag) }
          let miscText = misc.isEmpty ? "_" : misc.joined(separator: "|")
          if let words = token.expansion, words.count > 1 {
            out += "\(id)-\(id + words.count - 1)\t\(form)\t_\t_\t_\t_\t_\t_\t_\t\(miscText)\n"
            for word in words {
              out += "\(id)\t\(word)\t_\t_\t_\t_\t_\t_\t_\t_\n"
              id += 1
            }
          } else {
            out += "\(id)\t\(form)\t_\t_\t_\t_\t_\t_\t_\t\(miscText)\n"
            id += 1
          }
        }
        out += "\n"
      }
    }
    return out
  }

  // MARK: - brat

  /// brat standoff for one record: the `.txt` (the text) and the `.ann` (entities as `T` lines,
  /// sentences as `Sentence` spans with `Category` and `Stance` attributes). A span across a line
  /// break is written as fragments, as brat requires.
  public static func brat(_ document: Document) -> (text: String, annotations: String) {
    let view = View(document)
    var ann = ""
    var t = 0
    var a = 0
    func span(_ start: Int, _ end: Int) -> (offsets: String, text: String) {
      var fragments: [(Int, Int)] = []
      var from = start
      for i in start..<min(end, view.scalars.count) where view.scalars[i] == "\n" {
        if i > from { fragments.append((from, i)) }
        from = i + 1
      }
      if end > from { fragments.append((from, end)) }
      return (
        fragments.map { "\($0.0) \($0.1)" }.joined(separator: ";"),
        fragments.map { view.slice($0.0, $0.1) }.joined(separator: " ")
      )
    }
    for e in view.entities {
      t += 1
      let (offsets, text) = span(e.start, e.end)
      ann += "T\(t)\t\(e.label) \(offsets)\t\(text)\n"
    }
    for s in view.sentences {
      t += 1
      let (offsets, text) = span(s.start, s.end)
      ann += "T\(t)\tSentence \(offsets)\t\(text)\n"
      if let category = s.category {
        a += 1
        ann += "A\(a)\tCategory T\(t) \(category)\n"
      }
      if let stance = s.stance {
        a += 1
        ann += "A\(a)\tStance T\(t) \(stance)\n"
      }
    }
    return (view.text, ann)
  }

  // MARK: - Label Studio, doccano, spaCy

  /// Label Studio tasks (a JSON array) with prensa's annotations as predictions: entities as
  /// `labels` regions of the `label` control, sentences as regions of the `category` and `stance`
  /// controls. Offsets in UTF-16 units, as Label Studio counts them.
  public static func labelStudio(_ documents: [Document]) -> String {
    var tasks: [JSONValue] = []
    for (n, document) in documents.enumerated() {
      let view = View(document)
      let utf16 = UTF16Offsets(view.scalars)
      var results: [JSONValue] = []
      func region(_ id: String, _ control: String, _ start: Int, _ end: Int, _ label: String) {
        results.append(
          .object(
            JSONObject([
              ("id", .string(id)), ("from_name", .string(control)), ("to_name", .string("text")),
              ("type", .string("labels")),
              (
                "value",
                .object(
                  JSONObject([
                    ("start", .int(utf16[start])), ("end", .int(utf16[end])),
                    ("text", .string(view.slice(start, end))), ("labels", .array([.string(label)])),
                  ]))
              ),
            ])))
      }
      for (k, e) in view.entities.enumerated() {
        region("e\(k + 1)", "label", e.start, e.end, e.label.rawValue)
      }
      for (k, s) in view.sentences.enumerated() {
        if let category = s.category { region("c\(k + 1)", "category", s.start, s.end, category) }
        if let stance = s.stance { region("s\(k + 1)", "stance", s.start, s.end, stance) }
      }
      tasks.append(
        .object(
          JSONObject([
            ("id", .int(n + 1)),
            (
              "data", .object(JSONObject([("id", .string(view.id)), ("text", .string(view.text))]))
            ),
            (
              "predictions",
              .array([
                .object(
                  JSONObject([
                    ("model_version", .string("prensa \(prensaVersion)")),
                    ("result", .array(results)),
                  ]))
              ])
            ),
          ])))
    }
    return JSONValue.array(tasks).jsonLine + "\n"
  }

  /// doccano sequence-labelling JSONL: `{"id", "text", "label": [[start, end, LABEL], ...]}`,
  /// sentence labels as spans labelled `category:X` and `stance:Y`.
  public static func doccano(_ documents: [Document]) -> String {
    var out = ""
    for document in documents {
      let view = View(document)
      var labels: [JSONValue] = view.entities.map {
        .array([.int($0.start), .int($0.end), .string($0.label.rawValue)])
      }
      for s in view.sentences {
        if let category = s.category {
          labels.append(.array([.int(s.start), .int(s.end), .string("category:" + category)]))
        }
        if let stance = s.stance {
          labels.append(.array([.int(s.start), .int(s.end), .string("stance:" + stance)]))
        }
      }
      out +=
        JSONValue.object(
          JSONObject([
            ("id", .string(view.id)), ("text", .string(view.text)), ("label", .array(labels)),
          ])
        ).jsonLine + "\n"
    }
    return out
  }

  /// spaCy's `Doc.to_json()` shape, one document a line: `text`, `ents`, `sents`, `tokens`, and
  /// the sentence labels in `user_data`.
  public static func spacy(_ documents: [Document]) -> String {
    var out = ""
    for document in documents {
      let view = View(document)
      let ents: [JSONValue] = view.entities.map {
        .object(
          JSONObject([
            ("start", .int($0.start)), ("end", .int($0.end)), ("label", .string($0.label.rawValue)),
          ]))
      }
      let sents: [JSONValue] = view.sentences.map {
        .object(JSONObject([("start", .int($0.start)), ("end", .int($0.end))]))
      }
      let tokens: [JSONValue] = view.tokens.enumerated().map { i, token in
        .object(
          JSONObject([("id", .int(i)), ("start", .int(token.start)), ("end", .int(token.end))]))
      }
      let labels: [JSONValue] = view.sentences.map {
        .object(
          JSONObject([
            ("start", .int($0.start)), ("end", .int($0.end)),
            ("category", $0.category.map { .string($0) } ?? .null),
            ("stance", $0.stance.map { .string($0) } ?? .null),
          ]))
      }
      out +=
        JSONValue.object(
          JSONObject([
            ("text", .string(view.text)), ("ents", .array(ents)), ("sents", .array(sents)),
            ("tokens", .array(tokens)),
            (
              "user_data",
              .object(JSONObject([("id", .string(view.id)), ("sentence_labels", .array(labels))]))
            ),
          ])
        ).jsonLine + "\n"
    }
    return out
  }
}

/// Scalar offset → UTF-16 offset (and back), for tools that count JavaScript string units.
struct UTF16Offsets {
  /// Per scalar offset 0...n, its UTF-16 offset.
  let table: [Int]

  init(_ scalars: [Unicode.Scalar]) {
    var table = [0]
    table.reserveCapacity(scalars.count + 1)
    var total = 0
    for scalar in scalars {
      total += scalar.value > 0xFFFF ? 2 : 1
      table.append(total)
    }
    self.table = table
  }

  subscript(scalar: Int) -> Int { table[max(0, min(scalar, table.count - 1))] }

  /// The scalar offset at a UTF-16 offset (the first scalar that starts there or after).
  func scalarOffset(_ utf16: Int) -> Int {
    var low = 0
    var high = table.count - 1
    while low < high {
      let mid = (low + high) / 2
      if table[mid] < utf16 { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }

}
