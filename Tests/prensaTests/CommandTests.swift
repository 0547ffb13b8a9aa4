import Foundation
import PrensaTestSupport
import Testing

@testable import prensa

@Suite struct CommandTests {
  @Test func parsesStageOptionsInProcess() throws {
    let command = try Prensa.parseAsRoot([
      "tokenize", "--form", "nfkc", "--fail-fast", "-o", "out.jsonl", "a.jsonl", "b.jsonl",
    ])
    let tokenize = try #require(command as? Prensa.Tokenize)
    #expect(tokenize.normalization.form == .nfkc)
    #expect(tokenize.io.failFast)
    #expect(tokenize.io.output == "out.jsonl")
    #expect(tokenize.io.inputs == ["a.jsonl", "b.jsonl"])
  }

  @Test func rejectsUnknownOptions() {
    #expect(throws: (any Error).self) { try Prensa.parseAsRoot(["normalize", "--shape", "x"]) }
    #expect(throws: (any Error).self) { try Prensa.parseAsRoot(["normalize", "--form", "nfx"]) }
  }

  @Test func everySubcommandIsInTheReadme() throws {
    let readme = try String(
      contentsOf: TestSupport.repositoryRoot().appendingPathComponent("README.md"), encoding: .utf8)
    for command in Prensa.configuration.subcommands {
      let name = command._commandName
      #expect(readme.contains("prensa \(name)"), "README lacks `prensa \(name)`")
    }
  }

  @Test func helpStringsAreSentences() {
    for command in Prensa.configuration.subcommands {
      let abstract = command.configuration.abstract
      #expect(abstract.hasSuffix("."), "\(command._commandName): \(abstract)")
      #expect(abstract.first?.isUppercase == true)
    }
  }
}

