import Foundation
import Normalization
import PrensaCore
import PrensaTestSupport
@testable import SentenceClassification
import Testing

/// Real-style Spanish news paragraphs with hand labels (category, stance) per sentence.
let labelledArticles: [(String, [(String, String, String)])] = [
  (
    "a1",
    [
      (
        "Rusia y China inician maniobras navales conjuntas en el mar de Japón.", "military",
        "neutral"
      ),
      ("La flota zarpó al amanecer desde Vladivostok.", "military", "neutral"),
      ("Participan once buques y dos submarinos.", "military", "neutral"),
    ]
  ),
  (
    "a2",
    [
      ("Estados Unidos impone aranceles del 25 % al acero chino.", "conflict", "neutral"),
      ("Pekín advirtió que responderá con represalias.", "conflict", "alarm"),
      ("La medida entrará en vigor el lunes.", "conflict", "neutral"),
    ]
  ),
  (
    "a3",
    [
      (
        "Los cancilleres de Brasil y Argentina se reunieron en Buenos Aires.", "diplomatic",
        "neutral"
      ),
      ("Ambos celebraron el buen momento de la relación bilateral.", "diplomatic", "support"),
      ("La reunión duró dos horas.", "diplomatic", "neutral"),
    ]
  ),
  (
    "a4",
    [
      ("El Real Madrid ganó 2-0 al Barcelona en el Bernabéu.", "none", "neutral"),
      ("Vinicius marcó el primer gol en el minuto 12.", "none", "neutral"),
      ("El equipo suma ya diez victorias seguidas.", "none", "neutral"),
    ]
  ),
  (
    "a5",
    [
      ("Alemania entregará a Ucrania catorce tanques Leopard.", "arms_transfer", "neutral"),
      ("Los carros llegarán en marzo, según el Ministerio de Defensa.", "arms_transfer", "neutral"),
      ("Kiev podría recibir más blindados el próximo año.", "arms_transfer", "speculative"),
    ]
  ),
  (
    "a6",
    [
      (
        "India y Rusia firmaron un acuerdo para comprar petróleo a largo plazo.", "economic",
        "neutral"
      ),
      ("El contrato cubre diez millones de barriles al año.", "economic", "neutral"),
      ("El precio se fijará en rupias.", "economic", "neutral"),
    ]
  ),
]

/// The articles tokenized, tagged and classified by the rules, with features and labels.
func trainingArticles() throws -> [TrainingArticle] {
  let (tokenizer, tagger, classifier) = try #require(stages)
  return try labelledArticles.map { id, sentences in
    var text = ""
    var spans: [Sentence] = []
    for (sentence, _, _) in sentences {
      if !text.isEmpty { text += " " }
      let start = text.unicodeScalars.count
      text += sentence
      spans.append(Sentence(start: start, end: text.unicodeScalars.count))
    }
    var document = Document(id: id, text: text)
    try tokenizer.process(&document)
    try tagger.process(&document)
    document.sentences = spans
    let decisions = try classifier.decisions(&document)
    let features = SentenceFeatures(stemmer: classifier.cues.stemmer).article(
      &document, rules: decisions)
    return TrainingArticle(
      id: id, features: features, categories: sentences.map(\.1), stances: sentences.map(\.2))
  }
}

@Suite struct LearnedClassifierTests {
  var options: ModelTrainer.Options {
    var options = ModelTrainer.Options()
    options.minCount = 1
    options.innerFolds = 3
    return options
  }

  @Test func trainingIsDeterministicAndTheSeedMatters() throws {
    let articles = try trainingArticles()
    let a = try ModelTrainer(options: options).train(articles).serialized()
    let b = try ModelTrainer(options: options).train(articles).serialized()
    #expect(a == b)
    var other = options
    other.seed = 2
    #expect(try ModelTrainer(options: other).train(articles).serialized() != a)
  }

