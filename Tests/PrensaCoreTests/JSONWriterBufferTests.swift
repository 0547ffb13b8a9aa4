import PrensaCore
import Testing

/// The writer gathers short writes in a fixed buffer and moves them into its array a few hundred
/// bytes at a time; whatever the mix and length of writes, and however `bytes` and `count` are
/// read or changed in between, the bytes must be exactly those written, in order.
@Suite struct JSONWriterBufferTests {
  /// A small deterministic generator (xorshift), so a failure repeats.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
  }

  static let words = [
    "Rusia", "y", "Corea del Norte", "firmaron", "un pacto", "de defensa mutua", "«Sí»",
    "\"comillas\"", "barra \\ inversa", "tab\t", "€", "España",
  ]

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func randomWritesKeepEveryByteInOrder(seed: UInt64) {
    var random = Generator(state: 0x9E37_79B9_7F4A_7C15 &* seed)
    var writer = JSONWriter(capacity: 16)
    var expected: [UInt8] = []
    for _ in 0..<3_000 {
      switch random.next() % 9 {
      case 0:
        let byte = UInt8(truncatingIfNeeded: random.next() % 94 + 32)
        writer.raw(byte)
        expected.append(byte)
      case 1:
        writer.raw(",\"kind\":\"")
        expected += Array(",\"kind\":\"".utf8)
      case 2:
        let word = Self.words[Int(random.next() % UInt64(Self.words.count))]
        var reference = JSONWriter()
        reference.value(JSONValue.string(word))
        writer.string(word)
        expected += reference.bytes
      case 3:
        let n = Int(random.next() % 2_000)
        writer.int(n)
        expected += Array(String(n).utf8)
      case 4:
        // Longer than the fixed buffer, or close to it.
        let run = [UInt8](repeating: UInt8(ascii: "x"), count: Int(random.next() % 1_200))
        writer.append(run)
        expected += run
      case 5:
        let start = Int(random.next() % 100_000)
        writer.compose(capacity: 96) { composer in
          composer.raw("{\"end\":")
          composer.int(start + 3)
          composer.raw(",\"start\":")
          composer.int(start)
          composer.raw(UInt8(ascii: "}"))
        }
        expected += Array("{\"end\":\(start + 3),\"start\":\(start)}".utf8)
      case 6:
        #expect(writer.count == expected.count)
      case 7:
        // Reading the array moves the pending bytes into it; writing goes on after them.
        #expect(writer.bytes == expected)
      default:
        if random.next() % 8 == 0 {
          writer.removeAll()
          expected.removeAll()
        } else {
          writer.bytes.append(contentsOf: [0x0A])
          expected.append(0x0A)
        }
      }
    }
    #expect(writer.count == expected.count)
    #expect(writer.bytes == expected)
  }

  @Test func settingTheBytesDropsWhatWasPending() {
    var writer = JSONWriter()
    writer.raw("{\"a\":")
    writer.bytes = Array("[1]".utf8)
    writer.raw(UInt8(ascii: ","))
    #expect(String(decoding: writer.bytes, as: UTF8.self) == "[1],")
    #expect(writer.count == 4)
  }
}
