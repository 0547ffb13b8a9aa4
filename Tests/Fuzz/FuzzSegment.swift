// libFuzzer target: prensa's word and sentence segmenters give ICU's boundaries on every text
// they take (SegmenterCheck). Built by `make fuzz`.
import Tokenization

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let difference = SegmenterCheck.difference(Array(text.unicodeScalars)) {
    preconditionFailure(difference)
  }
  return 0
}
