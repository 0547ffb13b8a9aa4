import Foundation
import PrensaCore
import PrensaTestSupport
import Testing

/// Data files (word lists, cue lists) are read line by line: comments and blank lines dropped,
/// the text trimmed, each line numbered as an editor counts it, whatever the line endings.
@Suite struct DataFileLinesTests {
  func lines(of content: String) throws -> [(text: String, line: Int)] {
    let folder = try TestSupport.temporaryDirectory()
    try content.write(
      to: folder.appendingPathComponent("list.txt"), atomically: true, encoding: .utf8)
    return try LexiconDirectory(path: folder.path).lines("list.txt")
  }

  @Test func commentsAndBlankLinesAreDroppedAndLinesKeepTheirNumbers() throws {
    let read = try lines(
      of: "# países\n\nEspaña\t# reino\n  Corea del Norte  \n#\nMéxico\n\t\n")
    #expect(read.map(\.text) == ["España", "Corea del Norte", "México"])
    #expect(read.map(\.line) == [3, 4, 6])
  }

  @Test func windowsLineEndingsSplitLikeUnixOnes() throws {
    let unix = try lines(of: "acuerdo\ntratado # uno\n\nalianza")
    let windows = try lines(of: "acuerdo\r\ntratado # uno\r\n\r\nalianza")
    #expect(windows.map(\.text) == ["acuerdo", "tratado", "alianza"])
    #expect(windows.map(\.text) == unix.map(\.text))
    #expect(windows.map(\.line) == [1, 2, 4])
  }

  @Test func aFileWithoutUsefulLinesGivesNone() throws {
    #expect(try lines(of: "").isEmpty)
    #expect(try lines(of: "# nada\n   \n").isEmpty)
  }
}
