// libFuzzer target: the JSONL reader and the record contract. Built by `make fuzz`.
import PrensaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  if let document = try? RecordStream.decode(bytes, at: SourceLocation(file: "fuzz", line: 1)) {
    // Whatever was accepted must be written back as valid JSON that reads the same.
    let line = document.jsonLine
    guard let again = try? RecordStream.decode(line, at: SourceLocation(file: "fuzz", line: 2))
    else {
      fatalError("written record does not read back: \(line)")
    }
    precondition(again.jsonLine == line, "writing is not stable")
  }
  return 0
}