  /// `runs` models with successive seeds become one model of their mean weights.
  @Test func runsAreAveragedWeightByWeight() throws {
    let articles = try trainingArticles()
    var single = options
    single.runs = 1
    var singles: [ClassifierModel] = []
    for seed in 1...3 {
      single.seed = UInt64(seed)
      singles.append(try ModelTrainer(options: single).train(articles))
    }
    var averaged = options
    averaged.runs = 3
    averaged.seed = 1
    let model = try ModelTrainer(options: averaged).train(articles)
    #expect(model.features == singles[0].features)
    for (part, name) in [(\ClassifierModel.stance, "stance"), (\.stanceFirst, "stance first")] {
      let weights = model[keyPath: part].weights
      #expect(weights.count == singles[0][keyPath: part].weights.count)
      let far = weights.indices.filter { i in
        let mean = singles.map { $0[keyPath: part].weights[i] }.reduce(0, +) / 3
        return abs(weights[i] - mean) > 1e-5
      }
      #expect(far.isEmpty, "\(name): \(far.count) weights are not the mean")
    }
    #expect(model.category.second.weights != singles[0].category.second.weights)
  }

  @Test func fitsItsTrainingData() throws {
    let articles = try trainingArticles()
    let model = try ModelTrainer(options: options).train(articles)
    #expect(
      Set(model.category.second.labels) == [
        "military", "conflict", "diplomatic", "none", "arms_transfer", "economic",
      ])
    let predictions = articles.flatMap { ModelTrainer.predict(model, $0) }
    #expect(predictions.count == 18)
    let right = predictions.filter { $0.goldCategory == $0.predictedCategory }.count
    #expect(right >= 16, "\(predictions.filter { $0.goldCategory != $0.predictedCategory })")
  }

  @Test func theFileRoundTrips() throws {
    let model = try ModelTrainer(options: options).train(
      try trainingArticles(), info: ["test model"])
    let bytes = model.serialized()
    let read = try ClassifierModel(bytes: bytes, file: "m.model")
    #expect(read == model)
    #expect(read.serialized() == bytes)
  }

  @Test func damagedFilesAreClearErrors() throws {
    let bytes = try ModelTrainer(options: options).train(try trainingArticles()).serialized()
    func message(_ bytes: [UInt8]) -> String {
      do {
        _ = try ClassifierModel(bytes: bytes, file: "m.model")
        return "read"
      } catch {
        return error.description
      }
    }
    var flipped = bytes
    flipped[bytes.count - 3] ^= 0x40
    #expect(message(flipped).contains("m.model: damaged (checksum mismatch)"))
    #expect(message(Array(bytes.prefix(bytes.count / 2))).contains("damaged"))
    let newer = Array(
      String(decoding: bytes, as: UTF8.self).replacingOccurrences(
        of: "prensa-classifier-model \(ClassifierModel.formatVersion)",
        with: "prensa-classifier-model 9"
      ).utf8)
    #expect(message(newer).contains("model format 9 is not one this prensa reads"))
    #expect(message(Array("{\"id\":\"x\"}\n".utf8)) == "m.model: not a prensa classifier model")
    #expect(message([]) == "m.model: not a prensa classifier model")
  }

  /// A weight that is not a finite number is damage even under a checksum that matches (as a
  /// model written with one has): the file is refused, naming the feature, or the biases.
  @Test func aWeightThatIsNotFiniteIsAClearError() throws {
    let model = try ModelTrainer(options: options).train(try trainingArticles())
    let feature = try #require(model.features.firstIndex(of: "w:acuerdo"))
    for (row, bad, named) in [
      (feature, Float.nan, "feature 'w:acuerdo'"), (model.features.count, .infinity, "the biases"),
      (0, -.infinity, "feature '\(model.features[0])'"),
    ] {
      var stance = model.linear(.stance)
      stance.weights[row * stance.labels.count + 1] = bad
      let damaged = ClassifierModel(
        features: model.features,
        category: (model.linear(.categoryFirst), model.linear(.categorySecond)),
        stanceFirst: model.linear(.stanceFirst), stance: stance, info: [])
      #expect(throws: PipelineError.self) {
        try ClassifierModel(bytes: damaged.serialized(), file: "m.model")
      }
      do {
        _ = try ClassifierModel(bytes: damaged.serialized(), file: "m.model")
      } catch {
        #expect(
          error.description == "m.model: damaged (a weight of \(named) is not a finite number)")
      }
    }
    // Every weight finite: read as written.
    #expect(try ClassifierModel(bytes: model.serialized(), file: "m.model") == model)
  }

  /// Format 3 (the same file with a byte-by-byte checksum) still reads, to the same model.
  @Test func modelsOfFormatThreeStillRead() throws {
    let model = try ModelTrainer(options: options).train(try trainingArticles())
    let bytes = model.serialized()
    // The header ends at the first blank line; the payload after it is binary.
    let end = try #require(bytes.indices.first { bytes[$0] == 0x0A && bytes[$0 + 1] == 0x0A }) + 2
    let payload = Array(bytes[end...])
    var old = String(decoding: bytes[..<end], as: UTF8.self)
    old = old.replacingOccurrences(
      of: "prensa-classifier-model \(ClassifierModel.formatVersion)\n",
      with: "prensa-classifier-model 3\n")
    old = old.replacingOccurrences(
      of: "checksum \(ClassifierModel.checksum(payload))",
      with: "checksum \(ClassifierModel.byteChecksum(payload[...]))")
    #expect(old.hasPrefix("prensa-classifier-model 3\n"))
    #expect(ClassifierModel.checksum(payload) != ClassifierModel.byteChecksum(payload[...]))
    let read = try ClassifierModel(bytes: Array(old.utf8) + payload, file: "old.model")
    #expect(read == model)
  }

  /// The name table finds every name (and with a prefix, every stem) by its bytes, accented ones
  /// too, and nothing else.
  @Test func theNameTableFindsEveryNameAndNothingElse() {
    var names = ["b:^|rusi", "cue:conflict", "s:acuerd", "s:año", "s:rusi", "w:año", "w:corea"]
    for i in 0..<3000 { names.append("s:stem\(i)") }
    names.sort()
    let table = NameTable(names)
    for (i, name) in names.enumerated() { #expect(table[name] == Int32(i)) }
    #expect(table["s:ano"] == nil)
    #expect(table[""] == nil)
    // A name found by its prefix and the rest, without building it.
    for (i, name) in names.enumerated() where name.hasPrefix("s:") {
      #expect(table.find("s:", String(name.dropFirst(2))) == Int32(i))
    }
    #expect(table.find("w:", "año") == table["w:año"])
    #expect(table.find("w:", "ano") == nil)
    #expect(table.find("s:", "") == nil)
    #expect(table.find("w:", "acuerd") == nil)
    let stems = NameTable(names, prefix: "s:")
    for (i, name) in names.enumerated() where name.hasPrefix("s:") {
      var stem = String(name.dropFirst(2))
      #expect(stem.withUTF8 { stems.find($0) } == Int32(i))
    }
    var word = "corea"
    #expect(word.withUTF8 { stems.find($0) } == nil)
  }

  /// The features' sort orders by number for every length, repeats included, and keeps every
  /// key; numbers of one to four digits of the radix.
  @Test func theFeatureSortOrdersByNumber() {
    var random = SystemRandomNumberGenerator()
    for count in Array(0..<300) + [1_000, 5_000] {
      for trial in 0..<6 {
        // Random keys with repeats and random values, then already sorted, reversed, all equal,
        // and numbers up to 2^24 (four passes).
        let largest = trial == 5 ? UInt64(1 << 24) : UInt64(max(1, count / 2))
        var keys = (0..<count).map { _ in
          UInt64.random(in: 0..<largest, using: &random) << 32
            | UInt64.random(in: 0..<4, using: &random)
        }
        if trial == 2 { keys.sort() }
        if trial == 3 { keys = keys.sorted().reversed() }
        if trial == 4 { keys = Array(repeating: 7, count: count) }
        let expected = keys.sorted()
        var spare = [UInt64](repeating: 0, count: count)
        keys.withUnsafeMutableBufferPointer { keys in
          spare.withUnsafeMutableBufferPointer {
            ClassifierModel.sortByNumber(keys, spare: $0)
          }
        }
        #expect(keys.map { $0 >> 32 } == expected.map { $0 >> 32 })
        #expect(keys.sorted() == expected)
      }
    }
  }

  /// A repeated feature keeps its largest value, wherever its repeats stand.
  @Test func aRepeatedFeatureKeepsItsLargestValue() {
    let features = [
      SparseFeature(index: 9, value: 1), SparseFeature(index: 3, value: 2.5),
      SparseFeature(index: 9, value: 3), SparseFeature(index: 3, value: 0.5),
      SparseFeature(index: 70_000, value: 1), SparseFeature(index: 9, value: 2),
    ]
    #expect(
      ClassifierModel.sparse(features) == [
        SparseFeature(index: 3, value: 2.5), SparseFeature(index: 9, value: 3),
        SparseFeature(index: 70_000, value: 1),
      ])
  }

  @Test func anEmptyTrainingSetIsAnError() {
    let unlabelled = TrainingArticle(
      id: "x", features: [[("w:hola", 1)]], categories: [nil], stances: [nil])
    #expect(throws: ModelTrainer.TrainingError.self) { try ModelTrainer().train([unlabelled]) }
    #expect(throws: ModelTrainer.TrainingError.self) { try ModelTrainer().train([]) }
  }

  /// The context of a sentence: the mean of the other sentences' first-stage probabilities, the
  /// headline's and the neighbours', for the category's labels and the stance's.
  @Test func contextFeaturesAverageTheRestOfTheArticle() {
    let names = ClassifierModel.contextNames(category: ["a", "b"], stance: ["n", "s"]).sorted()
    let index: [String: Int32] = Dictionary(
      uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
    let indices = ClassifierModel.contextIndices(category: ["a", "b"], stance: ["n", "s"]) {
      index[$0]
    }
    // Per sentence: category a, b, then stance n, s.
    let probabilities: [[Float]] = [
      [0.9, 0.1, 0.2, 0.8], [0.5, 0.5, 1, 0], [0.1, 0.9, 0.6, 0.4],
    ]
    let totals = ClassifierModel.columnTotals(probabilities)
    let context = ClassifierModel.context(probabilities, at: 1, totals: totals, indices: indices)
    let byName: [String: Float] = Dictionary(
      uniqueKeysWithValues: context.map { (names[Int($0.index)], $0.value) })
    #expect(abs((byName["ctx:a"] ?? 0) - 0.5) < 1e-6)
    #expect(byName["head:a"] == 0.9)
    #expect(byName["prev:b"] == 0.1)
    #expect(byName["next:b"] == 0.9)
    #expect(abs((byName["sctx:s"] ?? 0) - 0.6) < 1e-6)
    #expect(byName["sprev:n"] == 0.2)
    #expect(byName["snext:n"] == 0.6)
    let numbers = context.map { $0.index }
    #expect(numbers == numbers.sorted())
    let first = ClassifierModel.context(probabilities, at: 0, totals: totals, indices: indices)
    #expect(
      !first.contains {
        let name = names[Int($0.index)]
        return name.hasPrefix("head:") || name.hasPrefix("prev:") || name.hasPrefix("sprev:")
      })
  }

  @Test func theStageExplainsEveryDecision() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let model = try ModelTrainer(options: options).train(try trainingArticles())
    let stage = LearnedClassifier(rules: classifier, model: model)
    var document = Document(
      id: "n",
      text: "Japón y Filipinas inician maniobras navales conjuntas. La flota zarpó al amanecer.")
    try tokenizer.process(&document)
    try tagger.process(&document)
    try stage.process(&document)
    let sentences = try #require(document.sentences)
    #expect(sentences.count == 2)
    for sentence in sentences {
      let cooperation = try #require(sentence.extra["cooperation"])
      let probability = try #require(cooperation["model"]?["probability"]?.doubleValue)
      #expect(probability > 0 && probability <= 1)
      let features: [JSONValue] = cooperation["model"]?["features"]?.arrayValue ?? []
      #expect(features.count > 0)
      #expect(cooperation["rules"]?.stringValue != nil)
      #expect(sentence.extra["stance"]?["model"]?["probability"]?.doubleValue != nil)
      let also = cooperation["also"]?.arrayValue?.compactMap(\.stringValue) ?? []
      #expect(!also.contains(cooperation["category"]?.stringValue ?? ""))
    }
    // Without a model the stage is the rules alone, byte for byte.
    var alone = Document(id: "n", text: document.text)
    var rules = alone
    try tokenizer.process(&alone)
    try tagger.process(&alone)
    rules = alone
    try LearnedClassifier(rules: classifier, model: nil).process(&alone)
    try classifier.process(&rules)
    #expect(alone.sentences == rules.sentences)
    #expect(alone.sentences?.first?.extra["cooperation"]?["model"] == nil)
  }

  /// Each sentence's labels are written once, as JSON text: the text parses, and written back
  /// through `JSONWriter` (which sorts members) gives the same bytes, with the model and with the
  /// rules alone.
  @Test func labelsAreCanonicalJSONText() throws {
    let classifier = try #require(stages).classifier
    let model = try ModelTrainer(options: options).train(try trainingArticles())
    let document = try tagged(
      "Rusia y Corea del Norte firman un acuerdo de defensa. Seúl advirtió que podría enviar armas"
        + " a Ucrania. Los mercados cayeron. «No lo aceptaremos», dijo el ministro chino. Washington"
        + " impuso aranceles a Pekín, según fuentes oficiales.", id: "n")
    for stage in [
      LearnedClassifier(rules: classifier, model: model),
      LearnedClassifier(rules: classifier, model: nil),
    ] {
      var classified = document
      try stage.process(&classified)
      let sentences = try #require(classified.sentences)
      #expect(sentences.count == 5)
      var keys: Set<String> = []
      for sentence in sentences {
        for name in [Sentence.LabelKey.cooperation, Sentence.LabelKey.stance] {
          guard case .serialized(let text) = try #require(sentence.extra[name]) else {
            Issue.record("\(name) kept as an object")
            continue
          }
          let parsed = try JSONParser.parse(text)
          var writer = JSONWriter()
          writer.value(parsed)
          #expect(String(decoding: writer.bytes, as: UTF8.self) == text)
          keys.formUnion(parsed.objectValue?.keys.map { name + "." + $0 } ?? [])
        }
      }
      let expected: Set<String> = [
        "cooperation.also", "cooperation.category", "cooperation.cues", "cooperation.quad",
        "cooperation.score", "stance.cues", "stance.label",
      ]
      #expect(expected.isSubset(of: keys))
      #expect(keys.contains("cooperation.model") == (stage.model != nil))
      #expect(keys.contains("stance.rules") == (stage.model != nil))
      #expect(sentences.contains { $0.category != nil && $0.stance != nil })
    }
  }
}

