import PrensaCore
import PrensaText

/// Dates as Spanish news prints them: `5 de marzo de 2024`, `5 de marzo del 2024`, `05/03/2024`.
public enum SpanishDates {
  /// The first full date in `text`, as `YYYY-MM-DD` (with `yearOptional`, also a day and month
  /// alone, `17 septiembre`, as `--MM-DD`).
  public static func find(in text: String, months: [String: Int], yearOptional: Bool = false)
    -> String?
  {
    let words = MatchKey.key(text).split { !($0.isLetter || $0.isNumber || $0 == "/") }
      .map(String.init)
    for (i, word) in words.enumerated() {
      // 5 de marzo de 2024
      if let day = Int(word), (1...31).contains(day), word.count <= 2 {
        var j = i + 1
        if j < words.count && words[j] == "de" { j += 1 }
        if j < words.count, let month = months[words[j]], words[j].count >= 3 {
          j += 1
          if j < words.count && (words[j] == "de" || words[j] == "del") { j += 1 }
          if j < words.count, let year = Int(words[j]), words[j].count == 4, year >= 1900 {
            return iso(year, month, day)
          }
          if yearOptional { return "--" + iso(2000, month, day).dropFirst(5) }
        }
      }
      // 05/03/2024
      let parts = word.split(separator: "/")
      if parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]),
        let year = Int(parts[2]), parts[2].count == 4, (1...31).contains(day),
        (1...12).contains(month), year >= 1900
      {
        return iso(year, month, day)
      }
    }
    return nil
  }

  static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }
}
