import ArgumentParser
import Foundation
import PrensaCore

extension Prensa {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show analysed records for people: each sentence with its labels and entities.",
      discussion: """
        Reads records (the output of 'prensa run' or 'prensa classify') and prints, per \
        document, its id, date and source, then each sentence: its category and stance (and \
        whether the model or the rules decided, and when the category was read from the \
        article), its text with the entities marked, and the entities' labels. Colour on a \
        terminal; plain text when the output is not a terminal, with NO_COLOR set, or with \
        --color never. Records without sentences or entities are shown as far as they go, with \
        a note.
        """)

    @Argument(help: "Result JSONL files; none or '-' reads standard input.")
    var results: [String] = []

    @Option(help: "Colour: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Option(help: "Show at most this many documents (0: all).")
    var limit = 0

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    func run() throws {
      let colored: Bool
      switch color {
      case .always: colored = true
      case .never: colored = false
      case .auto:
        colored =
          isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      }
      var shown = 0
      var out = ""
      for path in results.isEmpty ? ["-"] : results {
        for document in try Prensa.Evaluate.readRecords(path, command: "show") {
          if limit > 0 && shown >= limit { break }
          out += Self.render(document, colored: colored)
          shown += 1
          if out.utf8.count > 1 << 16 {
            print(out, terminator: "")
            out = ""
          }
        }
      }
      print(out, terminator: "")
    }

    // MARK: - Rendering

    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"

    /// A colour per entity label (ANSI foreground).
    static func labelColor(_ label: EntityLabel) -> String {
      switch label {
      case .person: "\u{1B}[36m"
      case .organization: "\u{1B}[35m"
      case .geopolitical: "\u{1B}[32m"
      case .location: "\u{1B}[33m"
      case .nationality: "\u{1B}[34m"
      default: "\u{1B}[37m"
      }
    }

    /// A colour per category: conflict red, cooperation green, none dim.
    static func categoryColor(_ category: Category) -> String {
      switch category {
      case .conflict: "\u{1B}[31m"
      case .noInteraction: dim
      default: "\u{1B}[32m"
      }
    }

    /// One document as text.
    static func render(_ document: Document, colored: Bool) -> String {
      var document = document
      let scalars = document.scalars()
      func paint(_ text: String, _ code: String) -> String {
        colored ? code + text + reset : text
      }
      var out = paint("━━ " + document.id, bold)
      let meta = document.fields["meta"]?.objectValue
      let details = [
        meta?["date"]?.stringValue, meta?["site"]?.stringValue,
        meta?["dateline"]?.objectValue?["text"]?.stringValue, meta?["title"]?.stringValue,
      ].compactMap { $0 }
      if !details.isEmpty { out += "  " + paint(details.joined(separator: " · "), dim) }
      out += "\n"
      let entities = (document.entities ?? []).sorted { $0.start < $1.start }
      guard let sentences = document.sentences, !sentences.isEmpty else {
        out += paint("   (no sentences: not tokenized; run it through 'prensa run')", dim) + "\n"
        out += "   " + clipped(String(scalars: scalars), 400) + "\n\n"
        return out
      }
      if document.entities == nil {
        out += paint("   (no entities: not tagged)", dim) + "\n"
      }
      for (n, sentence) in sentences.enumerated() {
        let start = min(sentence.start, scalars.count)
        let end = min(max(sentence.end, start), scalars.count)
        let inside = entities.filter { $0.start >= start && $0.end <= end }
        // The text, with each entity marked: coloured on a terminal, bracketed in plain text.
        var text = ""
        var at = start
        for entity in inside where entity.start >= at {
          text += String(scalars: scalars[at..<entity.start])
          let surface = String(scalars: scalars[entity.start..<entity.end])
          let label = entity.label
          text +=
            colored
            ? labelColor(label) + surface + reset : "[" + surface + "|" + label.rawValue + "]"
          at = entity.end
        }
        text += String(scalars: scalars[at..<end])
        text = text.map { $0 == "\n" ? " " : $0 }.reduce(into: "") { $0.append($1) }
        out += String(format: "%3d ", n + 1) + labels(sentence, colored: colored) + "\n"
        out += "    " + text + "\n"
        if let holder = sentence.stanceHolder {
          out += paint("    holder: " + holder, dim) + "\n"
        }
      }
      return out + "\n"
    }

    /// `[diplomatic · neutral]`, with `model`/`article` notes, or a note when unclassified.
    static func labels(_ sentence: Sentence, colored: Bool) -> String {
      guard let cooperation = sentence.extra[Sentence.LabelKey.cooperation]?.objectValue,
        let category = sentence.category
      else {
        return colored ? dim + "[not classified]" + reset : "[not classified]"
      }
      let stance = sentence.stance?.rawValue ?? "?"
      var notes: [String] = []
      if cooperation["decided_by"]?.stringValue == "model" { notes.append("model") }
      if cooperation["from_context"]?.boolValue == true { notes.append("from the article") }
      let head = "[" + category.rawValue + " · " + stance + "]"
      let painted = colored ? categoryColor(category) + head + reset : head
      return notes.isEmpty ? painted : painted + " (" + notes.joined(separator: ", ") + ")"
    }

    static func clipped(_ text: String, _ limit: Int) -> String {
      text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
  }
}
