/// The order in which a panel's waiting requests get the floor: a pure function, so every screen
/// and every server agrees, and it can be tested on its own.
///
/// Rights of reply come first, in order of request. Then floor requests: in order of request, or,
/// under ``FloorPolicy/memberStatesFirst``, member-state delegations before observers (each group
/// in order of request). Ties in request time are broken by id, which is time-ordered too.
///
/// ```swift
/// let order = SpeakerOrder.order(snapshot.waiting, policy: .memberStatesFirst)
/// ```
/// - Complexity: O(n log n).
public enum SpeakerOrder {
    public static func order(_ waiting: [SpeakerRequest], policy: FloorPolicy) -> [SpeakerRequest] {
        waiting.sorted { a, b in
            let keyA = key(a, policy: policy)
            let keyB = key(b, policy: policy)
            return keyA < keyB
        }
    }

    /// (group, requested at, id): lower goes first.
    static func key(_ request: SpeakerRequest, policy: FloorPolicy) -> (Int, Int64, Int64) {
        let group: Int
        if request.kind == .reply {
            group = 0
        } else if policy == .memberStatesFirst {
            group = request.category == .memberState ? 1 : 2
        } else {
            group = 1
        }
        return (group, request.requestedAt, request.id)
    }
}
