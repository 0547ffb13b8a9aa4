import HTMLShim

/// An HTML page as libxml2's HTML parser reads it (lenient: broken markup is repaired the way
/// browsers repair it), copied into plain Swift values so the extractor never touches C memory.
public struct HTMLTree: Sendable {
  /// One node: an element with its attributes and children, or a run of text.
  public struct Node: Sendable {
    public enum Kind: Sendable { case element, text }
    public var kind: Kind
    /// The element's name, lower case; empty for text.
    public var name: String
    /// The attributes, names lower case, in document order.
    public var attributes: [(name: String, value: String)]
    /// A text node's text (character references already decoded).
    public var text: String
    public var children: [Int]
    /// The parent's index; -1 for the root.
    public var parent: Int

    /// The value of an attribute, if present.
    public func attribute(_ name: String) -> String? {
      attributes.first { $0.name == name }?.value
    }
  }

  /// Every node; `nodes[0]` is the root element when the page has one.
  public var nodes: [Node]

  /// Parses UTF-8 text. An empty page gives an empty tree.
  public init(html: String) {
    nodes = []
    var text = html
    let document = text.withUTF8 { buffer in
      buffer.withMemoryRebound(to: CChar.self) {
        prensa_html_parse($0.baseAddress, Int32(buffer.count))
      }
    }
    guard let document else { return }
    defer { prensa_html_free(document) }
    guard let root = prensa_html_root(document) else { return }
    // Depth-first, with an explicit stack: a page of any depth cannot overflow the call stack.
    var stack: [(node: UnsafeRawPointer, parent: Int)] = [(UnsafeRawPointer(root), -1)]
    while let (pointer, parent) = stack.popLast() {
      guard let node = Self.node(pointer, parent: parent) else { continue }
      let index = nodes.count
      nodes.append(node)
      if parent >= 0 { nodes[parent].children.append(index) }
      guard node.kind == .element else { continue }
      var children: [UnsafeRawPointer] = []
      var child = prensa_html_first_child(pointer)
      while let current = child {
        children.append(current)
        child = prensa_html_next(current)
      }
      for child in children.reversed() { stack.append((child, index)) }
    }
  }

  private static func node(_ pointer: UnsafeRawPointer, parent: Int) -> Node? {
    switch prensa_html_type(pointer) {
    case Int32(PRENSA_HTML_ELEMENT):
      guard let name = prensa_html_name(pointer) else { return nil }
      var attributes: [(name: String, value: String)] = []
      var i: Int32 = 0
      var attributeName: UnsafePointer<CChar>?
      var value: UnsafeMutablePointer<CChar>?
      while prensa_html_attribute(pointer, i, &attributeName, &value) != 0 {
        if let attributeName {
          attributes.append(
            (String(cString: attributeName).lowercased(), value.map { String(cString: $0) } ?? ""))
        }
        prensa_html_free_string(value)
        value = nil
        i += 1
      }
      return Node(
        kind: .element, name: String(cString: name).lowercased(), attributes: attributes,
        text: "", children: [], parent: parent)
    case Int32(PRENSA_HTML_TEXT), Int32(PRENSA_HTML_CDATA):
      guard let content = prensa_html_content(pointer) else { return nil }
      return Node(
        kind: .text, name: "", attributes: [], text: String(cString: content), children: [],
        parent: parent)
    default:
      return nil  // comments, processing instructions
    }
  }

  /// The indices of the elements named `name`, in document order.
  public func elements(named name: String) -> [Int] {
    nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].name == name }
  }

  /// All the text under a node, in document order, with nothing collapsed.
  public func rawText(_ index: Int) -> String {
    var result = ""
    var stack = [index]
    while let i = stack.popLast() {
      let node = nodes[i]
      if node.kind == .text {
        result += node.text
      } else {
        stack.append(contentsOf: node.children.reversed())
      }
    }
    return result
  }

  /// Whether `ancestor` is `index` or contains it.
  public func contains(_ ancestor: Int, _ index: Int) -> Bool {
    var i = index
    while i >= 0 {
      if i == ancestor { return true }
      i = nodes[i].parent
    }
    return false
  }
}
