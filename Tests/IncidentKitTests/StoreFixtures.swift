import Foundation
@testable import IncidentKit

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_758_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

enum Fixtures {
    static let declaredAt = Date(timeIntervalSince1970: 1_757_992_620) // 2025-09-15 19:17 PST

    static func store(clock: TestClock = TestClock(), actor: String = "alice") throws -> IncidentStore {
        try IncidentStore.inMemory(actor: actor, clock: { clock.now })
    }

    static func declare(_ store: IncidentStore, title: String = "API returns 503", severity: Severity = .p0) throws -> Incident {
        try store.declare(IncidentDraft(title: title, severity: severity, declaredAt: declaredAt))
    }

    /// A temporary folder removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("incident-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
