// libFuzzer target: normalize (idempotence and the alignment invariants). Built by `make fuzz`.
import Normalization
import PrensaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let normalizer = Normalizer(options: .init(compoundPrefixes: ["ruso"]))
  let (once, alignment, _) = normalizer.normalizeWithAlignment(text)
  precondition(normalizer.normalize(once) == once, "normalize is not idempotent")
  let length = once.unicodeScalars.count
  let originalLength = text.unicodeScalars.count
  for i in 0..<length {
    let span = alignment.originalSpan(of: Span(start: i, end: i + 1))
    precondition(
      span.start >= 0 && span.end <= originalLength && span.start < span.end,
      "alignment out of the original")
  }
  return 0
}
