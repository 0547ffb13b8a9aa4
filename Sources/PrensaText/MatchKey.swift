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
  /// - Complexity: O(*n*); plain ASCII takes a fast path that never leaves Swift.
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
