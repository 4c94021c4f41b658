import Core
import Foundation

/// A person who signs in to IPAI.
public struct UserRecord: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var mustChangePassword: Bool
    public var disabled: Bool
    public var createdAt: Int64
}

/// A signed-in browser session (the cookie holds the token; the database only its hash).
public struct SessionRecord: Sendable, Equatable {
    public var tokenHash: String
    public var userID: Int64
    public var csrfToken: String
    public var createdAt: Int64
    public var expiresAt: Int64

    public init(tokenHash: String, userID: Int64, csrfToken: String, createdAt: Int64, expiresAt: Int64) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// An API token for machine clients (shown once; stored as a hash).
public struct APITokenRecord: Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    public var tokenHash: String
    /// The first characters of the token, to recognise it in lists.
    public var prefix: String
    public var ratePerMinute: Int
    public var createdAt: Int64
    public var lastUsedAt: Int64?
    public var revoked: Bool
}

/// One administrative action, for the audit log.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    public var userID: Int64?
    public var username: String?
    public var action: String
    public var target: String
    public var details: String
}

/// A corpus of patent documents owned by the office.
public struct CollectionRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String
    public var createdAt: Int64
    public var createdBy: Int64?
}

/// A stored document of a collection.
public struct StoredDocument: Sendable, Equatable {
    public var id: Int64
    public var collectionID: Int64
    public var document: PatentDocument
    public var createdAt: Int64
}

/// An uploaded corpus file waiting to be imported.
public struct UploadRecord: Sendable, Equatable {
    public var id: Int64
    public var fileName: String
    public var format: String
    public var bytes: Int64
    public var chunks: Int
    public var createdAt: Int64
    public var createdBy: Int64?
}

/// The kinds of background work.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    case importDocuments = "import"
    case train
    case evaluate
    case landscape
}

/// Where a job is in its life.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, done, failed, cancelled

    public var isFinished: Bool { self == .done || self == .failed || self == .cancelled }
}

/// A background job (import, train, evaluate), claimed through the database by exactly one server.
public struct JobRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: JobKind
    public var status: JobStatus
    public var collectionID: Int64?
    public var modelID: Int64?
    /// The job's settings as JSON.
    public var parameters: String
    /// 0...1.
    public var progress: Double
    public var phase: String
    public var message: String
    /// The job's outcome as JSON (import report, evaluation report, model id).
    public var result: String?
    public var createdBy: Int64?
    public var createdAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
    public var heartbeatAt: Int64?
    public var claimedBy: String?
    public var cancelRequested: Bool
}

/// A trained model: versioned per collection and level; at most one active per collection and level.
public struct ModelRecord: Sendable, Equatable {
    public var id: Int64
    public var collectionID: Int64
    /// The symbol level name (`subclass`, `main_group`, ...).
    public var level: String
    public var version: Int
    public var active: Bool
    /// The model file's metadata JSON.
    public var metadata: String
    /// The latest evaluation report JSON, if any.
    public var evaluation: String?
    public var bytes: Int64
    public var createdAt: Int64
    public var jobID: Int64?
}

/// A page of a keyset-paginated list: `next` is the cursor of the following page, nil at the end.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: Int64?
}
