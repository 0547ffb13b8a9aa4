import ICUShim

/// A text as UTF-16 for ICU's break iterators, with the map from UTF-16 offsets back to scalar
/// offsets. Built once per document and shared by the word and sentence iterators.
struct UTF16Text {
  var units: [UInt16]
  /// UTF-16 offset → scalar offset; nil when the text has no astral characters (they are equal).
  var unitToScalar: [Int32]?
  let scalarCount: Int

  init(_ scalars: [Unicode.Scalar]) {
    scalarCount = scalars.count
    units = []
    units.reserveCapacity(scalars.count)
    var map: [Int32]?
    for (index, scalar) in scalars.enumerated() {
      if scalar.value > 0xFFFF {
        if map == nil { map = (0..<Int32(units.count)).map { $0 } }
        let v = scalar.value - 0x10000
        units.append(UInt16(0xD800 + (v >> 10)))
        units.append(UInt16(0xDC00 + (v & 0x3FF)))
        map?.append(Int32(index))
        map?.append(Int32(index))
      } else {
        units.append(UInt16(scalar.value))
        map?.append(Int32(index))
      }
    }
    map?.append(Int32(scalars.count))
    unitToScalar = map
  }

  func scalarOffset(_ unit: Int) -> Int { unitToScalar.map { Int($0[unit]) } ?? unit }

  /// The boundaries (as scalar offsets, after 0) and rule statuses of an ICU break iterator
  /// (`PRENSA_BREAK_WORD` or `PRENSA_BREAK_SENTENCE`).
  func breaks(_ kind: Int32) -> [(offset: Int, status: Int32)] {
    guard !units.isEmpty else { return [] }
    var boundaries = [Int32](repeating: 0, count: units.count + 1)
    var statuses = [Int32](repeating: 0, count: units.count + 1)
    let count = Int(
      prensa_breaks(
        kind, units, Int32(units.count), &boundaries, &statuses, Int32(boundaries.count)))
    guard count > 0 else { return [] }
    return (0..<count).map { (scalarOffset(Int(boundaries[$0])), statuses[$0]) }
  }
}
