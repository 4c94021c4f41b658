/// What a user may do. Administrators manage people, tokens and models; examiners work with
/// collections (import, train, evaluate); viewers read and classify.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case examiner
    case administrator

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .examiner: 1
        case .administrator: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role includes everything `required` may do.
    public func includes(_ required: Role) -> Bool { self >= required }
}
