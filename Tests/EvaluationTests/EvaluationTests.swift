import Evaluation
import Foundation
import PrensaCore
import Testing

@Suite struct PRFScoreTests {
  @Test func scoresFromCounts() {
    let score = PRFScore(tp: 3, fp: 1, fn: 2)
    #expect(score.precision == 0.75)
    #expect(score.recall == 0.6)
    #expect(abs(score.f1 - 6.0 / 9.0) < 1e-12)
  }

  @Test(arguments: [PRFScore(), PRFScore(tp: 0, fp: 4, fn: 0), PRFScore(tp: 0, fp: 0, fn: 3)])
  func zeroDenominatorsGiveZero(score: PRFScore) {
    #expect(score.precision == 0)
    #expect(score.recall == 0)
    #expect(score.f1 == 0)
  }

  @Test func microAveragingAddsCounts() {
    #expect(
      PRFScore(tp: 1, fp: 2, fn: 3) + PRFScore(tp: 4, fp: 0, fn: 1) == PRFScore(tp: 5, fp: 2, fn: 4)
    )
  }
}

@Suite struct SpanScorerTests {
  let gold = [
    ScoredSpan(start: 0, end: 5, label: "GPE"), ScoredSpan(start: 8, end: 20, label: "PER"),
    ScoredSpan(start: 30, end: 33, label: "ORG"),
  ]

  @Test func strictPartialAndUnlabelled() {
    let predicted = [
      ScoredSpan(start: 0, end: 5, label: "GPE"),  // exact
      ScoredSpan(start: 8, end: 14, label: "PER"),  // overlaps, same label
      ScoredSpan(start: 30, end: 33, label: "MISC"),  // same span, wrong label
      ScoredSpan(start: 40, end: 44, label: "LOC"),  // spurious
    ]
    let scores = SpanScorer.score(gold: gold, predicted: predicted)
    #expect(scores.strict == PRFScore(tp: 1, fp: 3, fn: 2))
    #expect(scores.partial == PRFScore(tp: 2, fp: 2, fn: 1))
    #expect(scores.unlabelled == PRFScore(tp: 2, fp: 2, fn: 1))
    #expect(scores.perLabel["GPE"] == PRFScore(tp: 1, fp: 0, fn: 0))
    #expect(scores.perLabel["PER"] == PRFScore(tp: 0, fp: 1, fn: 1))
    #expect(scores.perLabel["LOC"] == PRFScore(tp: 0, fp: 1, fn: 0))
  }

  @Test func emptyCases() {
    #expect(SpanScorer.score(gold: [], predicted: []).strict == PRFScore())
    #expect(SpanScorer.score(gold: gold, predicted: []).strict == PRFScore(tp: 0, fp: 0, fn: 3))
    #expect(SpanScorer.score(gold: [], predicted: gold).strict.f1 == 0)
  }

  @Test func labelMapMapsAndDrops() throws {
    let map = try LabelMap(parsing: "GPE=LOC,NORP=-")
    #expect(map("GPE") == "LOC")
    #expect(map("NORP") == nil)
    #expect(map("PER") == "PER")
    #expect(throws: PipelineError.self) { try LabelMap(parsing: "GPE") }
  }
}

@Suite struct ClassScoresTests {
  @Test func accuracyPerClassAndMacroF1() {
    var scores = ClassScores()
    for (gold, predicted) in [
      ("conflict", "conflict"), ("conflict", "none"), ("economic", "economic"),
      ("none", "conflict"),
    ] {
      scores.add(gold: gold, predicted: predicted)
    }
    #expect(scores.accuracy == 0.5)
    #expect(scores.score(of: "conflict") == PRFScore(tp: 1, fp: 1, fn: 1))
    #expect(scores.score(of: "none") == PRFScore(tp: 0, fp: 1, fn: 1))
    // macro-F1 = (0.5 + 1 + 0) / 3
    #expect(abs(scores.macroF1 - 0.5) < 1e-12)
    #expect(ClassScores().macroF1 == 0)
  }
}

