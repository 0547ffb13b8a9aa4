import PrensaCore

/// `prensa review`: one self-contained HTML page (no network, no external scripts or fonts) to
/// look at analysed records: an index of documents, charts of categories over time and per source,
/// and each document's text with entities highlighted and each sentence's category and stance.
///
/// The records travel inside the page as JSON (escaped for a `<script>` element); a small script
/// renders 50 documents a page, so 10,000 documents stay usable, and builds every element with
/// DOM calls and `textContent`, so no text from a record is ever parsed as markup.
public enum ReviewPage {
  /// Documents per page of the review.
  public static let pageSize = 50

  /// - Parameter network: the actor-interaction chart (`CorpusReport.network()`), when known.
  public static func render(
    _ documents: [Document], title: String = "prensa review", network: String? = nil
  ) -> String {
    var records: [JSONValue] = []
    var categoryTotals: [String: Int] = [:]
    var byDay: [String: [String: Int]] = [:]
    var bySource: [String: [String: Int]] = [:]
    var sentenceCount = 0
    var entityCount = 0
    for document in documents {
      let meta = document.fields["meta"]?.objectValue
      let day = meta?["date"]?.stringValue.map { String($0.prefix(10)) }
      let source = meta?["site"]?.stringValue
      var sentences: [JSONValue] = []
      var notes: [String] = []
      if document.sentences == nil { notes.append("not tokenized: no sentences") }
      if document.entities == nil { notes.append("not tagged: no entities") }
      for sentence in document.sentences ?? [] {
        let cooperation = sentence.extra[Sentence.LabelKey.cooperation]?.objectValue
        let category = sentence.category?.rawValue
        if let category {
          categoryTotals[category, default: 0] += 1
          if let day { byDay[day, default: [:]][category, default: 0] += 1 }
          if let source { bySource[source, default: [:]][category, default: 0] += 1 }
        }
        let cues: [JSONValue] = (cooperation?["cues"]?.arrayValue ?? []).compactMap { cue in
          guard let start = cue["start"]?.intValue, let end = cue["end"]?.intValue else {
            return nil
          }
          // Cue offsets are within the sentence.
          return .array([.int(sentence.start + start), .int(sentence.start + end)])
        }
        sentences.append(
          .object(
            JSONObject([
              ("s", .int(sentence.start)), ("e", .int(sentence.end)),
              ("c", category.map { .string($0) } ?? .null),
              ("t", sentence.stance.map { .string($0.rawValue) } ?? .null),
              ("by", cooperation?["decided_by"] ?? .null),
              ("ctx", cooperation?["from_context"] ?? .null),
              ("h", sentence.stanceHolder.map { .string($0) } ?? .null),
              (
                "a",
                cooperation?["actors"]?.objectValue.flatMap { actors -> JSONValue? in
                  guard let source = actors["source"]?.stringValue,
                    let target = actors["target"]?.stringValue
                  else { return nil }
                  return .string(source + " → " + target)
                } ?? .null
              ),
              ("cues", .array(cues)),
            ])))
      }
      sentenceCount += document.sentences?.count ?? 0
      entityCount += document.entities?.count ?? 0
      let entities: [JSONValue] = (document.entities ?? []).map { e in
        .object(
          JSONObject([
            ("s", .int(e.start)), ("e", .int(e.end)), ("l", .string(e.label.rawValue)),
            ("id", e.id.map { .string($0) } ?? .null),
            ("r", e.refersTo.map { .string($0) } ?? .null),
            ("src", e.source.map { .string($0.rawValue) } ?? .null),
            ("p", e.confidence.map { .double($0) } ?? .null),
          ]))
      }
      records.append(
        .object(
          JSONObject([
            ("id", .string(document.id)), ("text", .string(document.text)),
            ("title", meta?["title"] ?? .null), ("date", day.map { .string($0) } ?? .null),
            ("site", source.map { .string($0) } ?? .null),
            ("sentences", .array(sentences)), ("entities", .array(entities)),
            ("notes", .array(notes.map { .string($0) })),
          ])))
    }
    let data = scriptSafe(JSONValue.array(records).jsonLine)
    var html = """
      <!DOCTYPE html>
      <html lang="es">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(title))</title>
      <style>\(style)\(Charts.categoryStyle)</style>
      </head>
      <body>
      <header>
      <h1>\(escape(title))</h1>
      <p id="summary">\(documents.count) documents, \(sentenceCount) sentences, \(entityCount) entities</p>
      </header>
      <section id="charts" aria-label="Charts">

      """
    html += chart("Sentences per category", rows: [("all", categoryTotals)])
    if !byDay.isEmpty { html += Charts.overTime(byDay) }
    if !bySource.isEmpty { html += Charts.perSource(bySource) }
    if let network { html += network }
    html += """
      </section>
      <form id="filters" role="search" aria-label="Filters" onsubmit="return false">
      <label>Category <select id="f-category"><option value="">all</option></select></label>
      <label>Stance <select id="f-stance"><option value="">all</option></select></label>
      <label>Entity label <select id="f-label"><option value="">all</option></select></label>
      <label>Entity or text <input id="f-text" type="search" placeholder="Rusia"></label>
      <label>Document <input id="f-doc" type="search" placeholder="id or title"></label>
      </form>
      <p id="help">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous document, <kbd>n</kbd>/<kbd>p</kbd> next/previous page, <kbd>/</kbd> search.</p>
      <nav id="pager" aria-label="Pages"></nav>
      <table id="index"><caption>Documents on this page</caption><thead><tr><th scope="col">Document</th><th scope="col">Date</th><th scope="col">Source</th><th scope="col">Sentences</th><th scope="col">Entities</th><th scope="col">Main category</th></tr></thead><tbody></tbody></table>
      <main id="documents"></main>
      <script type="application/json" id="data">\(data)</script>
      <script>\(script)</script>
      </body>
      </html>

      """
    return html
  }

