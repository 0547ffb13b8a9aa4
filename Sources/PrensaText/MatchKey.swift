import PrensaCore

/// The matching key of a name: how later stages compare names without case and accents.
///
/// The key is ICU full case folding followed by removal of accents: `Moscú`, `MOSCU` and `moscu`
/// share the key `moscu`, and `Putín` and `PUTIN` share `putin`. Two marks are kept because they
/// make different Spanish words: the tilde of `ñ` (`año` ≠ `ano`) and, for the same reason, the
/// `ç` cedilla. The diaeresis goes (`pingüino` and `pinguino` share a key). Letters with a stroke,
/// which news often writes plain, fold to their base: `ł` → `l`, `ø` → `o`, `đ` → `d`, `ı` → `i`
/// (`Władysław` and `Wladyslaw` share a key).
public enum MatchKey {
  /// The matching key of `text`.
  ///
  /// - Complexity: O(*n*); text in Latin-1 (plain ASCII, Spanish and most Western European
  /// words) takes a fast path by table that never leaves Swift.
  public static func key(_ text: String) -> String {
    var isASCII = true
    for byte in text.utf8 where byte >= 0x80 {
      isASCII = false
      break
    }
    if isASCII {
      var bytes = Array(text.utf8)
      for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
      return String(decoding: bytes, as: UTF8.self)
    }
    if let key = latin1Key(text) { return key }
    return foldedKey(text)
  }

  /// The key of Latin-1 text by table (`latin1`), or nil when a character lies beyond it or
  /// folds to more than one letter or outside Latin-1 (`ß` → `ss`, `µ` → `μ`).
  static func latin1Key(_ text: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      guard value < 0x100 else { return nil }
      let mapped = latin1[Int(value)]
      if mapped < 0x80 {
        bytes.append(mapped)
      } else if mapped == 0xFF {
        return nil
      } else {
        bytes.append(0xC0 | mapped >> 6)
        bytes.append(0x80 | mapped & 0x3F)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Each Latin-1 character's key (a Latin-1 character), as the folding path gives it; 0xFF
  /// marks the two whose key is not one Latin-1 character (`ÿ` itself has the key `y`).
  static let latin1: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
    switch c {
    case 0x41...0x5A: return UInt8(c + 0x20)
    case 0xB5, 0xDF: return 0xFF
    case 0xC0...0xC5, 0xE0...0xE5: return UInt8(ascii: "a")
    case 0xC6, 0xC7, 0xD0, 0xD1, 0xDE: return UInt8(c + 0x20)
    case 0xC8...0xCB, 0xE8...0xEB: return UInt8(ascii: "e")
    case 0xCC...0xCF, 0xEC...0xEF: return UInt8(ascii: "i")
    case 0xD2...0xD6, 0xF2...0xF6, 0xD8, 0xF8: return UInt8(ascii: "o")
    case 0xD9...0xDC, 0xF9...0xFC: return UInt8(ascii: "u")
    case 0xDD, 0xFD, 0xFF: return UInt8(ascii: "y")
    default: return UInt8(c)
    }
  }

  /// The key by ICU: full case folding, canonical decomposition, marks dropped, recomposition.
  static func foldedKey(_ text: String) -> String {
    let units = Array(text.utf16)
    guard let folded = ICU.foldCase(units), let decomposed = ICU.normalize(folded, form: .nfd)
    else {
      return text.lowercased()
    }
    var kept: [UInt16] = []
    kept.reserveCapacity(decomposed.count)
    for unit in decomposed {
      if (0x0300...0x036F).contains(unit) {
        let base = kept.last
        let keepsTilde = unit == 0x0303 && base == 0x006E
        let keepsCedilla = unit == 0x0327 && base == 0x0063
        if !(keepsTilde || keepsCedilla) { continue }
      }
      switch unit {
      case 0x0142: kept.append(0x006C)  // ł
      case 0x00F8: kept.append(0x006F)  // ø
      case 0x0111: kept.append(0x0064)  // đ
      case 0x0131: kept.append(0x0069)  // ı
      default: kept.append(unit)
      }
    }
    let composed = ICU.normalize(kept, form: .nfc) ?? kept
    return String(decoding: composed, as: UTF16.self)
  }
}

extension StageContext {
  /// The matching key of each word of this worker's table, by word number (`MatchKey.key` of the
  /// word's text), made once and shared by the stages: the tagger and the classifier each made
  /// it for every word new to them.
  public func matchKeys() -> WordFacts<String> { facts(for: MatchKey.keysOwner, String.self) }
}

extension MatchKey {
  /// Identifies the matching keys a `StageContext` keeps (`StageContext.matchKeys()`).
  static let keysOwner = CacheOwner()
}

extension WordFacts<String> {
  /// The matching key of word `entry`, whose text is `scalars`, made the first time it is asked.
  @inlinable public func matchKey(_ entry: Int32, _ scalars: ArraySlice<Unicode.Scalar>) -> String {
    value(entry) { MatchKey.key(String(scalars: scalars)) }
  }
}
