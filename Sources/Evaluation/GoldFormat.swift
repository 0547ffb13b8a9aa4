/// The kind of a gold file (`prensa evaluate --gold`): by its extension, else by its first
/// non-blank line.
public enum GoldFormat: Sendable {
  case jsonl, conll2002, conllu

  public static func detect(_ bytes: [UInt8], path: String) -> GoldFormat {
    if path.hasSuffix(".conllu") { return .conllu }
    if path.hasSuffix(".jsonl") || path.hasSuffix(".json") { return .jsonl }
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
    for line in head.split(separator: "\n")
    where !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
      if line.hasPrefix("{") { return .jsonl }
      if line.hasPrefix("#")
        || line.split(separator: "\t", omittingEmptySubsequences: false).count == 10
      {
        return .conllu
      }
      return .conll2002
    }
    return .jsonl
  }
}