/// The model-reader fuzz corpus (Tests/Fuzz/corpus/model), replayed: every input either reads
/// (and then round-trips and decides) or fails with an error naming the file.
@Suite struct ModelFuzzCorpusTests {
  static var inputs: [URL] { TestSupport.fuzzCorpus("model") }

  @Test func theCorpusIsThere() { #expect(Self.inputs.count >= 5) }

  @Test(arguments: ModelFuzzCorpusTests.inputs)
  func replays(input: URL) throws {
    let bytes = [UInt8](try Data(contentsOf: input))
    do {
      let model = try ClassifierModel(bytes: bytes, file: "fuzz.model")
      #expect(input.lastPathComponent.hasPrefix("valid"))
      #expect(try ClassifierModel(bytes: model.serialized(), file: "again") == model)
      let (categories, stances) = model.decide([[("w:acuerdo", 1)], [("ctx:none", 0.5)]])
      #expect(categories.count == 2 && stances.count == 2)
    } catch {
      #expect(!input.lastPathComponent.hasPrefix("valid"), "\(error)")
      #expect(error.description.hasPrefix("fuzz.model: "))
    }
  }
}

/// The classify stage finds each word's feature numbers on the rules' word objects; training
/// builds them by name. Both must give the same vector for every sentence.
@Suite struct FeaturePathTests {
  @Test func theNumberedPathEqualsTheNamedPath() throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    var options = ModelTrainer.Options()
    options.minCount = 1
    let model = try ModelTrainer(options: options).train(try trainingArticles())
    let features = SentenceFeatures(stemmer: classifier.cues.stemmer)
    let gold = TestSupport.repositoryRoot().appendingPathComponent("Tests/Gold/articles.jsonl")
    let lines = try String(contentsOf: gold, encoding: .utf8).split(separator: "\n").prefix(12)
    #expect(lines.count == 12)
    var sentences = 0
    // Twice: the second pass reads every word's numbers kept on the rules' words.
    for _ in 0..<2 {
      for (n, line) in lines.enumerated() {
        var document = try RecordStream.decode(
          String(line), at: SourceLocation(file: "articles.jsonl", line: n + 1))
        document = Document(id: document.id, text: document.text)
        try tokenizer.process(&document)
        try tagger.process(&document)
        let (decisions, fast) = try model.sparseArticle(
          &document, rules: classifier, features: features)
        #expect(decisions == (try classifier.decisions(&document)))
        let named = features.article(&document, rules: decisions).map(model.sparse)
        #expect(fast == named, "\(document.id)")
        sentences += named.count
      }
    }
    #expect(sentences > 50)
  }
}

