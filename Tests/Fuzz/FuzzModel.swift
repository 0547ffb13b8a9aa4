// libFuzzer target: the classifier model reader. Built by `make fuzz`.
import SentenceClassification

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let model = try? ClassifierModel(bytes: bytes, file: "fuzz.model") {
    // A model that reads decides on any article without trapping, and round-trips.
    precondition((try? ClassifierModel(bytes: model.serialized(), file: "again")) == model)
    _ = model.decide([[("w:acuerdo", 1), ("ctx:none", 0.5)], []])
  }
  return 0
}
