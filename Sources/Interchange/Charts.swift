import PrensaCore

/// The charts of `prensa review` and `prensa report --format html|svg`, as inline SVG.
public enum Charts {
  /// Stacked bars of category counts per row (a period, a source).
  public static func categoryBars(_ title: String, rows: [(String, [String: Int])]) -> String {
    ReviewPage.chart(title, rows: rows)
  }

  /// Category counts per period: by day for up to a month of days, else by month, else by year.
  public static func overTime(_ byDay: [String: [String: Int]]) -> String {
    let width = byDay.count <= 31 ? 10 : Set(byDay.keys.map { $0.prefix(7) }).count <= 36 ? 7 : 4
    var periods: [String: [String: Int]] = [:]
    for (day, counts) in byDay {
      for (category, n) in counts {
        periods[String(day.prefix(width)), default: [:]][category, default: 0] += n
      }
    }
    let unit = width == 10 ? "day" : width == 7 ? "month" : "year"
    return ReviewPage.chart(
      "Categories over time (by \(unit))",
      rows: periods.keys.sorted().map { ($0, periods[$0] ?? [:]) })
  }

  /// Category counts per source, the 25 with most sentences.
  public static func perSource(_ bySource: [String: [String: Int]]) -> String {
    let top = bySource.sorted {
      ($0.value.values.reduce(0, +), $1.key) > ($1.value.values.reduce(0, +), $0.key)
    }.prefix(25)
    return ReviewPage.chart(
      bySource.count > 25
        ? "Categories per source (25 with most sentences)" : "Categories per source",
      rows: top.map { ($0.key, $0.value) })
  }

  /// An actor-interaction network: the actors of the most sentences on a circle, an edge per
  /// pair and category (coloured by category, width by sentences, a title with the count), the
  /// actors' names beside them.
  public static func network(
    _ edges: [(category: String, source: String, target: String, count: Int)],
    name: (String) -> String, maxNodes: Int = 24, standalone: Bool = false
  ) -> String {
    var degree: [String: Int] = [:]
    for edge in edges {
      degree[edge.source, default: 0] += edge.count
      degree[edge.target, default: 0] += edge.count
    }
    let nodes = degree.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(maxNodes).map(
      \.key)
    let size = 620.0
    let radius = 220.0
    var position: [String: (Double, Double)] = [:]
    for (i, node) in nodes.enumerated() {
      let angle = 2 * Double.pi * Double(i) / Double(max(1, nodes.count)) - Double.pi / 2
      position[node] = (size / 2 + radius * cos(angle), size / 2 + radius * sin(angle))
    }
    let top = edges.map(\.count).max() ?? 1
    let caption =
      "Actor interactions (the \(nodes.count) actors in most sentences; edges by category)"
    var svg =
      standalone
      ? "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(caption)\" viewBox=\"0 0 \(Int(size)) \(Int(size))\"><style>\(style)</style>"
      : "<figure class=\"chart\"><figcaption>\(caption)</figcaption>"
        + "<svg role=\"img\" aria-label=\"Actor interactions\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" width=\"100%\" style=\"max-width:620px\">"
    // Thin edges first, so thick ones are drawn on top; ties in a fixed order (deterministic).
    for edge in edges.sorted(by: {
      ($0.count, $0.category, $0.source, $0.target) < ($1.count, $1.category, $1.source, $1.target)
    }) {
      guard let a = position[edge.source], let b = position[edge.target], edge.source != edge.target
      else { continue }
      let width = 1 + 5 * Double(edge.count) / Double(max(1, top))
      svg +=
        "<line x1=\"\(Int(a.0))\" y1=\"\(Int(a.1))\" x2=\"\(Int(b.0))\" y2=\"\(Int(b.1))\" stroke-width=\"\((width * 10).rounded() / 10)\" class=\"e-\(ReviewPage.escape(edge.category))\"><title>\(ReviewPage.escape(name(edge.source))) → \(ReviewPage.escape(name(edge.target))): \(ReviewPage.escape(edge.category)) \(edge.count)</title></line>"
    }
    for node in nodes {
      guard let p = position[node] else { continue }
      let anchor = p.0 < size / 2 - 5 ? "end" : p.0 > size / 2 + 5 ? "start" : "middle"
      let dx = anchor == "end" ? -8 : anchor == "start" ? 8 : 0
      svg +=
        "<circle cx=\"\(Int(p.0))\" cy=\"\(Int(p.1))\" r=\"5\" class=\"node\"><title>\(ReviewPage.escape(name(node))): \(degree[node] ?? 0)</title></circle>"
        + "<text x=\"\(Int(p.0) + dx)\" y=\"\(Int(p.1) + 4)\" text-anchor=\"\(anchor)\" class=\"axis\">\(ReviewPage.escape(String(name(node).prefix(22))))</text>"
    }
    return svg + (standalone ? "</svg>\n" : "</svg></figure>\n")
  }

  /// The styles the charts need, for pages other than the review page.
  public static let style = """
    body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:0 .75rem}
    .chart figcaption{font-weight:600}.axis{font-size:11px;fill:#333}.legend{font-size:.8rem}
    .key{display:inline-block;width:.8rem;height:.8rem;margin:0 .2rem 0 .5rem;vertical-align:middle}
    .node{fill:#333}
    table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{text-align:left;border-bottom:1px solid #ddd;padding:.15rem .4rem}
    """ + categoryStyle

  /// Fill colours (bars), stroke colours (edges) and key backgrounds per category.
  static let categoryStyle = """
    .c-none{fill:#ced4da;background:#ced4da}.c-diplomatic{fill:#74c0fc;background:#74c0fc}
    .c-economic{fill:#ffd43b;background:#ffd43b}.c-military{fill:#63e6be;background:#63e6be}
    .c-arms_transfer{fill:#ffa94d;background:#ffa94d}.c-technology_transfer{fill:#b197fc;background:#b197fc}
    .c-conflict{fill:#ff6b6b;background:#ff6b6b}
    line{stroke-opacity:.75}.e-none{stroke:#ced4da}.e-diplomatic{stroke:#339af0}.e-economic{stroke:#fab005}
    .e-military{stroke:#20c997}.e-arms_transfer{stroke:#fd7e14}.e-technology_transfer{stroke:#845ef7}
    .e-conflict{stroke:#e03131}
    """
}

#if canImport(Glibc)
  import Glibc
#endif
