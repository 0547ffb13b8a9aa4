import PrensaCore

/// Spanish month names and the abbreviations datelines and printed dates use
/// (`Lexicons/es/months.tsv`), by matching key: `mayo`, `may` → 5.
package enum MonthNames {
  package static let file = "es/months.tsv"

  /// Reads the table.
  ///
  /// - Throws: `PipelineError` for a missing file or a line that is not `name<TAB>1-12`.
  package static func load(_ directory: LexiconDirectory) throws(PipelineError) -> [String: Int] {
    var result: [String: Int] = [:]
    for (text, line) in try directory.lines(file) {
      let columns = text.split(separator: "\t")
      guard columns.count == 2, let month = Int(columns[1]), (1...12).contains(month) else {
        throw .invalidConfiguration(
          "\(directory.path)/\(file):\(line): expected 'name<TAB>1-12'")
      }
      result[MatchKey.key(String(columns[0]))] = month
    }
    return result
  }
}
