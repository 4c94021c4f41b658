/// Whether a section of the Vienna Classification is principal or auxiliary.
///
/// The WIPO edition prints principal sections with an asterisk (`* 26.1.1 Circles`) and auxiliary
/// sections with the letter A (`A 26.1.3 One circle or ellipse`). Auxiliary sections gather figurative
/// elements across the principal sections of a division and are given in addition to a principal one.
/// Office lists that drop the marker (EUIPO's CSV) leave the kind unknown.
public enum ViennaSectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case principal
    case auxiliary
}
