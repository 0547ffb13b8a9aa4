import Foundation

/// Spanish gender and number of demonyms and flagged nouns, from the masculine singular.
///
/// `ruso` → `rusa rusos rusas`; `francés` → `francesa franceses francesas`; `alemán` →
/// `alemana alemanes alemanas`; `español` → `española españoles españolas`; `saudí` → `saudíes
/// saudís`; `estadounidense` → `estadounidenses`; `belga` → `belgas`.
public enum Inflection {
  public static func forms(of base: String) -> [String] {
    guard let last = base.last else { return [] }
    let stem = String(base.dropLast())
    switch last {
    case "o": return [stem + "a", stem + "os", stem + "as"]
    case "a", "e": return [base + "s"]
    case "í", "ú": return [base + "es", base + "s"]
    default: break
    }
    // Stressed final syllable loses its accent when a syllable is added: francés → francesa.
    for (accented, plain) in [("é", "e"), ("á", "a"), ("í", "i"), ("ó", "o"), ("ú", "u")] {
      if let range = base.range(of: accented, options: .backwards),
        base[range.upperBound...].count == 1
      {
        let unaccented = base.replacingCharacters(in: range, with: plain)
        return [unaccented + "a", unaccented + "es", unaccented + "as"]
      }
    }
    if "lnrsz".contains(last) {
      if last == "z" { return [base + "a", stem + "ces", base + "as"] }
      return [base + "a", base + "es", base + "as"]
    }
    return [base + "s"]
  }
}
