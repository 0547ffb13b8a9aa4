import Foundation
import PrensaCore
import PrensaTestSupport
import Testing

@Suite struct StreamTests {
  /// Writes `content` to a temporary file and streams it through an empty pipeline.
  func stream(_ content: [UInt8], failFast: Bool = false) throws -> (
    output: String, rejects: String, messages: [String], report: RecordStream.Report
  ) {
    let folder = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.jsonl")
    try Data(content).write(to: input)
    let outputPath = folder.appendingPathComponent("out.jsonl").path
    let rejectsPath = folder.appendingPathComponent("rejects.jsonl").path
    let sink = try OutputSink(path: outputPath)
    let rejects = try OutputSink(path: rejectsPath)
    // The stream calls its diagnostics on this thread only, synchronously.
    nonisolated(unsafe) var messages: [String] = []
    var stream = RecordStream(pipeline: Pipeline([]), commandName: "test") { messages.append($0) }
    stream.failFast = failFast
    var report = RecordStream.Report()
    let descriptor = try InputSource(path: input.path).open()
    stream.run(
      descriptor: descriptor, name: "in.jsonl", output: sink, rejects: rejects, report: &report)
    close(descriptor)
    sink.close()
    rejects.close()
    return (
      try String(contentsOfFile: outputPath, encoding: .utf8),
      try String(contentsOfFile: rejectsPath, encoding: .utf8), messages, report
    )
  }

  @Test func goesOnPastBadLinesAndLosesNothing() throws {
    let lines = [
      #"{"id":"1","text":"Rusia y Corea del Norte."}"#, "{not json", #"{"id":"2"}"#,
      #"{"id":"3","text":"Moscú"}"#, "",
    ]
    let result = try stream(Array(lines.joined(separator: "\n").utf8))
    #expect(result.report.records == 2)
    #expect(result.report.rejected == 2)
    #expect(result.rejects == "{not json\n" + #"{"id":"2"}"# + "\n")
    #expect(
      result.messages == [
        "prensa test: in.jsonl:2: invalid JSON: expected a key in quotes at byte 2",
        "prensa test: in.jsonl:3: missing field 'text'",
      ])
    #expect(result.output.split(separator: "\n").count == 2)
  }

  @Test func failFastStopsAtTheFirstBadLine() throws {
    let lines = [#"{"id":"1","text":"a"}"#, "oops", #"{"id":"3","text":"c"}"#]
    let result = try stream(Array(lines.joined(separator: "\n").utf8), failFast: true)
    #expect(result.report.records == 1)
    #expect(result.report.rejected == 1)
    #expect(result.report.stoppedEarly)
  }

  @Test func handlesCRLFAndAMissingFinalNewline() throws {
    let content = #"{"id":"1","text":"a"}"# + "\r\n" + #"{"id":"2","text":"b"}"#
    let result = try stream(Array(content.utf8))
    #expect(result.report.records == 2)
    #expect(result.report.rejected == 0)
  }

  @Test func readsLinesLongerThanTheBuffer() throws {
    let text = String(repeating: "Kim Jong Un visitó Moscú. ", count: 100_000)
    let result = try stream(Array((#"{"id":"big","text":"\#(text)"}"# + "\n").utf8))
    #expect(result.report.records == 1)
    #expect(result.output.utf8.count > text.utf8.count)
  }

  @Test func warnsAboutRepairedUTF8() throws {
    let content = Array(#"{"id":"1","text":"Mosc"#.utf8) + [0xFA] + Array(#""}"#.utf8)
    let result = try stream(content)
    #expect(result.report.records == 1)
    #expect(result.output.contains("Mosc\u{FFFD}"))
    #expect(result.output.contains(#""warnings":["invalid UTF-8"#))
  }

  @Test func missingFileIsNamed() {
    #expect(throws: PipelineError.cannotOpen(path: "/nonexistent/x.jsonl", reason: "no such file"))
    {
      _ = try InputSource(path: "/nonexistent/x.jsonl").open()
    }
  }
}

/// `RecordFile` reads finished records for evaluate, report, show, review, export and train with
/// the same loop as the stages (`LineReader.forEachRecordLine`): blank lines are no records.
@Suite struct RecordFileTests {
  func file(_ content: String) throws -> String {
    let folder = try TestSupport.temporaryDirectory()
    let path = folder.appendingPathComponent("records.jsonl").path
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func skipsBlankLinesAndKeepsLineNumbers() throws {
    let path = try file(
      #"{"id":"a","text":"Rusia"}"# + "\n\n  \t\n" + #"{"id":"b","text":"China"}"# + "\r\n")
    let records = try RecordFile.read(path)
    #expect(records.map(\.document.id) == ["a", "b"])
    #expect(records.map(\.line) == [1, 4])
  }

  @Test func aBadLineStopsWithItsLocation() throws {
    let path = try file(#"{"id":"a","text":"Rusia"}"# + "\n" + "{oops\n")
    do {
      _ = try RecordFile.read(path)
      Issue.record("a bad line was accepted")
    } catch {
      guard case .badLine(let failure) = error else {
        Issue.record("expected a bad line, got \(error)")
        return
      }
      #expect(failure.location == SourceLocation(file: path, line: 2))
    }
  }

  @Test func aMissingFileCannotBeOpened() {
    do {
      _ = try RecordFile.read("/nonexistent/records.jsonl")
      Issue.record("a missing file was read")
    } catch {
      guard case .cannotOpen = error else {
        Issue.record("expected cannotOpen, got \(error)")
        return
      }
      #expect(error.description.contains("no such file"))
    }
  }
}
