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

extension String {
  /// The number of Unicode scalars (`unicodeScalars.count`): the UTF-8 bytes that are not
  /// continuation bytes, counted without decoding.
  public var scalarCount: Int {
    if let count = utf8.withContiguousStorageIfAvailable({ utf8 in
      var count = 0
      for byte in utf8 where byte & 0xC0 != 0x80 { count += 1 }
      return count
    }) {
      return count
    }
    return unicodeScalars.count
  }

  /// The string's Unicode scalars as an array, decoded straight from its UTF-8 (the same as
  /// `Array(unicodeScalars)`, which counts the scalars in one pass and copies them in another,
  /// each through the view's index arithmetic).
  ///
  /// - Complexity: O(*n*).
  public func scalarArray() -> [Unicode.Scalar] {
    var text = self
    return text.withUTF8 { utf8 in
      [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { out, count in
        // A String's UTF-8 is valid: each lead byte says how many continuation bytes follow.
        var i = 0
        var n = 0
        let end = utf8.count
        while i < end {
          let lead = UInt32(utf8[i])
          var value: UInt32
          if lead < 0x80 {
            // A run of ASCII, the most of a Spanish text, widened byte by byte.
            out[n] = Unicode.Scalar(UInt8(lead))
            n += 1
            i += 1
            while i < end && utf8[i] < 0x80 {
              out[n] = Unicode.Scalar(utf8[i])
              n += 1
              i += 1
            }
            continue
          } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
            i += 2
          } else if lead < 0xF0 {
            value =
              (lead & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
            i += 3
          } else {
            value =
              (lead & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12
              | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
            i += 4
          }
          out[n] = Unicode.Scalar(value) ?? "\u{FFFD}"
          n += 1
        }
        count = n
      }
    }
  }
}
