import Foundation
import Testing

/// Issue 23's findings about GitHub: what a repository, an issue body or gh's JSON can do to the record here.
@Suite struct GitHubSectionTests {
    @Test func aChecklistInAFreeSectionIsThatSectionsTextNotTaskLinesThisRecordLacks() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        try world.ok("a.sqlite", ["action", "add", "Drain the queue"])
        try world.ok("a.sqlite", ["section", "add", "Vendor checklist", "--markdown", "- [ ] Call the vendor\n- [x] Open a ticket"])
        try world.ok("a.sqlite", ["publish", "--repo", "acme/ops"])
        #expect(try world.body().contains("- [ ] Call the vendor"))
        try world.ok("a.sqlite", ["check", "1"])
        let again = try world.ok("a.sqlite", ["publish"])
        #expect(again.stdout.contains("Published INC-1 to acme/ops#1: 1 task lines"))
        #expect(GitHubWorld.isTicked(try world.body(), "Drain the queue"))
        let pulled = try world.ok("a.sqlite", ["pull"])
        #expect(!pulled.stdout.contains("Not in this record"))
        // A task line added on GitHub under the record's own actions is still reported.
        try world.editOnGitHub { $0.replacingOccurrences(of: "- [x] Drain the queue", with: "- [ ] Page the DBA\n- [x] Drain the queue") }
        expectFailure(try world.run("a.sqlite", ["publish"]), status: 1, mentioning: "task lines this record doesn't have: \"Page the DBA\"")
    }
}
