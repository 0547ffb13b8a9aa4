import Foundation
import PrensaTestSupport
import Testing

/// `prensa train classify` and the learned layer through the binary.
extension EndToEndTests {
  @Test func trainsADeterministicModelThatClassifyLoads() throws {
    let folder = try TestSupport.temporaryDirectory().path
    let train = "$P train classify --gold Tests/Gold/gold.jsonl --epochs 4"
    let first = try run("\(train) -o \(folder)/a.model")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("model: \(folder)/a.model"))
    let second = try run("\(train) -o \(folder)/b.model")
    #expect(second.status == 0, "\(second.stderr)")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: "\(folder)/a.model"))
        == Data(contentsOf: URL(fileURLWithPath: "\(folder)/b.model")))

    let classified = try run("$P ingest seeds | $P classify --model \(folder)/a.model")
    #expect(classified.status == 0, "\(classified.stderr)")
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(classified.stdout.utf8)) as? [String: Any])
    let sentences = try #require(record["sentences"] as? [[String: Any]])
    #expect(sentences.count == 16)
    for sentence in sentences {
      let cooperation = try #require(sentence["cooperation"] as? [String: Any])
      let model = try #require(cooperation["model"] as? [String: Any])
      #expect((model["probability"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
      #expect(cooperation["rules"] is String)
    }
    let rulesOnly = try run("$P ingest seeds | $P classify --rules-only")
    #expect(rulesOnly.status == 0)
    #expect(!rulesOnly.stdout.contains("\"model\""))
  }

  @Test func crossValidatesByArticle() throws {
    let result = try run(
      "$P train classify --gold Tests/Gold/gold.jsonl --folds 3 --epochs 3 --json")
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let scores = try #require(report["cross_validation"] as? [String: Any])
    let cooperation = try #require(scores["cooperation"] as? [String: Any])
    let total = try #require(cooperation["total"] as? Int)
    #expect(total == report["sentences"] as? Int)
    #expect(total > 100)
  }

  @Test func badTrainingInputIsLocated() throws {
    let folder = try TestSupport.temporaryDirectory().path
    let gold = folder + "/gold.jsonl"
    let good =
      #"{"id":"a","text":"Rusia y China firmaron un acuerdo.","sentences":[{"start":0,"end":34,"cooperation":{"category":"economic"},"stance":{"label":"neutral"}}]}"#
    try (good + "\n\n{\"id\": \"b\", \"text\": 3}\n").write(
      toFile: gold, atomically: true, encoding: .utf8)
    let malformed = try run("$P train classify --gold \(gold) -o \(folder)/m.model")
    #expect(malformed.status == 65)
    #expect(malformed.stderr.contains("prensa train: \(gold):3:"), "\(malformed.stderr)")

    let spaced = good.replacingOccurrences(of: "\"economic\"", with: "\"two words\"")
    try (spaced + "\n").write(toFile: gold, atomically: true, encoding: .utf8)
    let label = try run("$P train classify --gold \(gold) -o \(folder)/m.model")
    #expect(label.status == 65)
    #expect(
      label.stderr.contains(
        "\(gold):1: sentence 1: cooperation.category must be a one-word string label"),
      "\(label.stderr)")

    let unlabelled = #"{"id":"a","text":"Hola.","sentences":[{"start":0,"end":5}]}"#
    try (unlabelled + "\n").write(toFile: gold, atomically: true, encoding: .utf8)
    let empty = try run("$P train classify --gold \(gold) -o \(folder)/m.model")
    #expect(empty.status == 65)
    #expect(empty.stderr.contains("no labelled sentences"), "\(empty.stderr)")
  }

  /// Options that would train a model of NaN weights (ArgumentParser reads `nan` and `inf` as
  /// numbers) are refused before any training.
  @Test(arguments: ["--l2 nan", "--l2 inf", "--l2=-1", "--balance nan", "--stance-balance inf"])
  func optionsThatAreNotFiniteAreRefused(option: String) throws {
    let folder = try TestSupport.temporaryDirectory().path
    let refused = try run(
      "$P train classify --gold Tests/Gold/gold.jsonl \(option) -o \(folder)/m.model")
    #expect(refused.status == 64, "\(refused.stderr)")
    let name = String(option.split(whereSeparator: { $0 == " " || $0 == "=" })[0])
    #expect(
      refused.stderr.contains("\(name) must be a finite number, 0 or more"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/m.model"))
  }

  @Test func aDamagedModelIsAClearError() throws {
    let folder = try TestSupport.temporaryDirectory().path
    try "prensa-classifier-model 3\nfeatures 2\n\nxx".write(
      toFile: folder + "/bad.model", atomically: true, encoding: .utf8)
    let damaged = try run("$P ingest seeds | $P classify --model \(folder)/bad.model")
    #expect(damaged.status == 66)
    #expect(
      damaged.stderr.contains("prensa classify: \(folder)/bad.model: damaged"), "\(damaged.stderr)")
    let missing = try run("$P ingest seeds | $P classify --model \(folder)/none.model")
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("none.model"))
    // run reads the model on a thread of its own while the lexicons load: the same error.
    let inRun = try run("$P run --model \(folder)/bad.model seeds")
    #expect(inRun.status == 66)
    #expect(inRun.stderr.contains("prensa run: \(folder)/bad.model: damaged"), "\(inRun.stderr)")
    #expect(inRun.stdout.isEmpty)
  }
}

/// Issue #15's stale-text case through the binary: a tagged record whose text, tokens, sentences
/// and entities were replaced by another's (as many tokens) classifies exactly as that other one,
/// through `classify` (piped stages) and through `run`.
extension EndToEndTests {
  @Test func anEditedTaggedRecordClassifiesAsAFreshOne() throws {
    let folder = try TestSupport.temporaryDirectory().path
    let old = #"{"id":"x","text":"El precio del cobre subió un 3 % en la jornada."}"#
    let new = #"{"id":"x","text":"Los cancilleres de Turquía e Irán se reunieron ayer en Ankara."}"#
    try (old + "\n").write(toFile: folder + "/old.jsonl", atomically: true, encoding: .utf8)
    try (new + "\n").write(toFile: folder + "/new.jsonl", atomically: true, encoding: .utf8)
    let tagOld = try run("$P tag \(folder)/old.jsonl")
    let tagNew = try run("$P tag \(folder)/new.jsonl")
    #expect(tagOld.status == 0 && tagNew.status == 0)
    var edited = try #require(
      try JSONSerialization.jsonObject(with: Data(tagOld.stdout.utf8)) as? [String: Any])
    let fresh = try #require(
      try JSONSerialization.jsonObject(with: Data(tagNew.stdout.utf8)) as? [String: Any])
    #expect((edited["tokens"] as? [Any])?.count == (fresh["tokens"] as? [Any])?.count)
    for key in ["text", "tokens", "sentences", "entities"] { edited[key] = fresh[key] }
    try JSONSerialization.data(withJSONObject: edited).write(
      to: URL(fileURLWithPath: folder + "/edited.jsonl"))
    try JSONSerialization.data(withJSONObject: fresh).write(
      to: URL(fileURLWithPath: folder + "/fresh.jsonl"))
    for command in ["classify", "run --quiet"] {
      let a = try run("$P \(command) \(folder)/edited.jsonl")
      let b = try run("$P \(command) \(folder)/fresh.jsonl")
      #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
      #expect(!a.stdout.isEmpty)
      #expect(a.stdout == b.stdout, "\(command)")
      #expect(a.stdout.contains(#""category":"diplomatic""#), "\(command): \(a.stdout.prefix(300))")
    }
  }
}
