/// The map from a normalized `text` back to the `original` it was made from.
///
/// It lists only the stretches that changed, each as `[textStart, textEnd, originalStart,
/// originalEnd]`, sorted; between two stretches the texts agree character for character. A stretch
/// may be empty on either side (a deleted BOM is `[k, k, j, j+1]`).
public struct Alignment: Equatable, Sendable, JSONWritable {
  /// One changed stretch.
  public struct Edit: Equatable, Sendable {
    public var text: Span
    public var original: Span

    public init(text: Span, original: Span) {
      self.text = text
      self.original = original
    }
  }

  public var edits: [Edit]

  public init(edits: [Edit] = []) { self.edits = edits }

  /// Maps `[start, end)` of `text` to the smallest span of `original` that produced it.
  ///
  /// A span that starts or ends inside a changed stretch is widened to the whole stretch, so the
  /// result is exact at every edit boundary.
  /// - Complexity: O(log *e*) in the number of edits.
  public func originalSpan(of span: Span) -> Span {
    let start = originalStart(of: span.start)
    guard !span.isEmpty else { return Span(start: start, end: start) }
    return Span(start: start, end: max(start, originalEnd(of: span.end)))
  }

  /// Where the character at `offset` of `text` comes from: the start of its edit, or `offset`
  /// shifted by the edits before it.
  public func originalStart(of offset: Int) -> Int {
    guard let i = lastEdit(startingAtOrBefore: offset) else { return offset }
    let edit = edits[i]
    return offset < edit.text.end
      ? edit.original.start : edit.original.end + (offset - edit.text.end)
  }

  /// Where a span of `text` that ends at `offset` (exclusive) ends in `original`.
  public func originalEnd(of offset: Int) -> Int {
    guard offset > 0, let i = lastEdit(startingAtOrBefore: offset - 1) else { return offset }
    let edit = edits[i]
    return offset - 1 < edit.text.end
      ? edit.original.end : edit.original.end + (offset - edit.text.end)
  }

  /// The last edit whose text start is at or before `offset`, if any.
  private func lastEdit(startingAtOrBefore offset: Int) -> Int? {
    var low = 0
    var high = edits.count
    while low < high {
      let mid = (low + high) / 2
      if edits[mid].text.start <= offset { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? nil : low - 1
  }

  public func write(to writer: inout JSONWriter) {
    writer.raw(UInt8(ascii: "["))
    for (i, edit) in edits.enumerated() {
      if i > 0 { writer.raw(UInt8(ascii: ",")) }
      writer.raw(UInt8(ascii: "["))
      writer.int(edit.text.start)
      writer.raw(UInt8(ascii: ","))
      writer.int(edit.text.end)
      writer.raw(UInt8(ascii: ","))
      writer.int(edit.original.start)
      writer.raw(UInt8(ascii: ","))
      writer.int(edit.original.end)
      writer.raw(UInt8(ascii: "]"))
    }
    writer.raw(UInt8(ascii: "]"))
  }

  /// Reads the JSON form, `[[textStart, textEnd, originalStart, originalEnd], ...]`.
  public init?(json: JSONValue, textLength: Int, originalLength: Int) {
    guard let rows = json.arrayValue else { return nil }
    var edits: [Edit] = []
    edits.reserveCapacity(rows.count)
    var lastText = 0
    var lastOriginal = 0
    for row in rows {
      guard let cells = row.arrayValue, cells.count == 4 else { return nil }
      let values = cells.compactMap(\.intValue)
      guard values.count == 4, values[0] >= lastText, values[0] <= values[1],
        values[1] <= textLength,
        values[2] >= lastOriginal, values[2] <= values[3], values[3] <= originalLength
      else { return nil }
      lastText = values[1]
      lastOriginal = values[3]
      edits.append(
        Edit(
          text: Span(start: values[0], end: values[1]),
          original: Span(start: values[2], end: values[3])))
    }
    self.edits = edits
  }
}
