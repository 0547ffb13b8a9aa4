import PrensaCore

/// Renders evaluation reports as tables for people and as JSON for machines.
public enum ReportFormatter {
  static func pct(_ value: Double) -> String {
    let hundredths = Int((value * 10_000).rounded())
    let fraction = hundredths % 100
    let text = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    return String(repeating: " ", count: max(0, 7 - text.count)) + text
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  static func row(_ name: String, _ score: PRFScore) -> String {
    pad(name, 22) + pct(score.precision) + pct(score.recall) + pct(score.f1) + "  "
      + "tp \(score.tp) fp \(score.fp) fn \(score.fn)"
  }

  /// A readable table.
  public static func table(_ report: Evaluator.Report, title: String, errors: Int = 0) -> String {
    var lines: [String] = ["== \(title): \(report.documents) documents"]
    if !report.missingPredictions.isEmpty {
      lines.append(
        "   \(report.missingPredictions.count) gold documents had no prediction (counted as missed)"
      )
    }
    if let entities = report.entities {
      lines.append(pad("entities", 22) + "      P      R     F1")
      lines.append(row("strict (micro)", entities.strict))
      lines.append(row("partial", entities.partial))
      lines.append(row("unlabelled spans", entities.unlabelled))
      for label in entities.perLabel.keys.sorted() {
        lines.append(row("  " + label, entities.perLabel[label] ?? PRFScore()))
      }
    }
    for (name, scores) in [("cooperation", report.cooperation), ("stance", report.stance)] {
      guard let scores else { continue }
      lines.append(
        pad(name, 22)
          + "     P     R    F1   (accuracy \(pct(scores.accuracy).trimmed), macro-F1 \(pct(scores.macroF1).trimmed))"
      )
      for label in scores.classes { lines.append(row("  " + label, scores.score(of: label))) }
      lines.append("  confusion (rows gold, columns predicted):")
      let classes = scores.classes
      lines.append("    " + pad("", 20) + classes.map { pad(String($0.prefix(8)), 9) }.joined())
      for gold in classes {
        lines.append(
          "    " + pad(gold, 20)
            + classes.map { pad(String(scores.confusion[gold]?[$0] ?? 0), 9) }.joined())
      }
    }
    if errors > 0 && !report.labelErrors.isEmpty {
      lines.append("sentence labels wrong, grouped by gold → predicted, most frequent first:")
      var groups: [String: [Evaluator.LabelError]] = [:]
      for error in report.labelErrors {
        groups["\(error.field): \(error.gold) → \(error.predicted)", default: []].append(error)
      }
      for (group, items) in groups.sorted(by: {
        ($1.value.count, $0.key) < ($0.value.count, $1.key)
      }).prefix(errors) {
        lines.append("  \(items.count)× \(group)")
        for item in items.prefix(3) {
          let by = item.decidedBy.map { " [\($0)]" } ?? ""
          lines.append("      \(item.document):\(item.start)\(by) \(item.text)")
        }
      }
    }
    if errors > 0 && !report.errors.isEmpty {
      lines.append("errors, grouped by lexicon entry or source, most frequent first:")
      var groups: [String: [Evaluator.ErrorItem]] = [:]
      for error in report.errors {
        groups["\(error.kind.rawValue) \(error.group)", default: []].append(error)
      }
      for (group, items) in groups.sorted(by: {
        ($1.value.count, $0.key) < ($0.value.count, $1.key)
      }).prefix(errors) {
        lines.append("  \(items.count)× \(group)")
        for item in items.prefix(3) {
          lines.append("      \(item.document): \(item.span.label) …\(item.context)…")
        }
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Deltas against a baseline run, and the items newly right and newly wrong.
  public static func comparison(
    _ report: Evaluator.Report, baseline: Evaluator.Report, items: Int = 20
  ) -> String {
    var lines = ["== change against the baseline"]
    func delta(_ name: String, _ new: Double, _ old: Double) {
      let d = ((new - old) * 1000).rounded() / 10
      lines.append(
        pad(name, 28) + pct(old) + " → " + pct(new) + "  (" + (d >= 0 ? "+" : "") + String(d) + ")")
    }
    if let new = report.entities, let old = baseline.entities {
      delta("entities strict F1", new.strict.f1, old.strict.f1)
      delta("entities partial F1", new.partial.f1, old.partial.f1)
    }
    if let new = report.cooperation, let old = baseline.cooperation {
      delta("cooperation macro-F1", new.macroF1, old.macroF1)
    }
    if let new = report.stance, let old = baseline.stance {
      delta("stance macro-F1", new.macroF1, old.macroF1)
    }
    let right = report.correctEntities.subtracting(baseline.correctEntities).union(
      report.correctLabels.subtracting(baseline.correctLabels)
    )
    .sorted()
    let wrong = baseline.correctEntities.subtracting(report.correctEntities).union(
      baseline.correctLabels.subtracting(report.correctLabels)
    )
    .sorted()
    func text(_ key: String) -> String {
      (report.itemTexts[key] ?? baseline.itemTexts[key]).map { "  «\($0)»" } ?? ""
    }
    lines.append("newly right: \(right.count)")
    lines += right.prefix(items).map { "  + \($0)" + text($0) }
    lines.append("newly wrong: \(wrong.count)")
    lines += wrong.prefix(items).map { "  - \($0)" + text($0) }
    return lines.joined(separator: "\n")
  }

  /// Token and sentence scores as rows.
  public static func segmentation(_ scores: SegmentationScorer.Scores) -> String {
    [
      pad("", 22) + "      P      R     F1", row("tokens", scores.tokens),
      row("sentences", scores.sentences),
    ].joined(separator: "\n")
  }

  public static func prfJSON(_ score: PRFScore) -> JSONValue { prf(score) }

  static func prf(_ score: PRFScore) -> JSONValue {
    .object(
      JSONObject([
        ("precision", .double(round4(score.precision))), ("recall", .double(round4(score.recall))),
        ("f1", .double(round4(score.f1))), ("tp", .int(score.tp)), ("fp", .int(score.fp)),
        ("fn", .int(score.fn)),
      ]))
  }

  /// Accuracy, macro-F1, per-class figures and the confusion matrix as JSON.
  public static func classesJSON(_ scores: ClassScores) -> JSONValue { classes(scores) }

  static func classes(_ scores: ClassScores) -> JSONValue {
    var perClass = JSONObject()
    for label in scores.classes { perClass[label] = prf(scores.score(of: label)) }
    var confusion = JSONObject()
    for (gold, row) in scores.confusion {
      var cells = JSONObject()
      for (predicted, count) in row { cells[predicted] = .int(count) }
      confusion[gold] = .object(cells)
    }
    return .object(
      JSONObject([
        ("accuracy", .double(round4(scores.accuracy))),
        ("macro_f1", .double(round4(scores.macroF1))),
        ("per_class", .object(perClass)), ("confusion", .object(confusion)),
        ("total", .int(scores.total)),
      ]))
  }

  /// The report as one JSON object (values rounded to 4 decimals).
  public static func json(_ report: Evaluator.Report, errors: Bool = false) -> JSONValue {
    var object = JSONObject([("documents", .int(report.documents))])
    if errors {
      object["label_errors"] = .array(
        report.labelErrors.map { e in
          var item = JSONObject([
            ("document", .string(e.document)), ("start", .int(e.start)), ("end", .int(e.end)),
            ("field", .string(e.field)), ("gold", .string(e.gold)),
            ("predicted", .string(e.predicted)), ("text", .string(e.text)),
          ])
          if let by = e.decidedBy { item["decided_by"] = .string(by) }
          return .object(item)
        })
      object["entity_errors"] = .array(
        report.errors.map { e in
          .object(
            JSONObject([
              ("kind", .string(e.kind.rawValue)), ("document", .string(e.document)),
              ("start", .int(e.span.start)), ("end", .int(e.span.end)),
              ("label", .string(e.span.label)), ("text", .string(e.text)),
              ("group", .string(e.group)),
            ]))
        })
    }
    if !report.missingPredictions.isEmpty {
      object["missing_predictions"] = .array(report.missingPredictions.map { .string($0) })
    }
    if let entities = report.entities {
      var perLabel = JSONObject()
      for (label, score) in entities.perLabel { perLabel[label] = prf(score) }
      object["entities"] = .object(
        JSONObject([
          ("strict", prf(entities.strict)), ("partial", prf(entities.partial)),
          ("unlabelled", prf(entities.unlabelled)), ("per_label", .object(perLabel)),
        ]))
    }
    if let cooperation = report.cooperation { object["cooperation"] = classes(cooperation) }
    if let stance = report.stance { object["stance"] = classes(stance) }
    return .object(object)
  }

  /// conlleval's report: overall and per-label precision, recall and F1 in percent.
  public static func conlleval(_ scores: SpanScores, tokens: Int) -> String {
    let s = scores.strict
    var lines = [
      "processed \(tokens) tokens with \(s.tp + s.fn) phrases; found: \(s.tp + s.fp) phrases; correct: \(s.tp).",
      "accuracy: -; precision: \(pct(s.precision)); recall: \(pct(s.recall)); FB1: \(pct(s.f1))",
    ]
    for label in scores.perLabel.keys.sorted() {
      let l = scores.perLabel[label] ?? PRFScore()
      lines.append(
        pad(label, 17)
          + ": precision: \(pct(l.precision)); recall: \(pct(l.recall)); FB1: \(pct(l.f1))  \(l.tp + l.fp)"
      )
    }
    return lines.joined(separator: "\n")
  }
}

extension String {
  var trimmed: String { String(drop { $0 == " " }) }
}
