import Foundation
import Testing

/// Only `incident new` may create a database; reading never creates files.
@Suite struct FileCreationTests {
    @Test func listingInAnEmptyFolderSaysSoAndCreatesNothing() throws {
        let sandbox = try Sandbox()
        let list = try sandbox.ok(["list"])
        #expect(list.stdout == "No incidents yet. Declare one with `incident new --p2 \"TITLE\"`.\n")
        #expect(try sandbox.ok(["list", "--json"]).stdout == "[]\n")
        #expect(try sandbox.ok(["list", "--all"]).stdout == list.stdout)
        #expect(sandbox.listing().isEmpty)
    }

    @Test(arguments: [
        ["show"], ["show", "INC-1"], ["show", "--json"], ["log"], ["log", "--all"], ["timeline", "list"],
        ["action", "list"], ["criterion", "list"], ["why", "list"], ["section", "list"],
    ])
    func readingInAnEmptyFolderFailsWithNotFoundAndCreatesNothing(_ command: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(command)
        expectFailure(result, status: 66, mentioning: "No incident database at \(sandbox.defaultDatabase)")
        #expect(sandbox.listing().isEmpty, "\(command) created \(sandbox.listing())")
    }

    @Test(arguments: [
        ["why", "add", "Because"], ["timeline", "add", "Pager fired"], ["action", "add", "Scale the pool"],
        ["criterion", "add", "p99 below 300 ms"], ["check", "1"], ["action", "uncheck", "1"], ["criterion", "check", "1"],
        ["status", "identified"], ["set", "--title", "Renamed"], ["close", "--force"], ["reopen"], ["use", "INC-1"],
        ["section", "add", "Notes", "--markdown", "Some notes"],
    ])
    func writingOtherThanNewOnAMissingDatabaseFailsWithoutCreatingIt(_ command: [String]) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(command)
        expectFailure(result, status: 66, mentioning: "No incident database at \(sandbox.defaultDatabase)")
        let explicit = try sandbox.run(command + ["--db", "elsewhere/db.sqlite"])
        expectFailure(explicit, status: 66, mentioning: "No incident database at elsewhere/db.sqlite")
        #expect(sandbox.listing().isEmpty, "\(command) created \(sandbox.listing())")
    }

    @Test func declaringCreatesTheDatabaseAndItsFolder() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ok(["new", "--p2", "Search is slow"]).lines.first == "INC-1")
        #expect(sandbox.listing() == ["incidents", "incidents/incidents.sqlite"])
        #expect(try sandbox.ok(["new", "--p3", "Typo on the status page"]).lines.first == "INC-2")
    }

    /// A read-only WAL connection would leave `incidents.sqlite-shm` and `-wal` beside the database after
    /// `show`, `list` or `log`; readers open the file read-write (and only read) so nothing is left.
    @Test func readingAnExistingDatabaseLeavesNoNewFilesBesideIt() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p2", "Search is slow"])
        let before = sandbox.listing()
        #expect(before == ["incidents", "incidents/incidents.sqlite"])
        for command in [["show"], ["list"], ["log"], ["show", "--json"], ["action", "list"]] {
            try sandbox.ok(command)
            let after = sandbox.listing()
            #expect(after == before, "after \(command)")
            if after != before { break }
        }
    }
}
