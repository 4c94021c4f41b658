import ServiceLifecycle
import TrademarkSearch

/// Keeps this server's in-memory register in line with changes made by other servers
/// (`marks:changed:<id>` notifications), for the server's life.
struct MarkFollower: Service {
    let register: MarkRegister

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await register.follow()
        }
    }
}
