import Conversation
import Core
import Foundation
import Logging
import NIOCore
import Storage

/// The live list of speakers of one server: ONE feed per panel that has viewers. The hub listens
/// to the database's notifications (PostgreSQL LISTEN/NOTIFY across servers, in-process on
/// SQLite); on `floor:<panel>` it reads that panel's snapshot once and hands the same encoded
/// event to every viewer — so a change costs one read per server, however many watch.
///
/// Changes that arrive while a read is under way are folded into one more read, so viewers always
/// end on the newest state. Each viewer's queue keeps only the newest few events: a slow screen
/// skips intermediate states rather than slowing the others.
actor FloorFeedHub {
    /// One server-sent event, encoded once for all viewers.
    struct Event: Sendable {
        var revision: Int64
        var bytes: ByteBuffer
    }

    private final class Feed {
        var viewers: [Int: AsyncStream<Event>.Continuation] = [:]
        var loading = false
        var dirty = false
    }

    private let conversations: ConversationStore
    private let logger: Logger
    private var feeds: [Int64: Feed] = [:]
    private var listener: Task<Void, Never>?
    private var nextViewer = 0

    init(conversations: ConversationStore, logger: Logger) {
        self.conversations = conversations
        self.logger = logger
    }

    /// Number of panels with a live feed on this server, and of viewers (for tests and logs).
    var counts: (feeds: Int, viewers: Int) { (feeds.count, feeds.values.reduce(0) { $0 + $1.viewers.count }) }

    /// Registers a viewer of the panel: events of every later change arrive on the stream. Listens
    /// to the database before returning, so a change made after this call is never missed.
    func subscribe(panelID: Int64) -> (id: Int, events: AsyncStream<Event>) {
        if listener == nil { startListening() }
        nextViewer += 1
        let id = nextViewer
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let feed = feeds[panelID] ?? Feed()
        feeds[panelID] = feed
        feed.viewers[id] = continuation
        return (id, stream)
    }

    func unsubscribe(panelID: Int64, id: Int) {
        guard let feed = feeds[panelID] else { return }
        feed.viewers.removeValue(forKey: id)?.finish()
        if feed.viewers.isEmpty, !feed.loading { feeds.removeValue(forKey: panelID) }
        if feeds.isEmpty {
            listener?.cancel()
            listener = nil
        }
    }

    /// The event for a snapshot: `event: floor`, the revision as the event id, the JSON as data.
    nonisolated static func event(_ snapshot: FloorSnapshot) -> Event {
        let json = JSONCoding.encode(FloorSnapshotDTO(snapshot))
        return Event(revision: snapshot.settings.revision, bytes: ByteBuffer(string: "event: floor\nid: \(snapshot.settings.revision)\ndata: \(json)\n\n"))
    }

    private func startListening() {
        let notifications = conversations.store.database.notifications()
        listener = Task { [weak self] in
            for await message in notifications {
                guard let panelID = ConversationStore.floorPanel(inMessage: message) else { continue }
                await self?.changed(panelID: panelID)
            }
        }
    }

    private func changed(panelID: Int64) {
        guard let feed = feeds[panelID] else { return }
        if feed.loading {
            feed.dirty = true
            return
        }
        feed.loading = true
        Task { await self.reload(panelID: panelID, feed: feed) }
    }

    private func reload(panelID: Int64, feed: Feed) async {
        repeat {
            feed.dirty = false
            let snapshot = await load(panelID)
            if let snapshot {
                let event = Self.event(snapshot)
                for continuation in feed.viewers.values { continuation.yield(event) }
            }
        } while feed.dirty && !feed.viewers.isEmpty
        feed.loading = false
        if feed.viewers.isEmpty, feeds[panelID] === feed { feeds.removeValue(forKey: panelID) }
    }

    private nonisolated func load(_ panelID: Int64) async -> FloorSnapshot? {
        do {
            return try await conversations.floorSnapshot(panelID: panelID)
        } catch {
            logger.warning("could not read the list of speakers", metadata: ["panel": "\(panelID)", "error": "\(error)"])
            return nil
        }
    }
}
