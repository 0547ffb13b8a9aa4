import PrensaText
import PrensaCore

/// The features the learned layer sees, by name, for every sentence of one article.
///
/// Names are short prefixed strings (docs/classifier.md lists them):
/// - the sentence's own words: `w:` matching key, `s:` stem, `b:` pair of neighbouring stems;
/// - what the rules found in it: `rule:` the rules' category, `rstance:` their stance, `cue:` the
///   weight of each category's cues, `cueneg:` a negated cue, `cuetext:` the cue itself, `scue:`
///   stance cues, `holder` when the rules found one;
/// - its shape: entity labels (`ent:`), distinct actors (`actors:`), a question, a figure, a
///   quotation, its length and its position in the article (`pos:`);
/// - its article, from the rules: the share of the article's cue weight per category (`doc:`),
///   the category with most weight (`docmax:`), the rules' category of the headline (`headrule:`) and
///   of the sentences before and after it (`prevrule:`, `nextrule:`).
///
/// The second stage adds the first stage's probabilities for the rest of the article
/// (`ctx:`, `head:`, `prev:`, `next:`): `ContextFeatures`.
public struct SentenceFeatures: Sendable {
  public let stemmer: Stemmer

  public init(stemmer: Stemmer) { self.stemmer = stemmer }

  /// The value of the rules' decisions and cue weights among the word features: three times a
  /// word's, so that a few thousand examples suffice to learn how far to trust them (5-fold
  /// cross-validation on the real-news training split: cooperation macro-F1 +0.2, stance +1.2
  /// points over 1).
  static let ruleScale: Float = 3

  /// The rules' stance, read back from a sentence's features.
  static func ruleStance(_ features: [Feature]) -> Stance? {
    label(of: .ruleStance, in: features).map(Stance.init)
  }

  /// The rules' category, read back from a sentence's features.
  static func ruleCategory(_ features: [Feature]) -> Category? {
    label(of: .rule, in: features).map(Category.init)
  }

  /// The label of the first feature of `kind` among named features.
  static func label(of kind: ShapeKind, in features: [Feature]) -> String? {
    let prefix = kind.name("")
    return features.first { $0.name.hasPrefix(prefix) }.map {
      String($0.name.dropFirst(prefix.count))
    }
  }

  /// One feature: its name and value.
  public typealias Feature = (name: String, value: Float)

  /// The features of every sentence of `document` (tokens, sentences, and entities when tagged),
  /// given the rules' decision for each sentence.
  public func article(_ document: inout Document, rules: [RuleDecision]) -> [[Feature]] {
    let parts = self.parts(&document, rules: rules, into: NamedShape())
    return zip(parts.ranges, parts.shapes).map { range, shape in
      words(parts.scalars, tokens: parts.tokens[range]) + shape.features
    }
  }

  /// An article cut for feature extraction: each sentence's tokens, and its features other than
  /// its words (`shape`: what the rules found, entities, form, position, the article), as the
  /// sink made them (by name for training, as numbers for a model).
  struct Parts<Sink: ShapeSink> {
    var scalars: [Unicode.Scalar]
    var tokens: [Token]
    var ranges: [Range<Int>]
    var shapes: [Sink]
  }

