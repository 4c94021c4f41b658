import Storage

extension ConversationSchema {
    /// The list of speakers and the record of interventions (filled in by the Floor part).
    static func floor(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        []
    }
}