/// The verb-mood hint (`mood:cond`, `mood:fut`) read from word endings.
@Suite struct MoodFeatureTests {
  /// The mood features of each sentence of `text`, by name.
  func moods(_ text: String) throws -> [[String]] {
    let (tokenizer, _, classifier) = try #require(stages)
    var document = Document(id: "m", text: text)
    try tokenizer.process(&document)
    let decisions = try classifier.decisions(&document)
    let features = SentenceFeatures(stemmer: classifier.cues.stemmer)
    return features.article(&document, rules: decisions).map { sentence in
      sentence.map(\.name).filter { $0.hasPrefix("mood:") }
    }
  }

  @Test func conditionalAndFutureEndingsAreFound() throws {
    let found = try moods(
      "Washington podría retirar sus tropas antes de marzo. Los aliados enviarán más munición. "
        + "El ministro se reunió ayer con su homólogo. Nosotros firmaríamos el acuerdo mañana. "
        + "Habrá elecciones en otoño.")
    #expect(
      found == [["mood:cond"], ["mood:fut"], [], ["mood:cond"], ["mood:fut"]])
  }

  @Test func namesAndShortWordsAreNotVerbs() throws {
    // María ends in -ría but is a name; "está" ends in -á without the r; "ría" is too short.
    let found = try moods("Ayer María Pérez está en la ría de Vigo con su familia.")
    #expect(found == [[]])
  }
}

