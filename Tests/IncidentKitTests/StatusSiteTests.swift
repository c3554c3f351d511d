import Foundation
import Testing
@testable import IncidentKit

/// The StatusSite use case: building the page into a folder from the incidents shown on it.
@Suite struct StatusSiteTests {
    @Test func aSettingsFileNamedButMissingIsRefusedAndNothingIsWritten() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Fixtures.store()
        let missing = folder.appendingPathComponent("nope.yml").path, site = folder.appendingPathComponent("site").path
        #expect(throws: IncidentError.unreadableFile(path: missing, reason: "there is no such file")) {
            try StatusSite(store: store).build(into: site, config: missing, templates: TemplateSet(), at: Fixtures.declaredAt)
        }
        #expect(!FileManager.default.fileExists(atPath: site))
    }

    @Test func onlyPublicIncidentsAreShownAndBuildingAgainWritesNothingNew() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Fixtures.store()
        _ = try Fixtures.declare(store)
        let site = folder.appendingPathComponent("site").path
        let first = try StatusSite(store: store).build(into: site, templates: TemplateSet(), at: Fixtures.declaredAt)
        #expect(first.shown == 0 && first.site.written.contains("index.html") && first.cState == nil)
        let again = try StatusSite(store: store).build(into: site, templates: TemplateSet(), at: Fixtures.declaredAt)
        #expect(again.site.written.isEmpty && again.site.unchanged.count == first.site.written.count)
    }
}