  /// The categories in the order charts stack them (colour always comes with the label's text).
  static let categories = [
    Category.noInteraction, .diplomatic, .economic, .military, .armsTransfer, .technologyTransfer,
    .conflict,
  ].map(\.rawValue)

  /// A horizontal stacked bar per row (a day, a source), one colour per category, as inline SVG
  /// with a text legend and a title per segment (and a table-like text for screen readers).
  static func chart(_ title: String, rows: [(String, [String: Int])]) -> String {
    let width = 560
    let rowHeight = 18
    let labelWidth = 150
    let top = rows.map { $0.1.values.reduce(0, +) }.max() ?? 1
    let height = rows.count * rowHeight + 8
    var svg =
      "<figure class=\"chart\"><figcaption>\(escape(title))</figcaption>"
      + "<svg role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">"
    for (i, (label, counts)) in rows.enumerated() {
      let y = i * rowHeight + 4
      svg +=
        "<text x=\"0\" y=\"\(y + 12)\" class=\"axis\">\(escape(String(label.prefix(24))))</text>"
      var x = Double(labelWidth)
      for category in categories + counts.keys.filter({ !categories.contains($0) }).sorted() {
        guard let n = counts[category], n > 0 else { continue }
        let w = Double(width - labelWidth - 40) * Double(n) / Double(max(1, top))
        svg +=
          "<rect x=\"\(Int(x))\" y=\"\(y)\" width=\"\(max(1, Int(w)))\" height=\"\(rowHeight - 4)\" class=\"c-\(escape(category))\"><title>\(escape(label)): \(escape(category)) \(n)</title></rect>"
        x += w
      }
      svg +=
        "<text x=\"\(Int(x) + 4)\" y=\"\(y + 12)\" class=\"axis\">\(counts.values.reduce(0, +))</text>"
    }
    svg += "</svg><p class=\"legend\">"
    for category in categories {
      svg += "<span class=\"key c-\(category)\"></span>\(category) "
    }
    return svg + "</p></figure>\n"
  }

