import ICUShim

/// A text as UTF-16 for ICU's break iterators, with the map from UTF-16 offsets back to scalar
/// offsets. Built once per document and shared by the word and sentence iterators.
struct UTF16Text {
  var units: [UInt16]
  /// The UTF-16 offsets of the astral characters (two units each), in order: few in any text, so
  /// a boundary's scalar offset is found by a search here rather than in a map as long as the text.
  var astral: [Int32]

  init(_ scalars: [Unicode.Scalar]) {
    units = [UInt16](utf16Of: scalars)
    astral = []
    // Each astral character adds a unit; most texts have none, and are not scanned again.
    guard units.count > scalars.count else { return }
    astral.reserveCapacity(units.count - scalars.count)
    for (offset, unit) in units.enumerated() where unit & 0xFC00 == 0xD800 {
      astral.append(Int32(offset))
    }
  }

  /// Whether ICU, which counts in 32-bit integers, can take the text: fewer than 2^31 UTF-16 units.
  static func fitsICU(_ scalars: [Unicode.Scalar]) -> Bool {
    if scalars.count <= Int(Int32.max) / 2 { return true }
    var units = scalars.count
    for scalar in scalars where scalar.value > 0xFFFF { units += 1 }
    return units < Int(Int32.max)
  }

  /// The scalar offset of a UTF-16 offset that does not fall inside an astral character: each
  /// astral character before it counts one unit more than its one scalar.
  func scalarOffset(_ unit: Int) -> Int {
    guard !astral.isEmpty else { return unit }
    var low = 0
    var high = astral.count
    while low < high {
      let middle = (low + high) / 2
      if Int(astral[middle]) < unit { low = middle + 1 } else { high = middle }
    }
    return unit - low
  }

  /// Calls `body` with each boundary (as a scalar offset, after 0) and its rule status, in order,
  /// of an ICU break iterator (`PRENSA_BREAK_WORD` or `PRENSA_BREAK_SENTENCE`).
  /// ICU is asked for a chunk of boundaries at a time, so the memory does not grow with the text.
  func forEachBreak(_ kind: Int32, _ body: (_ offset: Int, _ status: Int32) -> Void) {
    guard !units.isEmpty else { return }
    // No more than the text can have (a short text must not pay for clearing a long buffer).
    let chunk = min(1 << 16, units.count + 1)
    var boundaries = [Int32](repeating: 0, count: chunk)
    var statuses = [Int32](repeating: 0, count: chunk)
    var from: Int32 = 0
    while true {
      let count = Int(
        prensa_breaks_from(
          kind, units, Int32(units.count), from, &boundaries, &statuses, Int32(chunk)))
      guard count > 0 else { return }
      for k in 0..<count { body(scalarOffset(Int(boundaries[k])), statuses[k]) }
      from = boundaries[count - 1]
      if count < chunk || Int(from) >= units.count { return }
    }
  }
}