/// The built binary, driven as a user would: pipes, exit codes, stderr.
@Suite(.serialized) struct EndToEndTests {
  static let root = TestSupport.repositoryRoot()
  /// The binary under test: `$PRENSA_BINARY` (`make test` sets it to the release build, which is
  /// what users run and thirty times faster on big inputs), else the debug build.
  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["PRENSA_BINARY"], !path.isEmpty {
      return path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
    }
    return root.appendingPathComponent(".build/debug/prensa").path
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  func run(_ shell: String) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-o", "pipefail", "-c", shell]
    process.currentDirectoryURL = Self.root
    var environment = ProcessInfo.processInfo.environment
    environment["P"] = Self.binary
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// The lexicon cache: the second start reads it and tags the same; an edited lexicon is
  /// compiled again, never served stale; `off` writes nothing.
  /// `lexicon cues` lists the words each cue matched in classify's output.
  @Test func lexiconCuesListsTheWordsEachCueMatched() throws {
    let text =
      #"{"id":"a","text":"Se espera que Rusia y China firmen un acuerdo. Ambos firmaron el acuerdo en Pekín."}"#
    let result = try run(
      "echo '\(text)' | $P classify --rules-only | $P lexicon cues --stemmed --forms 3")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("cooperation\tacuerdo\tdiplomatic\t2\tacuerdo:2"), "\(result)")
    // No cue is matched by `espera` any more.
    #expect(!result.stdout.contains("espera"), "\(result)")
    let json = try run(
      "echo '\(text)' | $P classify --rules-only | $P lexicon cues --json --min 2")
    #expect(
      json.stdout.contains(
        #"{"cue":"acuerdo","forms":[["acuerdo",2]],"kind":"cooperation","label":"diplomatic","matches":2}"#
      ), "\(json)")
    let bad = try run("echo '{' | $P lexicon cues")
    #expect(bad.status == 65, "\(bad)")
    #expect(bad.stderr.contains("<stdin>:1:"), "\(bad.stderr)")
  }

  @Test func lexiconCacheIsUsedAndNeverStale() throws {
    let folder = try TestSupport.temporaryDirectory().path
    let lexicon = folder + "/mine.tsv"
    let text = "echo '{\"id\":\"a\",\"text\":\"La empresa Zorvantia firmó con Rusia.\"}'"
    try "ORG:zorvantia\tORG\tZorvantia\n".write(toFile: lexicon, atomically: false, encoding: .utf8)
    let tag =
      "\(text) | PRENSA_CACHE_DIR=\(folder)/cache $P tag --lexicon-only --add-lexicon \(lexicon)"
    let first = try run(tag)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("\"id\":\"ORG:zorvantia\""))
    let cached = try FileManager.default.contentsOfDirectory(atPath: folder + "/cache").filter {
      $0.hasSuffix(".bin")
    }
    #expect(cached.count == 1)
    let second = try run(tag)
    #expect(second.stdout == first.stdout)
    // An edited lexicon changes the key (size, inode and times).
    try "MISC:zorvantia\tMISC\tZorvantia\n".write(
      toFile: lexicon, atomically: true, encoding: .utf8)
    let edited = try run(tag)
    #expect(edited.status == 0, "\(edited.stderr)")
    #expect(edited.stdout.contains("\"label\":\"MISC\""))
    #expect(!edited.stdout.contains("ORG:zorvantia"))
    let off = try run(
      "\(text) | PRENSA_CACHE_DIR=off $P tag --lexicon-only --add-lexicon \(lexicon)")
    #expect(off.stdout == edited.stdout)
    // A cache folder that cannot be made is not an error.
    let unwritable = try run(
      "\(text) | PRENSA_CACHE_DIR=/proc/prensa-cache $P tag --lexicon-only --add-lexicon \(lexicon)"
    )
    #expect(unwritable.status == 0, "\(unwritable.stderr)")
    #expect(unwritable.stdout == edited.stdout)
  }

  @Test func binaryExists() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build")
  }

  @Test func pipesStagesOverTheSeed() throws {
    let piped = try run("$P ingest seeds | $P normalize | $P tokenize")
    #expect(piped.status == 0, "\(piped.stderr)")
    let lines = piped.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let record = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    let stages = (record?["prensa"] as? [String: Any])?["stages"] as? [String]
    #expect(stages == ["normalize", "tokenize"])
    let sentences = record?["sentences"] as? [[String: Any]]
    #expect(sentences?.count == 16)
    // One process running both stages gives the same bytes as the pipe.
    let direct = try run("$P ingest seeds | $P tokenize")
    #expect(direct.stdout == piped.stdout)
  }

  @Test func demoRunsEveryStageOnTheSeed() throws {
    let result = try run("$P run --quiet seeds")
    #expect(result.status == 0, "\(result.stderr)")
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(
      (record["prensa"] as? [String: Any])?["stages"] as? [String] == [
        "normalize", "tokenize", "tag", "classify",
      ])
    let sentences = try #require(record["sentences"] as? [[String: Any]])
    #expect(sentences.count == 16)
    #expect(sentences.allSatisfy { $0["cooperation"] != nil && $0["stance"] != nil })
    let entities = try #require(record["entities"] as? [[String: Any]])
    #expect(
      entities.contains {
        $0["text"] as? String == "Corea del Norte" && $0["label"] as? String == "GPE"
          && $0["refers_to"] as? String == "PRK"
      })
  }

  @Test func badLinesAreReportedCountedAndKept() throws {
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("in.jsonl").path
    let rejects = folder.appendingPathComponent("rejects.jsonl").path
    try
      (#"{"id":"1","text":"Rusia envió armas."}"# + "\nnot json\n" + #"{"id":"3","text":"Moscú."}"#
      + "\n" + #"{"id":4,"text":"x"}"# + "\n")
      .write(toFile: input, atomically: true, encoding: .utf8)
    let result = try run("$P tokenize --rejects \(rejects) \(input)")
    #expect(result.status == 65)
    #expect(result.stdout.split(separator: "\n").count == 2)
    #expect(result.stderr.contains("prensa tokenize: \(input):2: invalid JSON"))
    #expect(
      result.stderr.contains(
        "prensa tokenize: \(input):4: field 'id' must be a string, found number"))
    let kept = try String(contentsOfFile: rejects, encoding: .utf8)
    #expect(kept == "not json\n" + #"{"id":4,"text":"x"}"# + "\n")
  }

  @Test func missingFileExits66() throws {
    let result = try run("$P normalize /nonexistent/articles.jsonl")
    #expect(result.status == 66)
    #expect(
      result.stderr == "prensa normalize: cannot open '/nonexistent/articles.jsonl': no such file\n"
    )
  }

  @Test func usageErrorExits64() throws {
    let result = try run("$P tokenize --no-such-option")
    #expect(result.status == 64)
  }

  @Test func brokenPipeIsQuiet() throws {
    let result = try run(
      "yes '{\"id\":\"a\",\"text\":\"Kim Jong Un visitó Moscú.\"}' | head -n 20000 | $P tokenize | head -n 1 > /dev/null; echo ${PIPESTATUS[2]}"
    )
    #expect(result.stderr.isEmpty)
    #expect(["0", "141"].contains(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  @Test func ingestDetectsEncodingsAndReportsBinaryFiles() throws {
    let folder = try TestSupport.temporaryDirectory()
    try Data([0x4D, 0x6F, 0x73, 0x63, 0xFA, 0x20, 0x79, 0x20, 0x45, 0x73, 0x70, 0x61, 0xF1, 0x61])
      .write(
        to: folder.appendingPathComponent("a-latin1.txt"))
    try Data([0xFF, 0xFE] + Array("Moscú".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
      .write(
        to: folder.appendingPathComponent("b-utf16.txt"))
    try Data([0x00, 0x01, 0x02, 0x00, 0xFF]).write(
      to: folder.appendingPathComponent("c-binary.txt"))
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try "Kim Jong Un llegó.".write(
      to: folder.appendingPathComponent("sub/d.md"), atomically: true, encoding: .utf8)
    let result = try run("$P ingest \(folder.path)")
    #expect(result.status == 65)
    #expect(result.stderr.contains("c-binary.txt: binary file"))
    let records = result.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(records.map { $0["id"] as? String } == ["a-latin1.txt", "b-utf16.txt", "sub/d.md"])
    #expect(
      records.map { $0["text"] as? String } == ["Moscú y España", "Moscú", "Kim Jong Un llegó."])
    #expect((records.first?["source"] as? [String: Any])?["encoding"] as? String == "windows-1252")
  }

  @Test func outputIsDeterministic() throws {
    let first = try run("$P ingest seeds | $P tokenize --form nfkc")
    let second = try run("$P ingest seeds | $P tokenize --form nfkc")
    #expect(first.status == 0)
    #expect(first.stdout == second.stdout)
  }
}

