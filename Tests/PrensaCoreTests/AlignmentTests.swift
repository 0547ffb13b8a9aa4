import PrensaCore
import Testing

@Suite struct AlignmentTests {
  // original: "\u{FEFF}Mosc&uacute;  hoy" → text: "Moscú hoy"
  //  - [0,0) ← [0,1)   the BOM, deleted
  //  - [4,5) ← [5,13)  "&uacute;" → "ú"
  //  - [5,6) ← [13,15) two spaces → one
  let alignment = Alignment(edits: [
    .init(text: Span(start: 0, end: 0), original: Span(start: 0, end: 1)),
    .init(text: Span(start: 4, end: 5), original: Span(start: 5, end: 13)),
    .init(text: Span(start: 5, end: 6), original: Span(start: 13, end: 15)),
  ])

  @Test(arguments: [
    (Span(start: 0, end: 5), Span(start: 1, end: 13)),  // "Moscú" without the BOM
    (Span(start: 0, end: 4), Span(start: 1, end: 5)),  // "Mosc"
    (Span(start: 4, end: 5), Span(start: 5, end: 13)),  // "ú"
    (Span(start: 6, end: 9), Span(start: 15, end: 18)),  // "hoy"
    (Span(start: 3, end: 7), Span(start: 4, end: 16)),
    (Span(start: 9, end: 9), Span(start: 18, end: 18)),
  ])
  func mapsSpansBack(text: Span, original: Span) {
    #expect(alignment.originalSpan(of: text) == original)
  }

  @Test func emptyAlignmentIsIdentity() {
    #expect(Alignment().originalSpan(of: Span(start: 3, end: 8)) == Span(start: 3, end: 8))
  }
}

@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func knownVectors(input: String, digest: String) {
    #expect(SHA256.hex(Array(input.utf8)) == digest)
  }

  @Test func incrementalMatchesOneShot() {
    let bytes = Array(String(repeating: "cooperación militar ", count: 1000).utf8)
    var hasher = SHA256()
    hasher.update(bytes[0..<777])
    hasher.update(bytes[777...])
    #expect(hasher.finalizeHex() == SHA256.hex(bytes))
  }
}
