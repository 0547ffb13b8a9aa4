import PrensaCore

/// Corrected annotations from annotation tools back into prensa gold records (`{"id", "text",
/// "entities", "sentences"}` with `cooperation.category` and `stance.label`), which `prensa
/// evaluate --gold` reads: Label Studio exports, doccano JSONL, brat standoff.
public enum Importer {
  public enum Format: String, Sendable, CaseIterable {
    case labelStudio = "label-studio", doccano, brat
  }

  /// Why an annotation file cannot be read: located, `FILE: reason` or `FILE:LINE: reason`.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var location: String
    public var reason: String
    public var description: String { "\(location): \(reason)" }
  }

  /// A gold record from a text, entity spans and labelled sentence spans (scalar offsets).
  static func record(
    id: String, text: String, entities: [(Int, Int, String)],
    sentences: [(start: Int, end: Int, category: String?, stance: String?)]
  ) -> Document {
    var document = Document(id: id, text: text)
    let scalars = document.scalars()
    document.entities = entities.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { start, end, label in
      Entity(
        start: start, end: end, label: EntityLabel(label),
        text: String(scalars: scalars[min(start, scalars.count)..<min(end, scalars.count)]))
    }
    // Category and stance regions of one span are one sentence.
    var merged: [String: (start: Int, end: Int, category: String?, stance: String?)] = [:]
    for s in sentences {
      let key = "\(s.start):\(s.end)"
      var row = merged[key] ?? (s.start, s.end, nil, nil)
      row.category = s.category ?? row.category
      row.stance = s.stance ?? row.stance
      merged[key] = row
    }
    if !merged.isEmpty {
      document.sentences = merged.values.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.map {
        s in
        var sentence = Sentence(start: s.start, end: s.end)
        sentence.setGoldLabels(
          category: s.category.map(Category.init), stance: s.stance.map(Stance.init))
        return sentence
      }
    }
    return document
  }

  static func checked(_ start: Int, _ end: Int, length: Int, at location: String) throws(Failure) {
    guard 0 <= start, start <= end, end <= length else {
      throw Failure(
        location: location,
        reason: "span [\(start), \(end)) outside the text (\(length) characters)")
    }
  }

  // MARK: - Label Studio

  /// A Label Studio JSON export (an array of tasks). Each task's newest annotation is read, or
  /// its first prediction when nobody annotated it.
  public static func labelStudio(_ text: String, file: String) throws(Failure) -> [Document] {
    let value: JSONValue
    do {
      value = try JSONParser.parse(text)
    } catch {
      throw Failure(location: file, reason: "not JSON: \(error)")
    }
    guard let tasks = value.arrayValue else {
      throw Failure(location: file, reason: "expected a JSON array of tasks")
    }
    var documents: [Document] = []
    for (n, task) in tasks.enumerated() {
      let location = "\(file): task \(n + 1)"
      guard let data = task["data"]?.objectValue, let body = data["text"]?.stringValue else {
        throw Failure(location: location, reason: "no data.text")
      }
      let id = data["id"]?.stringValue ?? task["id"].map { $0.jsonLine } ?? "task-\(n + 1)"
      let annotations = task["annotations"]?.arrayValue ?? []
      let chosen =
        annotations.last { $0["was_cancelled"]?.boolValue != true }
        ?? task["predictions"]?.arrayValue?.first
      let results = chosen?["result"]?.arrayValue ?? []
      let offsets = UTF16Offsets(Array(body.unicodeScalars))
      let length = body.unicodeScalars.count
      var entities: [(Int, Int, String)] = []
      var sentences: [(start: Int, end: Int, category: String?, stance: String?)] = []
      for result in results {
        guard let value = result["value"]?.objectValue, let from = value["start"]?.intValue,
          let to = value["end"]?.intValue,
          let label = (value["labels"]?.arrayValue ?? value["choices"]?.arrayValue)?.first?
            .stringValue
        else { continue }
        let start = offsets.scalarOffset(from)
        let end = offsets.scalarOffset(to)
        try checked(start, end, length: length, at: location)
        switch result["from_name"]?.stringValue {
        case "category": sentences.append((start, end, label, nil))
        case "stance": sentences.append((start, end, nil, label))
        default: entities.append((start, end, label))
        }
      }
      documents.append(record(id: id, text: body, entities: entities, sentences: sentences))
    }
    return documents
  }

  // MARK: - doccano

  /// doccano JSONL (`label` or `entities` as `[start, end, LABEL]`); spans labelled
  /// `category:X` or `stance:Y` are sentence labels.
  public static func doccano(_ text: String, file: String) throws(Failure) -> [Document] {
    var documents: [Document] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
      let location = "\(file):\(n + 1)"
      let value: JSONValue
      do {
        value = try JSONParser.parse(String(line))
      } catch {
        throw Failure(location: location, reason: "not JSON: \(error)")
      }
      guard let body = value["text"]?.stringValue else {
        throw Failure(location: location, reason: "no text")
      }
      let length = body.unicodeScalars.count
      var entities: [(Int, Int, String)] = []
      var sentences: [(start: Int, end: Int, category: String?, stance: String?)] = []
      for span in value["label"]?.arrayValue ?? value["entities"]?.arrayValue ?? [] {
        let start: Int
        let end: Int
        let label: String
        if let cells = span.arrayValue, cells.count == 3, let s = cells[0].intValue,
          let e = cells[1].intValue, let l = cells[2].stringValue
        {
          (start, end, label) = (s, e, l)
        } else if let s = span["start_offset"]?.intValue, let e = span["end_offset"]?.intValue,
          let l = span["label"]?.stringValue
        {
          (start, end, label) = (s, e, l)
        } else {
          throw Failure(location: location, reason: "a label must be [start, end, LABEL]")
        }
        try checked(start, end, length: length, at: location)
        if label.hasPrefix("category:") {
          sentences.append((start, end, String(label.dropFirst("category:".count)), nil))
        } else if label.hasPrefix("stance:") {
          sentences.append((start, end, nil, String(label.dropFirst("stance:".count))))
        } else {
          entities.append((start, end, label))
        }
      }
      let id = value["id"]?.stringValue ?? value["id"].map { $0.jsonLine } ?? "line-\(n + 1)"
      documents.append(record(id: id, text: body, entities: entities, sentences: sentences))
    }
    return documents
  }

  // MARK: - brat

  /// One brat document: its `.txt` and `.ann`. `T` lines are entities (a `Sentence` type is a
  /// sentence), `A` lines `Category` and `Stance` label sentences; fragments (`0 5;6 9`) span
  /// from the first start to the last end.
  public static func brat(text: String, annotations: String, id: String, file: String)
    throws(Failure) -> Document
  {
    let length = text.unicodeScalars.count
    var spans: [String: (label: String, start: Int, end: Int)] = [:]
    var attributes: [(target: String, name: String, value: String)] = []
    for (n, line) in annotations.split(separator: "\n").enumerated() {
      let location = "\(file):\(n + 1)"
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard let tag = fields.first else { continue }
      if tag.hasPrefix("T") {
        guard fields.count >= 2 else {
          throw Failure(location: location, reason: "a T line needs a type and offsets")
        }
        let head = fields[1].split(separator: " ", maxSplits: 1).map(String.init)
        guard head.count == 2 else {
          throw Failure(location: location, reason: "a T line needs a type and offsets")
        }
        let numbers = head[1].split(whereSeparator: { $0 == " " || $0 == ";" }).compactMap {
          Int($0)
        }
        guard numbers.count >= 2, let start = numbers.first, let end = numbers.last else {
          throw Failure(location: location, reason: "bad offsets '\(head[1])'")
        }
        try checked(start, end, length: length, at: location)
        spans[tag] = (head[0], start, end)
      } else if tag.hasPrefix("A") || tag.hasPrefix("M") {
        let parts = (fields.count > 1 ? fields[1] : "").split(separator: " ").map(String.init)
        guard parts.count == 3 else {
          throw Failure(location: location, reason: "an A line needs NAME TARGET VALUE")
        }
        attributes.append((parts[1], parts[0], parts[2]))
      }
    }
    var entities: [(Int, Int, String)] = []
    var sentences: [(start: Int, end: Int, category: String?, stance: String?)] = []
    for (tag, span) in spans.sorted(by: { $0.value.start < $1.value.start }) {
      if span.label == "Sentence" {
        let mine = attributes.filter { $0.target == tag }
        sentences.append(
          (
            span.start, span.end, mine.first { $0.name == "Category" }?.value,
            mine.first { $0.name == "Stance" }?.value
          ))
      } else {
        entities.append((span.start, span.end, span.label))
      }
    }
    return record(id: id, text: text, entities: entities, sentences: sentences)
  }
}
