import Testing

@testable import EntityTagging

/// A record of a whole book has millions of units: each stays 32 bytes with its word's facts
/// copied in (docs/scaling.md counts on it for the memory of one huge record).
@Suite struct UnitLayoutTests {
  @Test func unitIsThirtyTwoBytes() {
    #expect(MemoryLayout<EntityTagger.Unit>.stride == 32)
    #expect(MemoryLayout<EntityTagger.UnitWord.Hot>.stride == 8)
  }
}
