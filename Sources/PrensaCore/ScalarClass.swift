extension Unicode.Scalar {
  /// Letter case and class with an ASCII fast path: `properties` lookups cost a table search per
  /// call, and the stages ask these questions of every scalar of every token.
  @inlinable public var isUppercaseLetter: Bool {
    value < 0x80 ? (value >= 0x41 && value <= 0x5A) : properties.isUppercase
  }

  @inlinable public var isLowercaseLetter: Bool {
    value < 0x80 ? (value >= 0x61 && value <= 0x7A) : properties.isLowercase
  }

  @inlinable public var isLetter: Bool {
    value < 0x80 ? ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A) : properties.isAlphabetic
  }
}