  /// HTML text and attribute escaping.
  public static func escape(_ text: String) -> String {
    replacing(text, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"])
  }

  /// JSON made safe inside `<script>`: no `</` (which would end the element), no `<!--`, and the
  /// line separators JavaScript once refused in strings, all as escapes JSON allows.
  static func scriptSafe(_ json: String) -> String {
    replacing(
      json,
      [
        "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u{2028}": "\\u2028",
        "\u{2029}": "\\u2029",
      ])
  }

  /// `text` with each scalar in `table` replaced by its entry.
  static func replacing(_ text: String, _ table: [Unicode.Scalar: String]) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
      if let replacement = table[c] { out += replacement } else { out.unicodeScalars.append(c) }
    }
    return out
  }

  static let style = """
    :root{--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ddd}
    body{font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:60rem;padding:0 .75rem}
    h1{font-size:1.4rem;margin:.6rem 0}
    h2{font-size:1.1rem;margin:.2rem 0}
    #filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:.5rem 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
    #filters label{display:flex;flex-direction:column;font-size:.85rem}
    select,input{font:inherit;padding:.15rem}
    table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}
    th,td{text-align:left;border-bottom:1px solid var(--line);padding:.15rem .3rem}
    article{border-top:2px solid var(--line);padding:.5rem 0}
    article:focus{outline:3px solid #1a5fb4}
    .meta{color:var(--muted);font-size:.85rem}
    .s{margin:.35rem 0}
    .badge{display:inline-block;font-size:.75rem;border-radius:.25rem;padding:0 .3rem;margin-right:.3rem;border:1px solid #0003}
    mark.ent{background:none;border-bottom:3px solid;padding:0 .05rem}
    mark.ent:focus{outline:2px solid #1a5fb4}
    .l-PER{border-color:#0b7285!important}.l-ORG{border-color:#862e9c!important}.l-GPE{border-color:#2b8a3e!important}
    .l-LOC{border-color:#e67700!important}.l-NORP{border-color:#1864ab!important}.l-MISC{border-color:#868e96!important}
    .lab{font-size:.65rem;vertical-align:super;color:var(--muted)}
    u.cue{text-decoration-thickness:2px;text-decoration-style:wavy}
    .node{fill:#333}
    .key{display:inline-block;width:.8rem;height:.8rem;margin:0 .2rem 0 .5rem;vertical-align:middle}
    .chart{margin:.5rem 0}.chart figcaption{font-weight:600}.axis{font-size:11px;fill:#333}
    .legend{font-size:.8rem}
    .who{font-size:.8rem;color:var(--muted);margin-left:1rem}
    #pager button{margin-right:.3rem}
    @media (max-width:480px){body{font-size:14px}#filters{flex-direction:column}th:nth-child(3),td:nth-child(3){display:none}}
    """

  static let script = """
    (function(){
    "use strict";
    var docs = JSON.parse(document.getElementById("data").textContent);
    var PAGE = \(pageSize);
    var page = 0;
    var $ = function(id){ return document.getElementById(id); };
    function el(tag, cls, text){ var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = text; return e; }
    function fill(select, values){ values.sort().forEach(function(v){ var o = el("option", null, v); o.value = v; select.appendChild(o); }); }
    var cats = {}, stances = {}, labels = {};
    docs.forEach(function(d){ d.chars = Array.from(d.text); d.sentences.forEach(function(s){ if (s.c) cats[s.c] = 1; if (s.t) stances[s.t] = 1; }); d.entities.forEach(function(e){ labels[e.l] = 1; }); });
    fill($("f-category"), Object.keys(cats)); fill($("f-stance"), Object.keys(stances)); fill($("f-label"), Object.keys(labels));
    function slice(d, s, e){ return d.chars.slice(s, e).join(""); }
    function state(){ return {c: $("f-category").value, t: $("f-stance").value, l: $("f-label").value, q: $("f-text").value.toLowerCase(), doc: $("f-doc").value.toLowerCase()}; }
    function sentenceMatches(d, s, f){
      if (f.c && s.c !== f.c) return false;
      if (f.t && s.t !== f.t) return false;
      if (f.l && !d.entities.some(function(e){ return e.l === f.l && e.s >= s.s && e.e <= s.e; })) return false;
      if (f.q && slice(d, s.s, s.e).toLowerCase().indexOf(f.q) < 0) return false;
      return true;
    }
    function selected(){
      var f = state();
      var filtering = f.c || f.t || f.l || f.q;
      return docs.filter(function(d){
        if (f.doc && (d.id + " " + (d.title || "")).toLowerCase().indexOf(f.doc) < 0) return false;
        if (!filtering) return true;
        return d.sentences.some(function(s){ return sentenceMatches(d, s, f); });
      });
    }
    function mainCategory(d){ var n = {}; d.sentences.forEach(function(s){ if (s.c && s.c !== "none") n[s.c] = (n[s.c] || 0) + 1; }); var best = "none", m = 0; Object.keys(n).forEach(function(k){ if (n[k] > m) { m = n[k]; best = k; } }); return best; }
    function renderText(d, s, parent){
      var ents = d.entities.filter(function(e){ return e.s >= s.s && e.e <= s.e; });
      var cues = s.cues || [];
      var at = s.s;
      function plain(from, to){
        var pos = from;
        cues.forEach(function(c){ if (c[0] >= pos && c[1] <= to) { if (c[0] > pos) parent.appendChild(document.createTextNode(slice(d, pos, c[0]))); parent.appendChild(el("u", "cue", slice(d, c[0], c[1]))); pos = c[1]; } });
        if (to > pos) parent.appendChild(document.createTextNode(slice(d, pos, to)));
      }
      ents.forEach(function(e){
        if (e.s < at) return;
        plain(at, e.s);
        var m = el("mark", "ent l-" + e.l, slice(d, e.s, e.e));
        m.tabIndex = 0;
        var info = e.l + (e.id ? " · " + e.id : "") + (e.r ? " · refers to " + e.r : "") + (e.src ? " · " + e.src : "") + (e.p !== null && e.p !== undefined ? " · " + e.p : "");
        m.title = info; m.setAttribute("aria-label", slice(d, e.s, e.e) + ": " + info);
        m.dataset.label = e.l;
        m.appendChild(el("span", "lab", e.l));
        parent.appendChild(m);
        at = e.e;
      });
      plain(at, s.e);
    }
    function render(){
      var f = state();
      var filtering = f.c || f.t || f.l || f.q;
      var list = selected();
      var pages = Math.max(1, Math.ceil(list.length / PAGE));
      if (page >= pages) page = pages - 1;
      var shown = list.slice(page * PAGE, page * PAGE + PAGE);
      var pager = $("pager"); pager.textContent = "";
      var prev = el("button", null, "← previous"); prev.type = "button"; prev.disabled = page === 0; prev.onclick = function(){ page--; render(); };
      var next = el("button", null, "next →"); next.type = "button"; next.disabled = page >= pages - 1; next.onclick = function(){ page++; render(); };
      pager.appendChild(prev); pager.appendChild(next);
      pager.appendChild(el("span", null, " page " + (page + 1) + " of " + pages + " · " + list.length + " documents"));
      var body = document.querySelector("#index tbody"); body.textContent = "";
      var main = $("documents"); main.textContent = "";
      shown.forEach(function(d, i){
        var n = page * PAGE + i;
        var tr = el("tr"); var a = el("a", null, d.title || d.id); a.href = "#doc-" + n;
        var td = el("td"); td.appendChild(a); tr.appendChild(td);
        tr.appendChild(el("td", null, d.date || "")); tr.appendChild(el("td", null, d.site || ""));
        tr.appendChild(el("td", null, String(d.sentences.length))); tr.appendChild(el("td", null, String(d.entities.length)));
        tr.appendChild(el("td", null, mainCategory(d)));
        body.appendChild(tr);
        var art = el("article"); art.id = "doc-" + n; art.tabIndex = -1;
        art.appendChild(el("h2", null, d.title || d.id));
        art.appendChild(el("p", "meta", [d.id, d.date, d.site].filter(Boolean).join(" · ")));
        d.notes.forEach(function(note){ art.appendChild(el("p", "meta", "Note: " + note)); });
        if (!d.sentences.length) art.appendChild(el("p", "s", d.text));
        d.sentences.forEach(function(s){
          if (filtering && !sentenceMatches(d, s, f)) return;
          var p = el("p", "s"); p.dataset.category = s.c || ""; p.dataset.stance = s.t || "";
          var badge = el("span", "badge c-" + (s.c || "none"), (s.c || "unclassified") + " · " + (s.t || "?") + (s.by === "model" ? " · model" : "") + (s.ctx ? " · from the article" : ""));
          p.appendChild(badge);
          renderText(d, s, p);
          if (s.a) p.appendChild(el("span", "who", "actors: " + s.a));
          if (s.h) p.appendChild(el("span", "who", "holder: " + s.h));
          art.appendChild(p);
        });
        main.appendChild(art);
      });
    }
    ["f-category", "f-stance", "f-label", "f-text", "f-doc"].forEach(function(id){ $(id).addEventListener("input", function(){ page = 0; render(); }); });
    // Filters can be given in the address: #category=conflict&stance=alarm&label=GPE&q=Rusia&page=2
    (location.hash.slice(1) || "").split("&").forEach(function(kv){
      var p = kv.split("="); var v = decodeURIComponent(p[1] || "");
      if (p[0] === "category") $("f-category").value = v; else if (p[0] === "stance") $("f-stance").value = v;
      else if (p[0] === "label") $("f-label").value = v; else if (p[0] === "q") $("f-text").value = v;
      else if (p[0] === "doc") $("f-doc").value = v; else if (p[0] === "page") page = Math.max(0, parseInt(v, 10) - 1 || 0);
    });
    document.addEventListener("keydown", function(ev){
      if (ev.target.tagName === "INPUT" || ev.target.tagName === "SELECT") return;
      var arts = Array.prototype.slice.call(document.querySelectorAll("article"));
      var i = arts.indexOf(document.activeElement);
      if (ev.key === "j" && arts.length) { arts[Math.min(arts.length - 1, i + 1)].focus(); }
      else if (ev.key === "k" && arts.length) { arts[Math.max(0, i - 1)].focus(); }
      else if (ev.key === "n") { page++; render(); }
      else if (ev.key === "p") { page = Math.max(0, page - 1); render(); }
      else if (ev.key === "/") { ev.preventDefault(); $("f-text").focus(); }
    });
    render();
    })();
    """
}
