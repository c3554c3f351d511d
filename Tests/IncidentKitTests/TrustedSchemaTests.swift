import Foundation
import GRDB
import Testing
@testable import IncidentKit

/// The list of triggers and views the tool trusts is exactly what its migrations create, at every version.
@Suite struct TrustedSchemaTests {
    /// Fingerprints of the triggers and views after each migration, applied one at a time as upgrades apply them.
    static func fingerprintsOfEveryVersion() throws -> Set<UInt64> {
        let queue = try DatabaseQueue()
        var found = Set<UInt64>()
        for identifier in IncidentStore.migrator.migrations {
            try IncidentStore.migrator.migrate(queue, upTo: identifier)
            try queue.read { db in
                for row in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')") {
                    found.insert(TrustedSchema.fingerprint(type: row[0], name: row[1], sql: row[2]))
                }
            }
        }
        return found
    }

    @Test func theTrustedListIsWhatTheMigrationsCreate() throws {
        let found = try Self.fingerprintsOfEveryVersion()
        let listing = found.sorted().map { String(format: "0x%016llX", $0) }.joined(separator: ", ")
        #expect(Set(TrustedSchema.fingerprints) == found && TrustedSchema.fingerprints.count == found.count, "TrustedSchema.fingerprints should be: [\(listing)]")
    }

    @Test func theFileThePreviousReleaseWroteIsTrusted() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/previous-release/incidents.sqlite")
        let queue = try DatabaseQueue(path: fixture.path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        #expect(try queue.read(TrustedSchema.foreignCode) == [])
    }
}