/// Accuracy floors on the in-repository gold (Tests/Gold): a regression guard, well below the
/// current scores, that fails if a change breaks a stage.
@Suite(.serialized) struct GoldAccuracyTests {
  @Test func pipelineStaysAboveItsFloorsOnTheRepositoryGold() throws {
    let result = try EndToEndTests().run(
      "$P classify Tests/Gold/articles.jsonl | $P evaluate --gold Tests/Gold/gold.jsonl --json")
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let entities = (report["entities"] as? [String: Any])?["strict"] as? [String: Any]
    let cooperation = report["cooperation"] as? [String: Any]
    let stance = report["stance"] as? [String: Any]
    #expect((entities?["f1"] as? Double ?? 0) >= 0.90)
    #expect((cooperation?["macro_f1"] as? Double ?? 0) >= 0.62)
    #expect((stance?["macro_f1"] as? Double ?? 0) >= 0.78)
    #expect(report["documents"] as? Int == 43)
  }

  @Test func evaluateAgreesWithItselfOnGold() throws {
    // Gold scored against itself is perfect: the scorer cannot invent errors.
    let result = try EndToEndTests().run(
      "$P evaluate --gold Tests/Gold/gold.jsonl Tests/Gold/gold.jsonl --json")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(
      ((report["entities"] as? [String: Any])?["strict"] as? [String: Any])?["f1"] as? Double == 1.0
    )
    #expect((report["stance"] as? [String: Any])?["accuracy"] as? Double == 1.0)
  }
}

/// `prensa run`: determinism across --jobs, bad files, mirrored outputs, resume after SIGKILL.
@Suite(.serialized) struct RunCommandTests {
  let shell = EndToEndTests()

  /// A folder of `count` articles in two subfolders, made from the seed with small changes.
  func articles(_ count: Int) throws -> URL {
    let folder = try TestSupport.temporaryDirectory()
    let seed = try String(
      contentsOf: TestSupport.repositoryRoot().appendingPathComponent(
        "seeds/000_28bb9f31d94802a2.txt"), encoding: .utf8)
    for i in 0..<count {
      let sub = folder.appendingPathComponent(i % 2 == 0 ? "a" : "b/c")
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      try "Nota \(i).\n\n\(seed)".write(
        to: sub.appendingPathComponent(String(format: "%03d.txt", i)), atomically: true,
        encoding: .utf8)
    }
    return folder
  }