@Suite struct ReaderTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  @Test func readsCoNLL2002WithDocumentsSentencesAndBIO() throws {
    let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("tiny.conll")))
    let documents = try CoNLLReader.documents(bytes: bytes, file: "tiny.conll")
    #expect(documents.count == 2)
    let first = documents[0]
    #expect(
      first.text == "El presidente Vladimir Putin visitó Pekín .\nLa ONU y la Unión Europea .")
    #expect(first.sentences?.count == 2)
    #expect(first.tokens?.count == 14)
    #expect(first.stages == ["tokenize"])
    #expect(
      first.entities?.map { "\($0.text)|\($0.label)" } == [
        "Vladimir Putin|PER", "Pekín|LOC", "ONU|ORG", "Unión Europea|ORG",
      ])
  }

  @Test func readsLatin1CoNLL() throws {
    let bytes: [UInt8] = Array("Mosc".utf8) + [0xFA] + Array(" NP B-LOC\n".utf8)
    let documents = try CoNLLReader.documents(bytes: bytes, file: "latin1.conll")
    #expect(documents.first?.text == "Moscú")
  }

  @Test func rejectsABadTagWithItsLine() {
    #expect(throws: PipelineError.invalidConfiguration("x.conll:2: 'Z-PER' is not a BIO tag")) {
      _ = try CoNLLReader.documents(bytes: Array("a NC O\nb NC Z-PER\n".utf8), file: "x.conll")
    }
  }

  @Test func scoresCoNLLUSegmentationTheCoNLL2018Way() throws {
    let conllu = try String(
      contentsOf: Self.fixtures.appendingPathComponent("tiny.conllu"), encoding: .utf8)
    var perfect = Document(id: "d1", text: "Llegó al puerto. Se fue.")
    perfect.tokens = [(0, 5), (6, 8), (9, 15), (15, 16), (17, 19), (20, 23), (23, 24)].map {
      Token(start: $0.0, end: $0.1, kind: .word)
    }
    perfect.sentences = [Sentence(start: 0, end: 16), Sentence(start: 17, end: 24)]
    let scores = try SegmentationScorer.score(
      conllu: conllu, file: "tiny.conllu", system: [perfect])
    #expect(scores.tokens == PRFScore(tp: 7, fp: 0, fn: 0))
    #expect(scores.sentences == PRFScore(tp: 2, fp: 0, fn: 0))
    var merged = perfect
    merged.tokens = [
      Token(start: 0, end: 5, kind: .word), Token(start: 6, end: 16, kind: .word),
      Token(start: 17, end: 24, kind: .word),
    ]
    merged.sentences = [Sentence(start: 0, end: 24)]
    let worse = try SegmentationScorer.score(conllu: conllu, file: "tiny.conllu", system: [merged])
    #expect(worse.tokens == PRFScore(tp: 1, fp: 2, fn: 6))
    #expect(worse.sentences == PRFScore(tp: 0, fp: 1, fn: 2))
  }

  @Test func textMismatchIsAnError() {
    #expect(throws: PipelineError.self) {
      _ = try SegmentationScorer.score(
        conllu: "1\tHola\t_\t_\t_\t_\t_\t_\t_\t_\n", file: "x",
        system: [Document(id: "a", text: "Adiós")])
    }
  }
}

@Suite struct EvaluatorTests {
  @Test func matchesByIdAndRefusesDifferentText() throws {
    var gold = Document(id: "a", text: "Rusia y China.")
    gold.entities = [
      Entity(start: 0, end: 5, label: .geopolitical, text: "Rusia"),
      Entity(start: 8, end: 13, label: .geopolitical, text: "China"),
    ]
    var predicted = Document(id: "a", text: "Rusia y China.")
    predicted.entities = [
      Entity(start: 0, end: 5, label: .geopolitical, text: "Rusia", id: "GPE:RUS")
    ]
    let report = try Evaluator().evaluate(gold: [gold], predicted: [predicted])
    #expect(report.entities?.strict == PRFScore(tp: 1, fp: 0, fn: 1))
    #expect(report.errors.map(\.text) == ["China"])
    #expect(report.errors.first?.group == "missed GPE")
    let other = Document(id: "a", text: "Rusia y Chile.")
    #expect(throws: PipelineError.self) {
      try Evaluator().evaluate(gold: [gold], predicted: [other])
    }
  }

  @Test func missingPredictionsCountAsMissed() throws {
    var gold = Document(id: "a", text: "Rusia.")
    gold.entities = [Entity(start: 0, end: 5, label: .geopolitical, text: "Rusia")]
    let report = try Evaluator().evaluate(gold: [gold], predicted: [])
    #expect(report.missingPredictions == ["a"])
    #expect(report.entities?.strict == PRFScore(tp: 0, fp: 0, fn: 1))
  }
}