  func parts<Sink: ShapeSink>(_ document: inout Document, rules: [RuleDecision], into empty: Sink)
    -> Parts<Sink>
  {
    let scalars = document.scalars()
    guard let tokens = document.tokens, let sentences = document.sentences,
      sentences.count == rules.count
    else {
      return Parts(scalars: scalars, tokens: [], ranges: [], shapes: [])
    }
    let entities = document.entities ?? []
    // The article's evidence, from the rules' cues.
    var totals: [String: Double] = [:]
    for decision in rules {
      for cue in decision.cues where cue.label != Category.noInteraction.rawValue && !cue.negated {
        totals[cue.label, default: 0] += cue.weight
      }
    }
    let sum = totals.values.reduce(0, +)
    var articleFeatures = empty
    for (label, weight) in totals.sorted(by: { $0.key < $1.key }) where sum > 0 {
      articleFeatures.add(.doc, label, Float(weight / sum))
    }
    if let top = totals.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
      articleFeatures.add(.docmax, top.key, 1)
    }
    var ranges: [Range<Int>] = []
    var shapes: [Sink] = []
    ranges.reserveCapacity(sentences.count)
    shapes.reserveCapacity(sentences.count)
    var t = 0
    var e = 0
    for (index, sentence) in sentences.enumerated() {
      while t < tokens.count && tokens[t].end <= sentence.start { t += 1 }
      var end = t
      while end < tokens.count && tokens[end].start < sentence.end { end += 1 }
      while e < entities.count && entities[e].start < sentence.start { e += 1 }
      var eEnd = e
      while eEnd < entities.count && entities[eEnd].start < sentence.end { eEnd += 1 }
      var features = empty
      features.reserveCapacity(32)
      shape(
        scalars, tokens: tokens[t..<end], entities: entities[e..<eEnd], rules: rules[index],
        into: &features)
      features.add(articleFeatures)
      // A record of one sentence has no headline: its position says nothing.
      let position =
        sentences.count == 1
        ? "only"
        : index == 0
          ? "first" : index == 1 ? "second" : index == sentences.count - 1 ? "last" : "body"
      features.add(.pos, position, 1)
      if index > 0 {
        features.add(.headrule, rules[0].category.rawValue, 1)
        features.add(.prevrule, rules[index - 1].category.rawValue, 1)
      }
      if index + 1 < sentences.count {
        features.add(.nextrule, rules[index + 1].category.rawValue, 1)
      }
      ranges.append(t..<end)
      shapes.append(features)
      t = end
    }
    return Parts(scalars: scalars, tokens: tokens, ranges: ranges, shapes: shapes)
  }

  /// Whether a token is a word for the word features.
  @inline(__always) static func isWord(_ token: Token) -> Bool {
    token.kind == .word || token.kind == .abbreviation || token.kind == .hashtag
  }

  /// The word of a token as the features name it: its matching key and stem.
  func key(_ s: [Unicode.Scalar], _ token: Token) -> (key: String, stem: String) {
    let key = MatchKey.key(String(String.UnicodeScalarView(s[token.start..<token.end])))
    return (key, stemmer.stem(key))
  }

  /// The features of a sentence's words: `w:` key, `s:` stem, `b:` the previous word's stem and
  /// this one's (`^` before the first word).
  func words(_ s: [Unicode.Scalar], tokens: ArraySlice<Token>) -> [Feature] {
    var features: [Feature] = []
    features.reserveCapacity(tokens.count * 3)
    var previousStem = Self.sentenceStart
    for token in tokens where Self.isWord(token) {
      let (key, stem) = self.key(s, token)
      features.append(("w:" + key, 1))
      features.append(("s:" + stem, 1))
      features.append(("b:" + previousStem + "|" + stem, 1))
      previousStem = stem
    }
    return features
  }

  /// The stem a sentence's first word pairs with.
  static let sentenceStart = "^"

  /// The features of one sentence other than its words, given to `sink`.
  func shape<Sink: ShapeSink>(
    _ s: [Unicode.Scalar], tokens: ArraySlice<Token>, entities: ArraySlice<Entity>,
    rules: RuleDecision, into sink: inout Sink
  ) {
    var words = 0
    var hasNumber = false
    var isQuestion = false
    var hasQuote = false
    var hasConditional = false
    var hasFuture = false
    // By index, reading two fields: a copy of each token would retain and release its arrays.
    for t in tokens.indices {
      let kind = tokens[t].kind
      if kind == .word || kind == .abbreviation || kind == .hashtag {
        if kind == .word,
          let mood = Self.mood(s, tokens[t].start..<tokens[t].end, first: words == 0)
        {
          if mood == .conditional { hasConditional = true } else { hasFuture = true }
        }
        words += 1
        continue
      }
      switch kind {
      case .number:
        hasNumber = true
      case .punct:
        let c = s[tokens[t].start]
        if c == "?" || c == "¿" { isQuestion = true }
        if c == "«" || c == "\"" || c == "“" { hasQuote = true }
      default:
        break
      }
    }
    sink.add(.rule, rules.category.rawValue, Self.ruleScale)
    sink.add(.ruleStance, rules.stance.rawValue, Self.ruleScale)
    // Sentences hold a few cues and entities: small arrays searched in place, not hashed.
    var weights: [(label: String, weight: Double)] = []
    for cue in rules.cues {
      if cue.negated {
        sink.add(.negatedCue, cue.label, 1)
      } else {
        Self.accumulate(cue.label, cue.weight, into: &weights)
      }
      sink.add(.cueText, cue.cue, 1)
    }
    Self.add(weights, as: .cue, into: &sink)
    var stanceWeights: [(label: String, weight: Double)] = []
    for cue in rules.stanceCues { Self.accumulate(cue.label, cue.weight, into: &stanceWeights) }
    Self.add(stanceWeights, as: .stanceCue, into: &sink)
    if rules.holder != nil { sink.add(.holder, "", 1) }
    var labels: [String] = []
    var countries: [String] = []
    // Distinct actors: 0, 1 or more; the second distinct one ends the count. An actor is its code,
    // else its name's matching key, made only when there is a second actor to compare.
    var firstIdentity: String?
    var manyActors = false
    // By index: a copied entity would retain and release its strings.
    var firstActor: Int?
    for e in entities.indices {
      let label = entities[e].label.rawValue
      if !labels.contains(label) { labels.append(label) }
      if let code = entities[e].refersTo, !countries.contains(code) { countries.append(code) }
      if !manyActors && SentenceClassifier.isActor(entities[e].label) {
        guard let first = firstActor else {
          firstActor = e
          continue
        }
        if firstIdentity == nil {
          firstIdentity = entities[first].refersTo ?? MatchKey.key(entities[first].text)
        }
        manyActors = (entities[e].refersTo ?? MatchKey.key(entities[e].text)) != firstIdentity
      }
    }
    for label in labels.sorted() { sink.add(.entity, label, 1) }
    sink.add(.actors, firstActor == nil ? "0" : manyActors ? "2+" : "1", 1)
    // Pairs of countries named (by code): some pairs are mostly at war, others mostly trade.
    countries.sort()
    for (i, a) in countries.prefix(4).enumerated() {
      for b in countries.prefix(4).dropFirst(i + 1) { sink.add(.pair, a + "-" + b, 1) }
    }
    if hasNumber { sink.add(.number, "", 1) }
    if isQuestion { sink.add(.question, "", 1) }
    if hasQuote { sink.add(.quote, "", 1) }
    if hasConditional { sink.add(.mood, "cond", 1) }
    if hasFuture { sink.add(.mood, "fut", 1) }
    sink.add(.length, words <= 5 ? "5" : words <= 12 ? "12" : words <= 25 ? "25" : "long", 1)
  }
}

