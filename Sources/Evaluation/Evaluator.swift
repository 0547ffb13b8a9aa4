import PrensaCore

/// Compares predicted records with gold records, matched by `id`.
public struct Evaluator: Sendable {
  public var labelMap: LabelMap
  /// Compare cooperation categories as `conflict`, `cooperation` or `none` (for event-coded gold).
  public var coarseCategories = false
  /// Characters of context on each side of an error.
  public var context = 40

  public init(labelMap: LabelMap = LabelMap()) { self.labelMap = labelMap }

  /// One entity that was wrong: predicted but not in gold, or in gold but missed.
  public struct ErrorItem: Equatable, Sendable {
    public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
    public var kind: Kind
    public var document: String
    public var span: ScoredSpan
    public var text: String
    public var context: String
    /// The lexicon entry id or the source of a prediction (`heuristic`), or `missed LABEL`.
    public var group: String
  }

  /// A sentence whose category or stance differs from the gold.
  public struct LabelError: Equatable, Sendable {
    public var document: String
    public var start: Int
    public var end: Int
    /// `cooperation` or `stance`.
    public var field: String
    public var gold: String
    public var predicted: String
    /// The sentence's text (clipped).
    public var text: String
    /// `model` or `rules`, when the prediction says who decided.
    public var decidedBy: String?
  }

  /// Everything measured over a set of documents.
  public struct Report: Sendable {
    public var documents = 0
    public var missingPredictions: [String] = []
    public var entities: SpanScores?
    public var cooperation: ClassScores?
    public var stance: ClassScores?
    public var errors: [ErrorItem] = []
    /// Sentence labels that differ from the gold, in document order.
    public var labelErrors: [LabelError] = []
    /// Entities right in these predictions, keyed `doc:start:end:label`.
    public var correctEntities: Set<String> = []
    /// Sentence labels right in these predictions, keyed `doc:start:field`.
    public var correctLabels: Set<String> = []
    /// The text of every gold entity and sentence, by the keys above (for `--baseline`).
    public var itemTexts: [String: String] = [:]

    public init() {}
  }

  /// - Throws: `PipelineError.invalidConfiguration` when a document's text differs between gold
  ///   and prediction (a silent misalignment would make every score meaningless).
  public func evaluate(gold: [Document], predicted: [Document]) throws(PipelineError) -> Report {
    var report = Report()
    // Records are matched by id; a repeated id pairs its k-th gold record with its k-th prediction.
    var byID: [String: [Document]] = [:]
    for document in predicted { byID[document.id, default: []].append(document) }
    var used: [String: Int] = [:]
    for goldDocument in gold {
      report.documents += 1
      let occurrence = used[goldDocument.id, default: 0]
      used[goldDocument.id] = occurrence + 1
      guard let candidates = byID[goldDocument.id], occurrence < candidates.count else {
        report.missingPredictions.append(goldDocument.id)
        score(goldDocument, Document(id: goldDocument.id, text: goldDocument.text), into: &report)
        continue
      }
      let prediction = candidates[occurrence]
      guard prediction.text == goldDocument.text else {
        throw .invalidConfiguration(
          "document '\(goldDocument.id)': the predicted text differs from the gold text (was it normalized differently?)"
        )
      }
      score(goldDocument, prediction, into: &report)
    }
    return report
  }

  private func spans(_ entities: [Entity]?) -> [ScoredSpan] {
    (entities ?? []).compactMap { entity in
      labelMap(entity.label.rawValue).map {
        ScoredSpan(start: entity.start, end: entity.end, label: $0)
      }
    }
  }

