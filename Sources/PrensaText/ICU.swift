import ICUShim

/// Swift wrappers over the ICU shim, on UTF-16 buffers: for prensa's modules only.
package enum ICU {
  /// Unicode normalization forms.
  package enum Form: Int32 {
    case nfc = 0, nfkc = 1, nfd = 2, nfkcCasefold = 3
  }

  /// Normalizes UTF-16 code units; nil only if ICU fails.
  package static func normalize(_ units: [UInt16], form: Form) -> [UInt16]? {
    if units.isEmpty { return [] }
    var capacity = units.count * 3 + 8
    while true {
      var out = [UInt16](repeating: 0, count: capacity)
      let length = prensa_normalize(form.rawValue, units, Int32(units.count), &out, Int32(capacity))
      if length < 0 { return nil }
      if Int(length) <= capacity {
        out.removeLast(capacity - Int(length))
        return out
      }
      capacity = Int(length)
    }
  }

  /// Length in UTF-16 units of the prefix that is certainly normalized.
  package static func normalizedPrefix(_ units: [UInt16], form: Form) -> Int {
    Int(prensa_normalized_prefix(form.rawValue, units, Int32(units.count)))
  }

  package static func hasBoundaryBefore(_ scalar: Unicode.Scalar, form: Form) -> Bool {
    prensa_has_boundary_before(form.rawValue, scalar.value) != 0
  }

  package static func foldCase(_ units: [UInt16]) -> [UInt16]? {
    if units.isEmpty { return [] }
    var capacity = units.count * 3 + 8
    while true {
      var out = [UInt16](repeating: 0, count: capacity)
      let length = prensa_fold_case(units, Int32(units.count), &out, Int32(capacity))
      if length < 0 { return nil }
      if Int(length) <= capacity {
        out.removeLast(capacity - Int(length))
        return out
      }
      capacity = Int(length)
    }
  }
}

extension Array where Element == UInt16 {
  /// The UTF-16 encoding of `scalars`, in exactly the room it needs (the characters beyond the
  /// BMP, two units each, are counted first: a growing array of tens of millions of units would
  /// for a moment hold its old buffer and one twice as large). Written by index in one loop
  /// (appending checked the array's capacity at each unit).
  @inlinable package init<C: Collection>(utf16Of scalars: C) where C.Element == Unicode.Scalar {
    var astral = 0
    for scalar in scalars where scalar.value > 0xFFFF { astral += 1 }
    let count = scalars.count + astral
    self.init(unsafeUninitializedCapacity: count) { buffer, filled in
      filled = count
      var i = 0
      guard astral > 0 else {
        // Most texts: one unit per scalar, with no branch.
        for scalar in scalars {
          buffer[i] = UInt16(truncatingIfNeeded: scalar.value)
          i += 1
        }
        return
      }
      for scalar in scalars {
        let value = scalar.value
        if value < 0x10000 {
          buffer[i] = UInt16(truncatingIfNeeded: value)
          i += 1
        } else {
          let v = value - 0x10000
          buffer[i] = UInt16(0xD800 + (v >> 10))
          buffer[i + 1] = UInt16(0xDC00 + (v & 0x3FF))
          i += 2
        }
      }
    }
  }
}

/// Decodes UTF-16 into scalars (unpaired surrogates become U+FFFD).
@inlinable package func scalars(ofUTF16 units: [UInt16]) -> [Unicode.Scalar] {
  var result: [Unicode.Scalar] = []
  result.reserveCapacity(units.count)
  var iterator = units.makeIterator()
  var decoder = UTF16()
  while true {
    switch decoder.decode(&iterator) {
    case .scalarValue(let s): result.append(s)
    case .emptyInput: return result
    case .error: result.append("\u{FFFD}")
    }
  }
}
