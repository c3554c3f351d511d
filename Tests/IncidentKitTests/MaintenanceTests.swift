import Foundation
import Testing
@testable import IncidentKit

/// The Maintenance use case: backups, the doctor's check and repairs, the templates and a new team folder.
@Suite struct MaintenanceTests {
    @Test func aBackupCopiesEveryIncidentAndTheCopyChecksHealthy() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try IncidentStore(path: folder.appendingPathComponent("incidents.sqlite").path, readOnly: false, actor: "alice")
        _ = try Fixtures.declare(store)
        let copy = folder.appendingPathComponent("copy.sqlite").path
        let result = try Maintenance(store: store).backup(to: copy, overwrite: false)
        #expect(result.incidentCount == 1 && result.bytes > 0)
        let diagnosis = try Maintenance.diagnose(path: copy)
        #expect(diagnosis.isHealthy && diagnosis.incidentCount == 1)
        #expect(throws: IncidentError.fileExists(path: copy)) { try Maintenance(store: store).backup(to: copy, overwrite: false) }
    }

    @Test func askingForNoRepairChangesNothing() throws {
        let store = try Fixtures.store()
        _ = try Fixtures.declare(store)
        let before = try store.changeLog(for: nil).count
        #expect(try Maintenance(store: store).repair(reindex: false, prune: false).isEmpty)
        #expect(try store.changeLog(for: nil).count == before)
    }

    @Test func theTemplatesAreWrittenOnceAndNeverOverwrittenUnasked() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try Maintenance.exportTemplates(to: folder.path, overwrite: false)
        #expect(written.contains { $0.hasSuffix("issue.md.mustache") })
        #expect(throws: IncidentError.self) { try Maintenance.exportTemplates(to: folder.path, overwrite: false) }
        #expect(try Maintenance.exportTemplates(to: folder.path, overwrite: true) == written)
    }

    @Test func startingATeamFolderTwiceKeepsWhatIsThere() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Maintenance.startTeamFolder(in: folder.path)
        #expect(!first.created.isEmpty && first.kept.isEmpty)
        let second = try Maintenance.startTeamFolder(in: folder.path)
        #expect(second.created.isEmpty && second.kept == first.created)
    }
}
