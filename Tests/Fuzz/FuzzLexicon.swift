// libFuzzer target: the lexicon parser. Built by `make fuzz`.
import EntityTagging

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let entries = try? LexiconLoader.parse(text, file: "fuzz.tsv") {
    _ = LexiconChecker.findings(entries)
    for entry in entries { precondition(!entry.id.isEmpty && !entry.name.isEmpty) }
  }
  return 0
}
