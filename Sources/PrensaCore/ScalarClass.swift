extension Unicode.Scalar {
  /// Letter case and class with an ASCII fast path: `properties` lookups cost a table search per
  /// call, and the stages ask these questions of every scalar of every token.
  @inlinable public var isUppercaseLetter: Bool {
    value < 0x80 ? (value >= 0x41 && value <= 0x5A) : properties.isUppercase
  }

  @inlinable public var isLowercaseLetter: Bool {
    value < 0x80 ? (value >= 0x61 && value <= 0x7A) : properties.isLowercase
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
    value < 0x80 ? ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A) : properties.isAlphabetic
  }
}
