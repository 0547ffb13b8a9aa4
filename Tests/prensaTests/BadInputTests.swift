import Foundation
import PrensaTestSupport
import Testing

/// The bad-input matrix, on the built binary: every case through every record-processing
/// subcommand. None may crash (exit by signal) or lose a line: records out + lines rejected =
/// non-blank lines in, and the exit status is 0 or 65.
@Suite(.serialized) struct BadInputTests {
  let shell = EndToEndTests()

  static let good = #"{"id":"ok","text":"Rusia y Corea del Norte firmaron un pacto de defensa."}"#

  static let cases: [(String, [UInt8])] = [
    (
      "malformed JSON among good lines",
      Array((good + "\n{\"id\":\n" + good + "\nnot json at all\n").utf8)
    ),
    (
      "invalid UTF-8 bytes",
      Array(#"{"id":"u","text":"Mosc"#.utf8) + [0xFF, 0xC3] + Array("\"}\n".utf8)
        + Array((good + "\n").utf8)
    ),
    (
      "Latin-1 JSONL",
      Array(#"{"id":"l","text":"Mosc"#.utf8) + [0xFA, 0x20, 0xF1] + Array("\"}\n".utf8)
    ),
    (
      "UTF-16 JSONL",
      [0xFF, 0xFE]
        + Array((good + "\n" + good + "\n").utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    ),
    (
      "NUL bytes",
      Array(#"{"id":"n","text":"a"#.utf8) + [0x00] + Array("b\"}\n".utf8) + [0x00, 0x00, 0x0A]
    ),
    ("empty file", []),
    (
      "empty text",
      Array((#"{"id":"e","text":""}"# + "\n" + #"{"id":"w","text":"   \n  "}"# + "\n").utf8)
    ),
    (
      "nested 100,000 levels",
      Array(
        (#"{"id":"d","text":"x","meta":"# + String(repeating: "[", count: 100_000)
          + String(repeating: "]", count: 100_000) + "}\n" + good
          + "\n").utf8)
    ),
    (
      "non-string id and duplicate keys",
      Array(
        (#"{"id":5,"text":"x"}"# + "\n" + #"{"id":"a","id":"b","text":"x"}"# + "\n" + good + "\n")
          .utf8)
    ),
    (
      "offsets past the end",
      Array(
        (#"{"id":"o","text":"Hola","tokens":[{"start":0,"end":99}],"prensa":{"stages":["normalize","tokenize"]}}"#
          + "\n").utf8)
    ),
    (
      "inconsistent earlier fields",
      Array(
        (#"{"id":"i","text":"Hola mundo","sentences":[{"start":0,"end":6},{"start":3,"end":10}],"prensa":{"stages":["normalize","tokenize"]}}"#
          + "\n" + #"{"id":"t","text":"Hola","entities":[{"start":3,"end":1,"label":"PER"}]}"#
          + "\n").utf8)
    ),
    (
      "a 2 MB line",
      Array(
        (#"{"id":"big","text":""# + String(repeating: "Kim Jong Un visitó Moscú. ", count: 80_000)
          + "\"}\n").utf8)
    ),
  ]

  static let commands = ["normalize", "tokenize", "classify", "run --jobs 2"]

  @Test(arguments: BadInputTests.cases.indices)
  func noCrashNoLostLine(index: Int) throws {
    let (name, bytes) = Self.cases[index]
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("input.jsonl")
    try Data(bytes).write(to: input)
    let linesIn = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
      .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }.count
    for command in Self.commands {
      let rejects = folder.appendingPathComponent("rejects-\(command.prefix(3)).jsonl")
      let output = folder.appendingPathComponent("out-\(command.prefix(3)).jsonl")
      let result = try shell.run(
        "$P \(command) --rejects \(rejects.path) \(input.path) > \(output.path); echo \"status $?\""
      )
      let status = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(
        status == "status 0" || status == "status 65",
        "\(name) / \(command): \(status) \(result.stderr.prefix(300))")
      let out =
        (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n").count ?? 0
      let rejected = ((try? Data(contentsOf: rejects)) ?? Data()).split(separator: 0x0A).count
      #expect(
        out + rejected == linesIn,
        "\(name) / \(command): \(out) out + \(rejected) rejected ≠ \(linesIn) in")
      if status == "status 65" {
        #expect(
          result.stderr.contains("input.jsonl:"),
          "\(name) / \(command): the error is not located: \(result.stderr.prefix(200))")
      }
    }
  }

  @Test func aFiftyMegabyteLineStaysInBoundedMemory() throws {
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("big.jsonl")
    let text = String(
      repeating: "La cooperación ruso-norcoreana inquieta a Japón. ", count: 1_000_000)
    try Data((#"{"id":"big","text":""# + text + "\"}\n").utf8).write(to: input)
    let result = try shell.run("/usr/bin/time -f 'rss %M' $P normalize \(input.path) | wc -l")
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    let rss =
      result.stderr.split(separator: "\n").last { $0.hasPrefix("rss ") }.flatMap {
        Int($0.dropFirst(4))
      } ?? Int.max
    // 50 MB in: the line, its scalars, the maps and the output, a small multiple of the input
    // (685 MB measured: the maps keep changed stretches only; two offsets a scalar took 1.4 GB).
    #expect(rss < 1_000_000, "peak RSS \(rss) KB")
  }

  /// Issue #19: one large record through every stage in one process (`prensa classify`) is
  /// written as it is made, not held whole as JSON (17 bytes a byte of text), and read back by
  /// the next stage in a pipe (a line of tens of MB) in linear time.
  @Test func aLargeRecordIsWrittenAsItIsMadeAndReadBack() throws {
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("large.jsonl")
    let paragraph =
      "Los ministros de Defensa de Japón y Filipinas firmaron en Manila un acuerdo de acceso "
      + "recíproco. Rusia y Corea del Norte negociaron el envío de misiles, según Seúl.\\n\\n"
    let text = String(repeating: paragraph, count: 24_000)
    try Data((#"{"id":"large","text":""# + text + "\"}\n").utf8).write(to: input)
    let megabytes = Double(text.utf8.count) / 1e6
    let result = try shell.run(
      "/usr/bin/time -f 'rss %M' $P classify \(input.path) 2> \(folder.path)/rss"
        + " | tee \(folder.path)/out.jsonl | $P normalize --fields id | wc -l;"
        + " grep '^rss ' \(folder.path)/rss >&2")
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(result)")
    let rss =
      result.stderr.split(separator: "\n").last { $0.hasPrefix("rss ") }.flatMap {
        Int($0.dropFirst(4))
      } ?? Int.max
    // About 45 bytes a byte of text at this size today (250 MB; the scalars, tokens, analyses and
    // the sentences' labels as JSON text). Holding the output whole added 30 more, 72-byte tagger
    // units and 40-byte tokens 10 more, the labels as objects and the tokens' spare room 20 more.
    #expect(Double(rss) < (64 + 55 * megabytes) * 1000, "peak RSS \(rss) KB for \(megabytes) MB")
    let output = try Data(contentsOf: folder.appendingPathComponent("out.jsonl"))
    #expect(output.count > 15 * text.utf8.count)
  }

  @Test func aFullOutputDiskIsAClearError() throws {
    let result = try shell.run("echo '\(Self.good)' | $P tokenize -o /dev/full; echo \"status $?\"")
    #expect(result.stdout.contains("status 74"))
    #expect(result.stderr.contains("cannot write '/dev/full': no space left on device"))
  }
}
