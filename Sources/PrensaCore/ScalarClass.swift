extension Unicode.Scalar {
  /// Letter case and class with fast paths for ASCII and Latin-1 (`á`, `Ñ`, `ü`: most of
  /// Spanish's letters beyond ASCII): `properties` lookups cost some 300 instructions a call,
  /// and the stages ask these questions of every scalar of every token. Each answers as
  /// `properties.isUppercase`, `isLowercase` and `isAlphabetic` do, for every scalar.
  @inlinable public var isUppercaseLetter: Bool {
    value < 0x80
      ? (value >= 0x41 && value <= 0x5A)
      : value < 0x100 ? Latin1.contains(value, Latin1.uppercase) : properties.isUppercase
  }

  @inlinable public var isLowercaseLetter: Bool {
    value < 0x80
      ? (value >= 0x61 && value <= 0x7A)
      : value < 0x100 ? Latin1.contains(value, Latin1.lowercase) : properties.isLowercase
  }

  /// LF, VT, FF, CR, NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR: what normalize and the sentence
  /// splitter treat as a line break.
  @inlinable public var isLineBreak: Bool {
    switch value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  @inlinable public var isLetter: Bool {
    value < 0x80
      ? ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
      : value < 0x100 ? Latin1.contains(value, Latin1.alphabetic) : properties.isAlphabetic
  }
}

/// Unicode's case and letter properties of U+0080–U+00FF as bit masks: bit *n* of `low` is
/// U+0080 + *n*, bit *n* of `high` is U+00C0 + *n*. Made from `Unicode.Scalar.Properties`
/// (a test compares every scalar).
@usableFromInline enum Latin1 {
  /// `À`–`Ö`, `Ø`–`Þ`.
  @inlinable static var uppercase: (low: UInt64, high: UInt64) { (0, 0x7F7F_FFFF) }
  /// `ª`, `µ`, `º`, `ß`–`ö`, `ø`–`ÿ`.
  @inlinable static var lowercase: (low: UInt64, high: UInt64) {
    (0x0420_0400_0000_0000, 0xFF7F_FFFF_8000_0000)
  }
  /// The letters of both, with `ª`, `µ` and `º`.
  @inlinable static var alphabetic: (low: UInt64, high: UInt64) {
    (0x0420_0400_0000_0000, 0xFF7F_FFFF_FF7F_FFFF)
  }

  /// Whether `value` (U+0080–U+00FF) has the property of `mask`.
  @inlinable static func contains(_ value: UInt32, _ mask: (low: UInt64, high: UInt64)) -> Bool {
    let bit = UInt64(value &- 0x80)
    return (bit < 64 ? mask.low >> bit : mask.high >> (bit &- 64)) & 1 != 0
  }
}
