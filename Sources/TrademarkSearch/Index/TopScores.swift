/// The `capacity` highest (score, slot) pairs seen, in a min-heap: selection without sorting everything.
struct TopScores {
    let capacity: Int
    private(set) var scores: [Float] = []
    private(set) var slots: [Int32] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        scores.reserveCapacity(self.capacity)
        slots.reserveCapacity(self.capacity)
    }

    /// The lowest kept score once full (a candidate must beat it), otherwise −∞.
    var threshold: Float { scores.count < capacity ? -.infinity : scores[0] }

    mutating func insert(_ score: Float, _ slot: Int32) {
        if scores.count < capacity {
            scores.append(score)
            slots.append(slot)
            var child = scores.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard scores[child] < scores[parent] else { break }
                scores.swapAt(child, parent)
                slots.swapAt(child, parent)
                child = parent
            }
        } else if score > scores[0] {
            scores[0] = score
            slots[0] = slot
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < scores.count && scores[left] < scores[smallest] { smallest = left }
                if right < scores.count && scores[right] < scores[smallest] { smallest = right }
                guard smallest != parent else { break }
                scores.swapAt(smallest, parent)
                slots.swapAt(smallest, parent)
                parent = smallest
            }
        }
    }

    /// The kept slots, best first.
    func sortedSlots() -> [Int32] {
        zip(scores, slots).sorted { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.map(\.1)
    }
}
