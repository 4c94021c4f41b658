import Synchronization

/// Row ids made by the server rather than the database, so that a transaction can refer to a row
/// it inserts (both engines, no RETURNING round trip) and several servers never collide: the time
/// in milliseconds (so ids sort by creation, which keyset pagination relies on), then 22 random bits.
public enum IdentifierGenerator {
    private static let last = Mutex<Int64>(0)

    public static func next() -> Int64 {
        let time = Clock.milliseconds() - 1_700_000_000_000
        let candidate = (time << 22) | Int64.random(in: 0..<(1 << 22))
        // Strictly increasing within this process, even within one millisecond.
        return last.withLock { previous in
            let value = max(candidate, previous + 1)
            previous = value
            return value
        }
    }
}