  @Test func outputIsTheSameForAnyNumberOfJobs() throws {
    let folder = try articles(12)
    let one = try shell.run("$P run --quiet --jobs 1 \(folder.path)")
    let two = try shell.run("$P run --quiet --jobs 2 \(folder.path)")
    let four = try shell.run("$P run --quiet --jobs 4 \(folder.path)")
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout.split(separator: "\n").count == 12)
    #expect(one.stdout == two.stdout)
    #expect(one.stdout == four.stdout)
  }

  /// `run` shares each token's word number from tag to classify in the worker's context; the
  /// piped chain computes everything again from JSON. Both must write the same bytes.
  @Test func oneProcessWritesWhatThePipedChainWrites() throws {
    let articles = "Tests/Gold/articles.jsonl"
    let direct = try shell.run("$P run --quiet --jobs 2 \(articles)")
    let piped = try shell.run("$P normalize \(articles) | $P tokenize | $P tag | $P classify")
    #expect(direct.status == 0, "\(direct.stderr)")
    #expect(direct.stdout.split(separator: "\n").count == 43)
    #expect(direct.stdout == piped.stdout)
  }

  /// Issue #15: a record tagged from one text and then given another with as many tokens (same
  /// id) is classified from its own words, through `run` and through the piped stages, exactly
  /// as when it comes alone.
  @Test func aRecordAfterAnotherWithAsManyTokensIsClassifiedFromItsOwnWords() throws {
    let folder = try TestSupport.temporaryDirectory().path
    let old = #"{"id":"x","text":"El precio del cobre subió un 3 % en la jornada."}"#
    let new = #"{"id":"x","text":"Los cancilleres de Turquía e Irán se reunieron ayer en Ankara."}"#
    let tag = try shell.run(
      "printf '%s\\n' '\(old)' '\(new)' | $P tag > \(folder)/tagged.jsonl"
        + " && tail -n 1 \(folder)/tagged.jsonl > \(folder)/alone.jsonl")
    #expect(tag.status == 0, "\(tag.stderr)")
    for command in ["classify", "run --quiet --jobs 1 -", "run --quiet --jobs 2 -"] {
      let both = try shell.run("$P \(command) < \(folder)/tagged.jsonl")
      let alone = try shell.run("$P \(command) < \(folder)/alone.jsonl")
      #expect(both.status == 0, "\(both.stderr)")
      let lines = both.stdout.split(separator: "\n")
      #expect(lines.count == 2)
      let single = alone.stdout.split(separator: "\n").first
      #expect(lines.last.map(String.init) == single.map(String.init))
      #expect(alone.stdout.contains(#""category":"diplomatic""#), "\(command)")
    }
  }

  @Test func shardScriptGivesTheSameBytesAsOneRun() throws {
    let folder = try articles(9)
    let single = try shell.run("$P ingest \(folder.path) | $P run --quiet --jobs 1 -")
    let sharded = try shell.run("PRENSA=$P scripts/shard.sh \(folder.path) 3")
    #expect(sharded.status == 0, "\(sharded.stderr)")
    #expect(single.stdout == sharded.stdout)
  }

  @Test func badFilesAreReportedAndTheRestIsProcessed() throws {
    let folder = try articles(3)
    try Data([0x00, 0x01, 0x02, 0x00, 0xFF, 0x00]).write(
      to: folder.appendingPathComponent("a/001-binary.txt"))
    let result = try shell.run("$P run --jobs 2 \(folder.path)")
    #expect(result.status == 65)
    #expect(result.stderr.contains("001-binary.txt: binary file"))
    #expect(result.stdout.split(separator: "\n").count == 3)
    #expect(result.stderr.contains("3 documents"))
  }

  @Test func outDirMirrorsInputsAndSkipsCurrentOutputs() throws {
    let folder = try articles(4)
    let out = try TestSupport.temporaryDirectory().appendingPathComponent("out")
    let first = try shell.run("$P run --jobs 2 --out-dir \(out.path) \(folder.path)")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a/000.jsonl").path))
    #expect(
      FileManager.default.fileExists(atPath: out.appendingPathComponent("b/c/001.jsonl").path))
    let second = try shell.run("$P run --out-dir \(out.path) \(folder.path)")
    #expect(second.stderr.contains("4 skipped as current"))
    // A changed input is processed again.
    try "Otra nota.".write(
      to: folder.appendingPathComponent("a/000.txt"), atomically: true, encoding: .utf8)
    let third = try shell.run("$P run --out-dir \(out.path) \(folder.path)")
    #expect(third.stderr.contains("3 skipped as current"))
  }

  @Test func resumesAfterSIGKILLWithIdenticalBytes() throws {
    let folder = try articles(400)
    let base = try TestSupport.temporaryDirectory()
    let killed = base.appendingPathComponent("killed")
    let clean = base.appendingPathComponent("clean")
    _ = try shell.run("$P run --quiet --jobs 1 --out-dir \(clean.path) \(folder.path)")
    // Start a run, kill it with SIGKILL once it has written a few outputs, then run again.
    let interrupted = try shell.run(
      """
      $P run --quiet --jobs 1 --out-dir \(killed.path) \(folder.path) & pid=$!
      manifest=\(killed.path)/.prensa-manifest.tsv
      for i in $(seq 1 500); do [ -f $manifest ] && [ $(wc -l < $manifest) -ge 3 ] && break; sleep 0.01; done
      kill -9 $pid; wait $pid; echo "status $?"
      """)
    #expect(
      interrupted.stdout.contains("status 137"),
      "the run finished before it could be killed: \(interrupted.stdout)")
    let rerun = try shell.run("$P run --quiet --jobs 1 --out-dir \(killed.path) \(folder.path)")
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let compare = try shell.run("diff -r \(clean.path) \(killed.path) && echo identical")
    #expect(compare.stdout.contains("identical"), "\(compare.stdout)")
  }
}