extension SentenceFeatures {
  enum Mood { case conditional, future }

  /// The mood a verb's ending suggests: the conditional (`-ría`, `-rían`, `-ríamos`, `-rías`) or
  /// the future (`-rá`, `-rán`), read from the scalars alone. Nouns share the endings
  /// (`mayoría`, `está`): the model learns how far the hint goes. Capitalised words other than a
  /// sentence's first are names (`María`). Takes the word's range: a copy of its token would
  /// retain and release the token's arrays.
  @inline(__always) static func mood(_ s: [Unicode.Scalar], _ word: Range<Int>, first: Bool)
    -> Mood?
  {
    guard word.count >= 4, let mood = ending(s, word) else { return nil }
    // The case test after the ending's: few words have one.
    return first || s[word.lowerBound].isLowercaseLetter ? mood : nil
  }

  /// The mood of a word's ending (at least four scalars).
  @inline(__always) private static func ending(_ s: [Unicode.Scalar], _ word: Range<Int>) -> Mood? {
    let count = word.count
    @inline(__always) func at(_ k: Int) -> UInt32 { s[word.upperBound - k].value }
    let r: UInt32 = 0x72
    let iAcute: UInt32 = 0xED
    let aAcute: UInt32 = 0xE1
    let a: UInt32 = 0x61
    // Endings checked from the last scalar back.
    switch at(1) {
    case a:  // -ría
      return at(2) == iAcute && at(3) == r ? .conditional : nil
    case 0x6E:  // -rían, -rán
      if at(2) == a && at(3) == iAcute && at(4) == r { return .conditional }
      return at(2) == aAcute && at(3) == r ? .future : nil
    case 0x73:  // -rías, -ríamos
      if at(2) == a && at(3) == iAcute && at(4) == r { return .conditional }
      if count >= 6 && at(2) == 0x6F && at(3) == 0x6D && at(4) == a && at(5) == iAcute
        && at(6) == r
      {
        return .conditional
      }
      return nil
    case aAcute:  // -rá
      return at(2) == r ? .future : nil
    default:
      return nil
    }
  }

