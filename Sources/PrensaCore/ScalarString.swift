extension String {
  /// A string from a run of scalars, encoded straight to UTF-8 (much faster than appending to a
  /// `String.UnicodeScalarView` one scalar at a time, which this code base does per token).
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
    var capacity = 0
    for scalar in scalars {
      capacity +=
        scalar.value < 0x80 ? 1 : scalar.value < 0x800 ? 2 : scalar.value < 0x10000 ? 3 : 4
    }
    self.init(unsafeUninitializedCapacity: capacity) { buffer in
      var i = 0
      for scalar in scalars {
        let v = scalar.value
        if v < 0x80 {
          buffer[i] = UInt8(v)
          i += 1
        } else if v < 0x800 {
          buffer[i] = UInt8(0xC0 | v >> 6)
          buffer[i + 1] = UInt8(0x80 | v & 0x3F)
          i += 2
        } else if v < 0x10000 {
          buffer[i] = UInt8(0xE0 | v >> 12)
          buffer[i + 1] = UInt8(0x80 | v >> 6 & 0x3F)
          buffer[i + 2] = UInt8(0x80 | v & 0x3F)
          i += 3
        } else {
          buffer[i] = UInt8(0xF0 | v >> 18)
          buffer[i + 1] = UInt8(0x80 | v >> 12 & 0x3F)
          buffer[i + 2] = UInt8(0x80 | v >> 6 & 0x3F)
          buffer[i + 3] = UInt8(0x80 | v & 0x3F)
          i += 4
        }
      }
      return i
    }
  }
}
