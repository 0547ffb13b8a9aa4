import PrensaText
import Testing

@Suite struct MatchKeyTests {
  @Test(arguments: [
    (["Moscú", "MOSCU", "moscu", "MOSCÚ"], "moscu"),
    (["PUTIN", "Putin", "Putín"], "putin"),
    (["Pingüino", "pinguino"], "pinguino"),
    (["ESPAÑA", "España", "españa"], "españa"),
    (["Straße"], "strasse"),
  ])
  func sharesKey(forms: [String], key: String) {
    for form in forms { #expect(MatchKey.key(form) == key, "\(form)") }
  }

  @Test func tildeOfEñeIsKept() {
    #expect(MatchKey.key("año") != MatchKey.key("ano"))
    #expect(MatchKey.key("Año") == "año")
  }
}
