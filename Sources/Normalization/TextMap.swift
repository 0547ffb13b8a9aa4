import PrensaCore

/// Text being rewritten, with the original range every scalar came from.
///
/// Each pass reads one `TextMap` and builds the next, so the map back to the input composes for
/// free: an output scalar made from input scalars `i..<j` comes from
/// `starts[i] ..< ends[j - 1]` of the original.
struct TextMap {
  var scalars: [Unicode.Scalar]
  var starts: [Int32]
  var ends: [Int32]

  /// The identity map over `scalars`.
  init(identity scalars: [Unicode.Scalar]) {
    self.scalars = scalars
    starts = Array(0..<Int32(scalars.count))
    ends = Array(1..<Int32(scalars.count + 1))
  }

  init(capacity: Int) {
    scalars = []
    starts = []
    ends = []
    scalars.reserveCapacity(capacity)
    starts.reserveCapacity(capacity)
    ends.reserveCapacity(capacity)
  }

  var count: Int { scalars.count }

  /// Copies scalar `i` of `source` unchanged.
  @inline(__always) mutating func copy(_ i: Int, from source: TextMap) {
    scalars.append(source.scalars[i])
    starts.append(source.starts[i])
    ends.append(source.ends[i])
  }

  /// Copies scalars `range` of `source` unchanged.
  mutating func copy(_ range: Range<Int>, from source: TextMap) {
    scalars.append(contentsOf: source.scalars[range])
    starts.append(contentsOf: source.starts[range])
    ends.append(contentsOf: source.ends[range])
  }

  /// Emits `replacement` for scalars `range` of `source` (non-empty).
  mutating func replace<S: Sequence>(_ range: Range<Int>, of source: TextMap, with replacement: S)
  where S.Element == Unicode.Scalar {
    let start = source.starts[range.lowerBound]
    let end = source.ends[range.upperBound - 1]
    for scalar in replacement {
      scalars.append(scalar)
      starts.append(start)
      ends.append(end)
    }
  }

  /// The alignment of these scalars with `original`, listing only the stretches that changed.
  ///
  /// - Complexity: O(*n* + *m*).
  func alignment(with original: [Unicode.Scalar]) -> Alignment {
    var edits: [Alignment.Edit] = []
    var i = 0
    var p = 0
    let n = scalars.count
    func isIdentity(_ i: Int, at p: Int) -> Bool {
      Int(starts[i]) == p && Int(ends[i]) == p + 1 && scalars[i] == original[p]
    }
    while i < n {
      if isIdentity(i, at: p) {
        i += 1
        p += 1
        continue
      }
      let s = Int(starts[i])
      if s > p && isIdentity(i, at: s) {
        // Scalars p..<s were deleted.
        edits.append(.init(text: Span(start: i, end: i), original: Span(start: p, end: s)))
        p = s
        continue
      }
      var j = i + 1
      var q = max(p, Int(ends[i]))
      while j < n && Int(starts[j]) < q {
        q = max(q, Int(ends[j]))
        j += 1
      }
      edits.append(.init(text: Span(start: i, end: j), original: Span(start: p, end: q)))
      i = j
      p = q
    }
    if p < original.count {
      edits.append(
        .init(text: Span(start: n, end: n), original: Span(start: p, end: original.count)))
    }
    return Alignment(edits: edits)
  }
}
