import Foundation
import Testing

/// Text from GitHub (an issue joined, gh's JSON imported) meets the rules typed text meets: refused in one line, nothing stored.
@Suite struct GitHubTextRuleTests {
    static func ghJSON(title: String, body: String = "Disk filled up.\n", labels: [String] = []) throws -> String {
        let issue: [String: Any] = ["title": title, "body": body, "labels": labels.map { ["name": $0] }, "assignees": [],
                                    "number": 3, "url": "https://github.com/acme/ops/issues/3"]
        return String(decoding: try JSONSerialization.data(withJSONObject: issue), as: UTF8.self)
    }

    /// Puts issue 3 on the stand-in's acme/ops.
    static func seed(_ world: GitHubWorld, title: String, body: String, labels: [String] = []) throws {
        var state = try world.read()
        var repos = try #require(state["repos"] as? [String: Any]), repo = try #require(repos["acme/ops"] as? [String: Any])
        var known = try #require(repo["labels"] as? [String: Any])
        for label in labels { known[label] = [String: Any]() }
        repo["labels"] = known
        repo["issues"] = ["3": ["title": title, "body": body, "labels": labels]]
        repos["acme/ops"] = repo
        state["repos"] = repos
        try world.write(state)
    }

    @Test func aTitleWithALineBreakOrANulFromGhJSONIsRefusedAndNothingIsStored() throws {
        let world = try GitHubWorld()
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        let before = try world.sandbox.dump("a.sqlite")
        for (title, phrase) in [("Disk\nfull", "The title must be one line"), ("Disk\u{0}full", "The title of https://github.com/acme/ops/issues/3 in gh's JSON holds a NUL character")] {
            let result = try world.sandbox.run(["import", "--gh-json", "-", "--db", "a.sqlite"], stdin: try Self.ghJSON(title: title))
            expectFailure(result, status: title.contains("\n") ? 74 : 64, mentioning: phrase)
            #expect(try world.sandbox.dump("a.sqlite") == before)
        }
        // With no database yet, a refused import leaves none behind.
        let fresh = try world.sandbox.run(["import", "--gh-json", "-", "--db", "fresh.sqlite"], stdin: try Self.ghJSON(title: "Disk\nfull"))
        expectFailure(fresh, status: 74, mentioning: "The title must be one line")
        #expect(!world.sandbox.exists("fresh.sqlite"))
    }

    @Test func joiningAnIssueWhoseTitleBreaksTheRulesIsRefusedAndLeavesNoDatabase() throws {
        let world = try GitHubWorld()
        try Self.seed(world, title: "Disk\nfull", body: "- [ ] Free space\n")
        expectFailure(try world.run("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"]), status: 64, mentioning: "The title must be one line")
        #expect(!world.sandbox.exists("b.sqlite"))
        // A title decoded from an entity in the body's front matter is held to the same rules.
        let file = world.sandbox.dir.appendingPathComponent("doc.md")
        try Data("---\ntitle: Disk&#10;full\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        expectFailure(try world.run("c.sqlite", ["import", file.path]), status: 74, mentioning: "The document gives a title that spans lines")
        #expect(!world.sandbox.exists("c.sqlite"))
    }

    @Test(arguments: ["9223372036854775807", "0", "-3", "2147483648"])
    func markersOutOfRangeAreIgnoredAndItemsNumberedInOrder(_ marker: String) throws {
        let world = try GitHubWorld()
        try Self.seed(world, title: "Disk full", body: "## Actions\n\n- [ ] Free space <!-- incident:action:\(marker) -->\n- [ ] Page the DBA <!-- incident:action:2 -->\n")
        try world.ok("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"])
        try world.ok("b.sqlite", ["action", "add", "Grow the disk"])
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT number || ' ' || text FROM actionItem ORDER BY number").stdout
            == "1 Free space\n2 Page the DBA\n3 Grow the disk\n")
    }

    @Test func markersInRangeStillNumberTheItemsAsTheRenderingMachineDid() throws {
        let world = try GitHubWorld()
        try Self.seed(world, title: "Disk full", body: "## Actions\n\n- [ ] Free space <!-- incident:action:7 -->\n- [ ] Page the DBA <!-- incident:action:2 -->\n")
        try world.ok("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"])
        #expect(try world.sandbox.sqlite3("b.sqlite", "SELECT number || ' ' || text FROM actionItem ORDER BY number").stdout
            == "2 Page the DBA\n7 Free space\n")
    }
}

/// gh splits `--label a,b` into two labels: a label with a comma is refused wherever it comes in.
@Suite struct LabelCommaTests {
    @Test func aLabelWithACommaIsRefusedTypedImportedOrJoined() throws {
        let world = try GitHubWorld()
        let phrase = "The label \"x,y\" has a comma"
        expectFailure(try world.run("a.sqlite", ["new", "--p2", "Queue backlog", "--label", "x,y"]), status: 64, mentioning: phrase)
        #expect(!world.sandbox.exists("a.sqlite"))
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        let before = try world.sandbox.dump("a.sqlite")
        expectFailure(try world.run("a.sqlite", ["set", "--add-label", "x,y"]), status: 64, mentioning: phrase)
        let file = world.sandbox.dir.appendingPathComponent("doc.md")
        try Data("---\ntitle: Disk full\nlabels: [\"x,y\", 'z']\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        expectFailure(try world.run("a.sqlite", ["import", file.path]), status: 74, mentioning: phrase)
        let json = try GitHubTextRuleTests.ghJSON(title: "Disk full", labels: ["x,y"])
        expectFailure(try world.sandbox.run(["import", "--gh-json", "-", "--db", "a.sqlite"], stdin: json), status: 74, mentioning: phrase)
        #expect(try world.sandbox.dump("a.sqlite") == before)
        try GitHubTextRuleTests.seed(world, title: "Disk full", body: "- [ ] Free space\n", labels: ["x,y"])
        expectFailure(try world.run("b.sqlite", ["import", "--issue", "3", "--repo", "acme/ops"]), status: 64, mentioning: phrase)
        #expect(!world.sandbox.exists("b.sqlite"))
    }

    @Test func frontMatterListsSplitOnlyAtCommasOutsideQuotes() throws {
        let world = try GitHubWorld()
        let file = world.sandbox.dir.appendingPathComponent("doc.md")
        try Data("---\ntitle: Disk full\nlabels: [\"db, primary\" , 'it''s', plain]\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        try world.ok("a.sqlite", ["new", "--p2", "Queue backlog"])
        // "db, primary" is one label (then refused for its comma), not `"db` and `primary"`.
        expectFailure(try world.run("a.sqlite", ["import", file.path]), status: 74, mentioning: "The label \"db, primary\" has a comma")
        try Data("---\ntitle: Disk full\nlabels: [\"db primary\" , 'it''s', plain]\n---\n\n- [ ] Free space\n".utf8).write(to: file)
        try world.ok("a.sqlite", ["import", file.path])
        #expect(try world.sandbox.sqlite3("a.sqlite", "SELECT name FROM label WHERE incidentNumber = 2 ORDER BY position").stdout == "db primary\nit's\nplain\n")
    }
}
