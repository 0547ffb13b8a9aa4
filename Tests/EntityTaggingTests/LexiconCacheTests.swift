import Foundation
import PrensaCore
import PrensaTestSupport
import Testing
import Tokenization

@testable import EntityTagging

@Suite struct LexiconCacheTests {
  static let key = "test key\nfiles a b c"

  static func bytes(of lexicon: CompiledLexicon) -> [UInt8] {
    var writer = BinaryWriter()
    lexicon.write(to: &writer)
    return writer.bytes
  }

  @Test func theCachedLexiconIsTheCompiledOne() throws {
    let (tokenizer, tagger) = try #require(shipped)
    let folder = try TestSupport.temporaryDirectory().path + "/nested/cache"
    LexiconCache.store(tagger.lexicon, key: Self.key, directory: folder)
    let loaded = try #require(LexiconCache.load(key: Self.key, directory: folder))
    #expect(loaded.entryCount == tagger.lexicon.entryCount)
    #expect(loaded.patternCount == tagger.lexicon.patternCount)
    #expect(Self.bytes(of: loaded) == Self.bytes(of: tagger.lexicon))
    // What is derived on reading, or stored though derived, matches what compiling derives.
    #expect(loaded.givenNames == tagger.lexicon.givenNames)
    #expect(loaded.givenNames.contains("juan"))
    #expect(loaded.fileNames == tagger.lexicon.fileNames)
    #expect(loaded.vocabulary == tagger.lexicon.vocabulary)
    // And it tags the same.
    let text =
      "El presidente ruso, Vladimir Putin, recibió en el Kremlin a Kim Jong Un; Putin y Kim firmaron un pacto con la OTAN de fondo."
    var fromText = Document(id: "a", text: text)
    try tokenizer.process(&fromText)
    var fromCache = fromText
    try tagger.process(&fromText)
    let cachedTagger = EntityTagger(lexicon: loaded, data: tagger.data)
    try cachedTagger.process(&fromCache)
    #expect(fromCache.entities == fromText.entities)
    #expect((fromText.entities ?? []).count >= 5)
  }

  @Test func anotherKeyOrADamagedFileIsIgnored() throws {
    let (_, tagger) = try #require(shipped)
    let folder = try TestSupport.temporaryDirectory().path
    LexiconCache.store(tagger.lexicon, key: Self.key, directory: folder)
    #expect(LexiconCache.load(key: Self.key + " changed", directory: folder) == nil)
    let path = LexiconCache.path(for: Self.key, in: folder)
    var bytes = try readFile(path)
    // One byte changed in the middle.
    bytes[bytes.count / 2] ^= 0x20
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(LexiconCache.load(key: Self.key, directory: folder) == nil)
    // Truncated.
    try Data(bytes.prefix(bytes.count / 3)).write(to: URL(fileURLWithPath: path))
    #expect(LexiconCache.load(key: Self.key, directory: folder) == nil)
    try Data().write(to: URL(fileURLWithPath: path))
    #expect(LexiconCache.load(key: Self.key, directory: folder) == nil)
  }

  @Test func aCorruptBodyIsRejectedEvenWithAValidChecksum() {
    var writer = BinaryWriter()
    writer.int(3)  // three files, but only one follows
    writer.string("a.tsv")
    var reader = BinaryReader(writer.bytes)
    #expect(CompiledLexicon(reading: &reader) == nil)
    var huge = BinaryWriter()
    huge.int(Int.max)
    var hugeReader = BinaryReader(huge.bytes)
    #expect(CompiledLexicon(reading: &hugeReader) == nil)
  }

  @Test(arguments: [-1, 0, 1, 127, 128, 300, -300, 1 << 40, Int.max, Int.min])
  func integersRoundTrip(value: Int) {
    var writer = BinaryWriter()
    writer.int(value)
    var reader = BinaryReader(writer.bytes)
    #expect(reader.int() == value)
    #expect(reader.offset == writer.bytes.count)
  }

  @Test func theFolderComesFromTheEnvironment() {
    #expect(
      LexiconCache.directory(environment: ["PRENSA_CACHE_DIR": "/tmp/x", "HOME": "/home/u"])
        == "/tmp/x")
    #expect(
      LexiconCache.directory(environment: ["PRENSA_CACHE_DIR": "off", "HOME": "/home/u"]) == nil)
    #expect(
      LexiconCache.directory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/home/u"])
        == "/c/prensa")
    #expect(LexiconCache.directory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/prensa")
    #expect(LexiconCache.directory(environment: [:]) == nil)
  }

  @Test func aChangedFileChangesTheKey() throws {
    let folder = try TestSupport.temporaryDirectory().path
    let file = folder + "/extra.tsv"
    try "X:a\tPER\tAna Uno\n".write(toFile: file, atomically: false, encoding: .utf8)
    let before = LexiconCache.key(files: [file], extra: [])
    try "X:a\tPER\tAna Dos\n".write(toFile: file, atomically: false, encoding: .utf8)
    #expect(LexiconCache.key(files: [file], extra: []) != before)
  }
}