/// Whether this machine lets the tests mount a small tmpfs (root, outside a restricted sandbox).
let canMountTmpfs: Bool = {
  guard let folder = try? TestSupport.temporaryDirectory() else { return false }
  let result = try? EndToEndTests().run(
    "mount -t tmpfs -o size=64k tmpfs \(folder.path) && umount \(folder.path) && echo mounted")
  return result?.stdout.contains("mounted") == true
}()

@Suite(.serialized) struct FullDiskTests {
  /// An output folder that fills up: a clear error and exit 74, no truncated output left looking
  /// complete, and a rerun after space is freed completes with the bytes of a clean run.
  @Test(.enabled(if: canMountTmpfs, "needs root and tmpfs to fill a disk"))
  func fullOutputFolderFailsCleanlyAndResumes() throws {
    let shell = EndToEndTests()
    let base = try TestSupport.temporaryDirectory()
    let input = base.appendingPathComponent("in")
    let out = base.appendingPathComponent("out")
    let clean = base.appendingPathComponent("clean")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let seed = try String(
      contentsOf: TestSupport.repositoryRoot().appendingPathComponent(
        "seeds/000_28bb9f31d94802a2.txt"), encoding: .utf8)
    for i in 0..<30 {
      try "Nota \(i).\n\n\(seed)".write(
        to: input.appendingPathComponent(String(format: "%02d.txt", i)), atomically: true,
        encoding: .utf8)
    }
    _ = try shell.run("$P run --quiet --jobs 1 --out-dir \(clean.path) \(input.path)")
    defer { _ = try? shell.run("umount \(out.path)") }
    let full = try shell.run(
      "mount -t tmpfs -o size=300k tmpfs \(out.path) && $P run --quiet --jobs 1 --out-dir \(out.path) \(input.path); echo \"status $?\""
    )
    #expect(full.stdout.contains("status 74"))
    #expect(full.stderr.contains("no space left on device"))
    let leftovers = try shell.run("ls \(out.path) | grep -c partial || true")
    #expect(leftovers.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    let resumed = try shell.run(
      "mount -o remount,size=20m \(out.path) && $P run --quiet --jobs 1 --out-dir \(out.path) \(input.path); echo \"status $?\""
    )
    #expect(resumed.stdout.contains("status 0"))
    let compare = try shell.run("diff -r \(clean.path) \(out.path) && echo identical")
    #expect(compare.stdout.contains("identical"), "\(compare.stdout)")
  }
}
