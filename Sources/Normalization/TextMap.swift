import PrensaCore

/// Text being rewritten, with the original range every scalar came from.
///
/// Each pass reads one `TextMap` and builds the next, so the map back to the input composes for
/// free: an output scalar made from input scalars `i..<j` comes from
/// `span(i).start ..< span(j - 1).end` of the original.
///
/// The map is kept as pieces, not per scalar: most of a text maps one to one onto its original,
/// so a stretch that does is one piece (where it starts here and in the original), and the
/// scalars a replacement made share one piece (the range they all came from). A 10 MB record
/// costs its scalars and a few bytes per change, where two offsets a scalar cost 8 bytes more a
/// scalar (and 16 while a pass builds the next map).
struct TextMap {
  private(set) var scalars: [Unicode.Scalar]
  /// In order of `at`; the first (when there are scalars) at 0. A piece covers the scalars from
  /// its `at` to the next piece's (or the end).
  private(set) var pieces: [Piece]

  /// A stretch of the scalars and where it came from.
  struct Piece: Equatable {
    /// Its first scalar's offset in `scalars`.
    var at: Int
    /// One to one: scalar `at + k` came from `start + k ..< start + k + 1`. A block: every scalar
    /// came from `start ..< end`.
    var start: Int
    var end: Int
    var isBlock: Bool
  }

  /// The identity map over `scalars`.
  init(identity scalars: [Unicode.Scalar]) {
    self.scalars = scalars
    pieces = scalars.isEmpty ? [] : [Piece(at: 0, start: 0, end: 0, isBlock: false)]
  }

  init(capacity: Int) {
    scalars = []
    scalars.reserveCapacity(capacity)
    pieces = []
  }

  var count: Int { scalars.count }

  /// The original range scalar `i` came from.
  func span(_ i: Int) -> (start: Int, end: Int) {
    piece(containing: i).map { Self.span(of: i, in: pieces[$0]) } ?? (i, i + 1)
  }

  @inline(__always) static func span(of i: Int, in piece: Piece) -> (start: Int, end: Int) {
    piece.isBlock
      ? (piece.start, piece.end) : (piece.start + i - piece.at, piece.start + i - piece.at + 1)
  }

  /// The index of the piece that holds scalar `i` (binary search).
  func piece(containing i: Int) -> Int? {
    guard !pieces.isEmpty, i >= 0, i < scalars.count else { return nil }
    var low = 0
    var high = pieces.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if pieces[middle].at <= i { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// Appends the mapping of `length` scalars about to be appended: one to one from `start` on,
  /// or (a block) each from `start..<end`. Extends the last piece when it continues it.
  private mutating func extend(start: Int, end: Int, isBlock: Bool, length: Int) {
    guard length > 0 else { return }
    if let last = pieces.last {
      if !isBlock && !last.isBlock && last.start + (scalars.count - last.at) == start { return }
      if isBlock && last.isBlock && last.start == start && last.end == end { return }
    }
    pieces.append(Piece(at: scalars.count, start: start, end: end, isBlock: isBlock))
  }

  /// Appends `scalar`, made from the original range `start..<end`.
  mutating func append(_ scalar: Unicode.Scalar, from start: Int, to end: Int) {
    extend(start: start, end: end, isBlock: end != start + 1, length: 1)
    scalars.append(scalar)
  }

  /// Copies scalar `i` of `source` unchanged.
  @inline(__always) mutating func copy(_ i: Int, from source: TextMap) {
    copy(i..<(i + 1), from: source)
  }

  /// Copies scalars `range` of `source` unchanged.
  mutating func copy(_ range: Range<Int>, from source: TextMap) {
    guard !range.isEmpty, var p = source.piece(containing: range.lowerBound) else { return }
    var i = range.lowerBound
    while i < range.upperBound {
      let piece = source.pieces[p]
      let pieceEnd = p + 1 < source.pieces.count ? source.pieces[p + 1].at : source.count
      let stretchEnd = min(pieceEnd, range.upperBound)
      if piece.isBlock {
        extend(start: piece.start, end: piece.end, isBlock: true, length: stretchEnd - i)
      } else {
        extend(start: piece.start + i - piece.at, end: 0, isBlock: false, length: stretchEnd - i)
      }
      scalars.append(contentsOf: source.scalars[i..<stretchEnd])
      i = stretchEnd
      p += 1
    }
  }

  /// Emits `replacement` for scalars `range` of `source` (non-empty).
  mutating func replace<S: Sequence>(_ range: Range<Int>, of source: TextMap, with replacement: S)
  where S.Element == Unicode.Scalar {
    let start = source.span(range.lowerBound).start
    let end = source.span(range.upperBound - 1).end
    for scalar in replacement { append(scalar, from: start, to: end) }
  }

  /// Removes the last `k` scalars.
  mutating func removeLast(_ k: Int) {
    scalars.removeLast(k)
    while let last = pieces.last, last.at >= scalars.count { pieces.removeLast() }
  }

  /// Every scalar's original range, in order, at constant cost each.
  struct Spans {
    let map: TextMap
    var piece = 0

    /// The original range of scalar `i`; `i` never decreases between calls.
    mutating func callAsFunction(_ i: Int) -> (start: Int, end: Int) {
      while piece + 1 < map.pieces.count && map.pieces[piece + 1].at <= i { piece += 1 }
      return TextMap.span(of: i, in: map.pieces[piece])
    }
  }

  /// The same scalars, each mapped through `transform` from its original range here to a range
  /// of some earlier text (re-normalizing: this map in the first original's coordinates).
  func composed(_ transform: (Span) -> Span) -> TextMap {
    var result = TextMap(capacity: count)
    var spans = Spans(map: self)
    for i in 0..<count {
      let (start, end) = spans(i)
      let span = transform(Span(start: start, end: end))
      result.append(scalars[i], from: span.start, to: span.end)
    }
    return result
  }

  /// The alignment of these scalars with `original`, listing only the stretches that changed.
  ///
  /// - Complexity: O(*n* + *m*).
  func alignment(with original: [Unicode.Scalar]) -> Alignment {
    var edits: [Alignment.Edit] = []
    var i = 0
    var p = 0
    let n = scalars.count
    var spans = Spans(map: self)
    while i < n {
      let (s, e) = spans(i)
      if s == p && e == p + 1 && scalars[i] == original[p] {
        i += 1
        p += 1
        continue
      }
      if s > p && e == s + 1 && scalars[i] == original[s] {
        // Scalars p..<s were deleted.
        edits.append(.init(text: Span(start: i, end: i), original: Span(start: p, end: s)))
        p = s
        continue
      }
      var j = i + 1
      var q = max(p, e)
      while j < n {
        let (sj, ej) = spans(j)
        guard sj < q else { break }
        q = max(q, ej)
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