  private func score(_ gold: Document, _ predicted: Document, into report: inout Report) {
    let scalars = Array(gold.text.unicodeScalars)
    if gold.entities != nil {
      let goldSpans = spans(gold.entities)
      let predictedSpans = spans(predicted.entities)
      let scores = SpanScorer.score(gold: goldSpans, predicted: predictedSpans)
      report.entities = (report.entities ?? SpanScores()) + scores
      let goldSet = Set(goldSpans)
      let predictedSet = Set(predictedSpans)
      var groups: [ScoredSpan: String] = [:]
      for entity in predicted.entities ?? [] {
        if let label = labelMap(entity.label.rawValue) {
          groups[ScoredSpan(start: entity.start, end: entity.end, label: label)] =
            entity.id ?? entity.source?.rawValue ?? "unknown"
        }
      }
      for span in predictedSpans where goldSet.contains(span) {
        report.correctEntities.insert("\(gold.id):\(span.start):\(span.end):\(span.label)")
      }
      for span in goldSet where span.end <= scalars.count && span.start <= span.end {
        report.itemTexts["\(gold.id):\(span.start):\(span.end):\(span.label)"] = String(
          scalars: scalars[span.start..<span.end])
      }
      // In text order, so error lists are the same run to run (sets have no order).
      let inOrder: (ScoredSpan, ScoredSpan) -> Bool = {
        ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label)
      }
      for span in predictedSet.subtracting(goldSet).sorted(by: inOrder) {
        report.errors.append(
          item(.falsePositive, span, gold.id, scalars, group: groups[span] ?? "unknown"))
      }
      for span in goldSet.subtracting(predictedSet).sorted(by: inOrder) {
        report.errors.append(
          item(.falseNegative, span, gold.id, scalars, group: "missed \(span.label)"))
      }
    }
    guard let goldSentences = gold.sentences,
      goldSentences.contains(where: \.hasLabels)
    else { return }
    let predictedSentences = predicted.sentences ?? []
    for sentence in goldSentences {
      let shown = Self.text(of: sentence, scalars, limit: 100)
      for field in ["cooperation", "stance"] {
        report.itemTexts["\(gold.id):\(sentence.start):\(field)"] = shown
      }
      // The predicted sentence that overlaps this gold sentence most.
      let best = predictedSentences.max {
        overlap($0.span, sentence.span) < overlap($1.span, sentence.span)
      }
      .flatMap { overlap($0.span, sentence.span) > 0 ? $0 : nil }
      if let goldCategory = sentence.category?.rawValue {
        var predictedCategory = best?.category?.rawValue ?? "(none predicted)"
        if coarseCategories
          && ![Category.conflict.rawValue, Category.noInteraction.rawValue, "(none predicted)"]
            .contains(
              predictedCategory)
        {
          predictedCategory = "cooperation"
        }
        var scores = report.cooperation ?? ClassScores()
        scores.add(gold: goldCategory, predicted: predictedCategory)
        report.cooperation = scores
        note(
          "cooperation", gold: goldCategory, predicted: predictedCategory, sentence: sentence,
          best: best, document: gold.id, scalars: scalars, into: &report)
      }
      if let goldStance = sentence.stance?.rawValue {
        let predictedStance = best?.stance?.rawValue ?? "(none predicted)"
        var scores = report.stance ?? ClassScores()
        scores.add(gold: goldStance, predicted: predictedStance)
        report.stance = scores
        note(
          "stance", gold: goldStance, predicted: predictedStance, sentence: sentence,
          best: best, document: gold.id, scalars: scalars, into: &report)
      }
    }
  }

  /// Records a sentence label as right (`correctLabels`) or wrong (`labelErrors`, with its text
  /// and who decided the prediction).
  private func note(
    _ field: String, gold goldLabel: String, predicted: String, sentence: Sentence,
    best: Sentence?, document: String, scalars: [Unicode.Scalar], into report: inout Report
  ) {
    if goldLabel == predicted {
      report.correctLabels.insert("\(document):\(sentence.start):\(field)")
      return
    }
    report.labelErrors.append(
      LabelError(
        document: document, start: sentence.start, end: sentence.end, field: field,
        gold: goldLabel, predicted: predicted,
        text: Self.text(of: sentence, scalars, limit: 160),
        decidedBy: best?.extra[field]?["decided_by"]?.stringValue))
  }

  /// A sentence's text on one line, cut after `limit` scalars (with `…`).
  static func text(of sentence: Sentence, _ scalars: [Unicode.Scalar], limit: Int) -> String {
    let end = min(sentence.end, scalars.count)
    let start = min(sentence.start, end)
    let text =
      String(scalars: scalars[start..<min(end, start + limit)]) + (end - start > limit ? "…" : "")
    return String(text.map { $0 == "\n" ? " " : $0 })
  }

  private func overlap(_ a: Span, _ b: Span) -> Int {
    max(0, min(a.end, b.end) - max(a.start, b.start))
  }

  private func item(
    _ kind: ErrorItem.Kind, _ span: ScoredSpan, _ document: String, _ s: [Unicode.Scalar],
    group: String
  ) -> ErrorItem {
    let before = String(scalars: s[max(0, span.start - context)..<span.start])
    let after = String(scalars: s[span.end..<min(s.count, span.end + context)])
    let text = String(scalars: s[span.start..<span.end])
    let flat = { (t: String) in t.replacingNewlines() }
    return ErrorItem(
      kind: kind, document: document, span: span, text: text,
      context: flat(before) + "[" + text + "]" + flat(after), group: group)
  }
}

extension String {
  func replacingNewlines() -> String {
    String(scalars: unicodeScalars.map { $0 == "\n" ? " " : $0 })
  }
}
