import PrensaCore
import PrensaText

/// Reads CoNLL-2002 NER files (`word [POS] tag` columns, BIO tags, `-DOCSTART-`, blank lines
/// between sentences; UTF-8 or Latin-1) into records whose tokenization is fixed.
///
/// Each `-DOCSTART-` block is one record (the whole file when there are none). The text is the
/// words joined by one space, one sentence per line; `tokens` and `sentences` follow the file
/// exactly and the record is marked tokenized, so `prensa tag` tags that tokenization and the
/// scores compare with published ones. Gold `entities` come from the BIO tags.
public enum CoNLLReader {
  /// - Throws: `PipelineError.invalidConfiguration` naming `file:line` for a malformed line.
  public static func documents(bytes: [UInt8], file: String) throws(PipelineError) -> [Document] {
    let text: String
    do {
      text = try Ingestor.decode(bytes).text
    } catch {
      throw .invalidConfiguration("\(file): \(error)")
    }
    let name = file.split(separator: "/").last.map(String.init) ?? file
    var documents: [Document] = []
    var sentences: [[(word: String, tag: String)]] = []
    var current: [(String, String)] = []
    func flushDocument() {
      if !current.isEmpty { sentences.append(current) }
      current = []
      if !sentences.isEmpty {
        documents.append(makeDocument(sentences, id: "\(name)#\(documents.count + 1)"))
      }
      sentences = []
    }
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
      let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if columns.isEmpty {
        if !current.isEmpty { sentences.append(current) }
        current = []
        continue
      }
      if columns[0] == "-DOCSTART-" {
        flushDocument()
        continue
      }
      guard columns.count >= 2 else {
        throw .invalidConfiguration(
          "\(file):\(index + 1): expected 'word [POS] tag', found '\(line)'")
      }
      let tag = String(columns[columns.count - 1])
      guard tag == "O" || tag.hasPrefix("B-") || tag.hasPrefix("I-") else {
        throw .invalidConfiguration("\(file):\(index + 1): '\(tag)' is not a BIO tag")
      }
      current.append((String(columns[0]), tag))
    }
    flushDocument()
    return documents
  }

  static func makeDocument(_ sentences: [[(word: String, tag: String)]], id: String) -> Document {
    var text = String.UnicodeScalarView()
    var tokens: [Token] = []
    var spans: [Sentence] = []
    var entities: [Entity] = []
    var offset = 0
    for (s, sentence) in sentences.enumerated() {
      if s > 0 {
        text.append("\n")
        offset += 1
      }
      let sentenceStart = offset
      var open: (start: Int, end: Int, label: String)?
      func close() {
        if let entity = open {
          let surface = String(scalars: Array(text)[entity.start..<entity.end])
          entities.append(
            Entity(
              start: entity.start, end: entity.end, label: EntityLabel(entity.label), text: surface)
          )
        }
        open = nil
      }
      for (w, (word, tag)) in sentence.enumerated() {
        if w > 0 {
          text.append(" ")
          offset += 1
        }
        let scalars = Array(word.unicodeScalars)
        let start = offset
        text.append(contentsOf: scalars)
        offset += scalars.count
        let kind = scalars.first.map(CharacterClass.kind(of:)) ?? .word
        tokens.append(Token(start: start, end: offset, kind: kind))
        let label = String(tag.dropFirst(2))
        if tag == "O" {
          close()
        } else if tag.hasPrefix("B-") || open?.label != label {
          close()
          open = (start, offset, label)
        } else {
          open?.end = offset
        }
      }
      close()
      spans.append(Sentence(start: sentenceStart, end: offset))
    }
    var document = Document(id: id, text: String(text))
    document.tokens = tokens
    document.sentences = spans
    document.entities = entities
    document.stages = ["tokenize"]
    return document
  }
}