/// How the model and the rules decide together: the model replaces the rules only when sure; the
/// rules' alarm and speculative always stand.
@Suite struct CombinationTests {
  @Test func theModelOverridesTheRulesOnlyWhenSure() {
    let sure = ClassifierModel.overrideProbability
    #expect(
      ClassifierModel.combinedCategory(model: .military, probability: sure, rules: .noInteraction)
        == .military)
    #expect(
      ClassifierModel.combinedCategory(
        model: .military, probability: sure - 0.01, rules: .noInteraction)
        == .noInteraction)
    #expect(
      ClassifierModel.combinedCategory(model: .military, probability: 0.1, rules: nil)
        == .military)
    // The rules' conflict needs more.
    #expect(
      ClassifierModel.combinedCategory(model: .noInteraction, probability: 0.98, rules: .conflict)
        == .conflict)
    #expect(
      ClassifierModel.combinedCategory(model: .noInteraction, probability: 0.998, rules: .conflict)
        == .noInteraction)
    #expect(
      ClassifierModel.combinedStance(model: .support, probability: 0.99, rules: .neutral)
        == .support)
    #expect(
      ClassifierModel.combinedStance(model: .support, probability: 0.55, rules: .neutral)
        == .support)
    #expect(
      ClassifierModel.combinedStance(model: .support, probability: 0.45, rules: .neutral)
        == .neutral)
    #expect(
      ClassifierModel.combinedStance(model: .neutral, probability: 0.99, rules: .alarm) == .alarm
    )
    // The rules' hedge gives way only to a very sure model.
    #expect(
      ClassifierModel.combinedStance(model: .neutral, probability: 0.85, rules: .speculative)
        == .speculative)
    #expect(
      ClassifierModel.combinedStance(model: .neutral, probability: 0.95, rules: .speculative)
        == .neutral)
  }
}

/// Whole news records through the whole pipeline with the shipped model, against checked expected
/// files (`RECORD_GOLDEN=1 swift test` rewrites them; retraining the model changes them).
@Suite struct ClassifierGoldenTests {
  @Test func theFolderHoldsCases() { #expect(TestSupport.goldenCases("Golden").count >= 4) }

  @Test(arguments: TestSupport.goldenCases("Golden"))
  func golden(name: String) throws {
    let (tokenizer, tagger, classifier) = try #require(stages)
    let path = TestSupport.lexicons.path + "/" + LearnedClassifier.shippedModel
    let model = try ClassifierModel(bytes: try readFile(path), file: path)
    let prefixes = Set(try TestSupport.lexicons.wordList("es/compound-prefixes.txt"))
    let pipeline = Pipeline([
      Normalizer(options: .init(compoundPrefixes: prefixes)), tokenizer, tagger,
      LearnedClassifier(rules: classifier, model: model),
    ])
    let difference = try TestSupport.checkGolden("Golden", name, pipeline: pipeline)
    #expect(difference == nil, "\(difference ?? "")")
  }
}
