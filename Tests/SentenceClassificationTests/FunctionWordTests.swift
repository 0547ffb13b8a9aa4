import EntityTagging
import Foundation
import PrensaCore
import PrensaTestSupport
import SentenceClassification
import Testing

/// The function words the tagger's and the classifier's rules ask about are data
/// (`es/tagger-words.tsv`, `es/cues/rule-words.tsv`): read by role, and a bad line is a located
/// error.
@Suite struct FunctionWordTests {
  /// A copy of the shipped word lists (not the entity lexicons or the model), with `edit`
  /// applied to one file.
  func dataFolder(editing file: String, _ edit: (String) -> String) throws -> LexiconDirectory {
    let folder = try TestSupport.temporaryDirectory()
    let source = TestSupport.repositoryRoot().appendingPathComponent("Lexicons/es")
    let target = folder.appendingPathComponent("es")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
    where name != "entities" && name != "models" {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
    }
    let path = target.appendingPathComponent(file).path
    try edit(try String(contentsOfFile: path, encoding: .utf8)).write(
      toFile: path, atomically: true, encoding: .utf8)
    return LexiconDirectory(path: folder.path)
  }

  /// The number of the last line of `file` (under `es/`) in `directory`: the line an edit added.
  func lastLine(of file: String, in directory: LexiconDirectory) throws -> Int {
    try String(contentsOfFile: directory.path + "/es/" + file, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).count - 1
  }

  @Test func theTaggersWordsAreReadByRole() throws {
    let data = try TaggerData.load(from: TestSupport.lexicons)
    #expect(data.articles == ["el", "la", "los", "las"])
    #expect(data.of == ["de"])
    #expect(data.ofThe == ["del"])
    #expect(data.masculineArticles == ["el", "del", "al"])
    #expect(data.languageMarkers.contains("idioma"))
  }

  @Test func anUnknownRoleIsALocatedError() throws {
    let directory = try dataFolder(editing: "tagger-words.tsv") { $0 + "preposition\tsobre\n" }
    let lines = try lastLine(of: "tagger-words.tsv", in: directory)
    do {
      _ = try TaggerData.load(from: directory)
      Issue.record("a line with an unknown role was accepted")
    } catch {
      #expect(error.description.contains("es/tagger-words.tsv:\(lines): expected role<TAB>word"))
    }
  }

  /// `Double` reads `nan` and `inf`: a cue's weight must be a finite number.
  @Test(arguments: ["nan", "inf", "-infinity"])
  func aWeightThatIsNotFiniteIsALocatedError(weight: String) throws {
    let directory = try dataFolder(editing: "cues/cooperation.tsv") {
      $0 + "ayuda humanitaria\tdiplomatic\t\(weight)\n"
    }
    let lines = try lastLine(of: "cues/cooperation.tsv", in: directory)
    do {
      _ = try CueLexicon.load(from: directory)
      Issue.record("a cue weighted \(weight) was accepted")
    } catch {
      #expect(error.description.contains("cues/cooperation.tsv:\(lines): expected cue<TAB>label"))
      #expect(error.description.contains("a finite weight"))
    }
  }

  @Test func aWordWithTwoMarkerRolesIsALocatedError() throws {
    let directory = try dataFolder(editing: "cues/rule-words.tsv") { $0 + "against\tpor\n" }
    do {
      _ = try CueLexicon.load(from: directory)
      Issue.record("a word with two marker roles was accepted")
    } catch {
      #expect(error.description.contains("rule-words.tsv:"))
      #expect(error.description.contains("'por' already has the role per"))
    }
  }
}
