import PrensaCore
import Testing

@testable import Normalization

/// The normalizer's map back to the input keeps pieces, not two offsets a scalar (issue #19):
/// every operation must give each scalar the original range a dense map would.
@Suite struct TextMapTests {
  /// The map it replaced: one (start, end) a scalar.
  struct DenseMap {
    var scalars: [Unicode.Scalar] = []
    var spans: [(Int, Int)] = []

    init(identity scalars: [Unicode.Scalar]) {
      self.scalars = scalars
      spans = scalars.indices.map { ($0, $0 + 1) }
    }

    init() {}

    mutating func copy(_ range: Range<Int>, from source: DenseMap) {
      scalars += source.scalars[range]
      spans += source.spans[range]
    }

    mutating func replace(_ range: Range<Int>, of source: DenseMap, with new: [Unicode.Scalar]) {
      let span = (source.spans[range.lowerBound].0, source.spans[range.upperBound - 1].1)
      for scalar in new {
        scalars.append(scalar)
        spans.append(span)
      }
    }
  }

  /// Random passes of copies, one-to-one and longer or shorter replacements, deletions and
  /// dropped tails, over a real sentence, each read back scalar by scalar.
  @Test(arguments: 1...40)
  func piecesGiveEveryScalarItsOriginalRange(seed: Int) {
    var random = SeededRandom(seed: UInt64(seed))
    let text = Array(
      "Rusia y Corea del Norte firmaron en Pyongyang un acuerdo de defensa mutua, según Seúl."
        .unicodeScalars)
    var compact = TextMap(identity: text)
    var dense = DenseMap(identity: text)
    for _ in 0..<4 {
      var nextCompact = TextMap(capacity: compact.count)
      var nextDense = DenseMap()
      var i = 0
      while i < compact.count {
        let length = min(compact.count - i, 1 + Int(random.next() % 6))
        let range = i..<(i + length)
        switch random.next() % 5 {
        case 0, 1:
          nextCompact.copy(range, from: compact)
          nextDense.copy(range, from: dense)
        case 2:
          // One scalar for one: a map still one to one.
          for k in range {
            nextCompact.replace(k..<(k + 1), of: compact, with: ["x"])
            nextDense.replace(k..<(k + 1), of: dense, with: ["x"])
          }
        case 3:
          let new = Array(repeating: Unicode.Scalar("y"), count: Int(random.next() % 3))
          if new.isEmpty {
            // A deletion emits nothing.
          } else {
            nextCompact.replace(range, of: compact, with: new)
            nextDense.replace(range, of: dense, with: new)
          }
        default:
          nextCompact.copy(range, from: compact)
          nextDense.copy(range, from: dense)
          let drop = min(nextDense.scalars.count, Int(random.next() % 3))
          nextCompact.removeLast(drop)
          nextDense.scalars.removeLast(drop)
          nextDense.spans.removeLast(drop)
        }
        i += length
      }
      compact = nextCompact
      dense = nextDense
      #expect(compact.scalars == dense.scalars)
      for k in 0..<compact.count {
        let span = compact.span(k)
        #expect(span.start == dense.spans[k].0 && span.end == dense.spans[k].1, "scalar \(k)")
      }
    }
  }

  /// A long text with a few changes costs a few pieces, not a pair of offsets a scalar.
  @Test func aLongTextWithFewChangesKeepsFewPieces() {
    let line = "La cooperación ruso-norcoreana inquieta a Japón.  "
    let text = Array(String(repeating: line, count: 2_000).unicodeScalars)
    let identity = TextMap(identity: text)
    var out = TextMap(capacity: text.count)
    // Every double space becomes one: one deletion a line.
    var i = 0
    while i < text.count {
      if text[i] == " " && i + 1 < text.count && text[i + 1] == " " {
        out.copy(i..<(i + 1), from: identity)
        i += 2
      } else {
        var j = i
        while j < text.count && !(text[j] == " " && j + 1 < text.count && text[j + 1] == " ") {
          j += 1
        }
        out.copy(i..<j, from: identity)
        i = j
      }
    }
    #expect(out.count == text.count - 2_000)
    #expect(out.pieces.count == 2_000)
    let alignment = out.alignment(with: text)
    #expect(alignment.edits.count == 2_000)
  }
}
