import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Limits account creation per client address: at most ``perHour`` sign-ups from one address in
/// any hour, counted in this server's memory (like ``RateLimiter``: N servers allow N× as many).
///
/// The client address comes from the request context when it carries one
/// (`AppRequestContext.remoteAddress`); without one, every such client shares one allowance.
final class SignUpLimiter: Sendable {
    static let defaultPerHour = 10
    let perHour: Int
    private let window: Duration
    private let attempts = Mutex<[String: [ContinuousClock.Instant]]>([:])

    init(perHour: Int = SignUpLimiter.defaultPerHour, window: Duration = .seconds(3600)) {
        self.perHour = perHour
        self.window = window
    }

    /// Takes one sign-up from `client`'s allowance: nil when allowed, else the seconds until the
    /// next one is.
    func take(_ client: String, now: ContinuousClock.Instant = .now) -> Int? {
        let window = self.window
        let limit = perHour
        return attempts.withLock { attempts in
            if attempts.count > 10_000 {
                // Forget quiet addresses, so many addresses cannot fill memory.
                var kept: [String: [ContinuousClock.Instant]] = [:]
                for (address, times) in attempts where times.last.map({ now - $0 < window }) == true { kept[address] = times }
                attempts = kept
            }
            var recent: [ContinuousClock.Instant] = []
            for time in attempts[client] ?? [] where now - time < window { recent.append(time) }
            if recent.count >= limit, let oldest = recent.first {
                attempts[client] = recent
                let wait = window - (now - oldest)
                return max(1, Int(wait.components.seconds))
            }
            recent.append(now)
            attempts[client] = recent
            return nil
        }
    }

    /// The address a sign-up is counted against.
    static func client(of context: AppRequestContext) -> String {
        guard let address = context.remoteAddress else { return "unknown" }
        return address.ipAddress ?? address.description
    }

    /// The limiter of one server (API and pages share it), by its instance name.
    static func shared(for services: ServerServices) -> SignUpLimiter {
        registry.withLock { limiters in
            if let found = limiters[services.configuration.instance] { return found }
            let limiter = SignUpLimiter()
            limiters[services.configuration.instance] = limiter
            return limiter
        }
    }

    private static let registry = Mutex<[String: SignUpLimiter]>([:])
}
