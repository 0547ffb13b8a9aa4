import Batch
import PrensaCore
import Testing

@Suite struct OutputPathTests {
  @Test(arguments: [
    ("a/b.txt", "a/b.jsonl"), ("x.jsonl", "x.jsonl"),
    ("notas/2024.05/x.md", "notas/2024.05/x.jsonl"),
    ("sin-extension", "sin-extension.jsonl"),
  ])
  func mirrorsTheInputPath(input: String, output: String) throws {
    #expect(try OutputDirectory.outputPath(for: input) == output)
  }

  @Test(arguments: ["../fuera.txt", "a/../../b.txt", "/etc/passwd", "", "./a.txt"])
  func refusesPathsThatLeaveTheFolder(input: String) {
    #expect(throws: PipelineError.self) { try OutputDirectory.outputPath(for: input) }
  }
}