  /// Adds `weight` to `label`'s total in a short list of totals.
  @inline(__always) static func accumulate(
    _ label: String, _ weight: Double, into totals: inout [(label: String, weight: Double)]
  ) {
    if let i = totals.firstIndex(where: { $0.label == label }) {
      totals[i].weight += weight
    } else {
      totals.append((label, weight))
    }
  }

  /// Each label's total cue weight, capped at 6 and scaled as the rules' decision is, in label
  /// order.
  static func add<Sink: ShapeSink>(
    _ totals: [(label: String, weight: Double)], as kind: ShapeKind, into sink: inout Sink
  ) {
    for (label, weight) in totals.sorted(by: { $0.label < $1.label }) {
      sink.add(kind, label, Float(min(weight, 6) / 3) * ruleScale)
    }
  }
}

/// The kinds of features of a sentence other than its words: each is a prefix and a label
/// (`rule` and `diplomatic` name `rule:diplomatic`), or a prefix alone (`holder`).
enum ShapeKind: Int, CaseIterable, Sendable {
  case rule, ruleStance, negatedCue, cueText, cue, stanceCue, holder, entity, actors, pair
  case number, question, quote, length, doc, docmax, pos, headrule, prevrule, nextrule, mood

  /// The prefix of the feature names of this kind.
  var prefix: String {
    switch self {
    case .rule: "rule"
    case .ruleStance: "rstance"
    case .negatedCue: "cueneg"
    case .cueText: "cuetext"
    case .cue: "cue"
    case .stanceCue: "scue"
    case .holder: "holder"
    case .entity: "ent"
    case .actors: "actors"
    case .pair: "pair"
    case .number: "num"
    case .question: "question"
    case .quote: "quote"
    case .length: "len"
    case .doc: "doc"
    case .docmax: "docmax"
    case .pos: "pos"
    case .headrule: "headrule"
    case .prevrule: "prevrule"
    case .nextrule: "nextrule"
    case .mood: "mood"
    }
  }

  /// Whether the kind is one feature named by its prefix alone (its label is empty).
  var isBare: Bool { self == .holder || self == .number || self == .question || self == .quote }

  /// The feature's name: `prefix:label`, or the prefix alone for a bare kind.
  func name(_ label: String) -> String { isBare ? prefix : prefix + ":" + label }
}

/// Where a sentence's shape features go as they are found.
protocol ShapeSink {
  mutating func add(_ kind: ShapeKind, _ label: String, _ value: Float)
  /// Room for `count` features (a sentence has some twenty-five).
  mutating func reserveCapacity(_ count: Int)
  /// Adds every feature of another sink of the same kind (the article's, for each sentence).
  mutating func add(_ other: Self)
}

/// Shape features by name, for training (`SentenceFeatures.article`).
struct NamedShape: ShapeSink {
  var features: [SentenceFeatures.Feature] = []

  mutating func add(_ kind: ShapeKind, _ label: String, _ value: Float) {
    features.append((kind.name(label), value))
  }

  mutating func add(_ other: NamedShape) { features += other.features }

  mutating func reserveCapacity(_ count: Int) { features.reserveCapacity(count) }
}
