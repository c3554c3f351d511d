import Foundation
import Testing

/// `--type` on new, set, list and stats, as the built binary runs them.
@Suite struct IncidentTypeCommandTests {
    @Test func aTypeIsDeclaredChangedClearedShownAndFilteredOn() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Token pushed to a public repository", "--type", "security", "--no-playbook"])
        try sandbox.ok(["new", "--p2", "Checkout down", "--type", "availability", "--no-playbook"])
        try sandbox.ok(["new", "--p3", "Search is slow", "--no-playbook"])

        #expect(try sandbox.json(["INC-1"])["type"] as? String == "security")
        #expect(try sandbox.json(["INC-3"])["type"] is NSNull, "no type is null, not left out")
        #expect(try sandbox.ok(["show", "INC-1"]).stdout.contains("\nType: security\n"))

        let listed = try sandbox.ok(["list", "--type", "security"]).stdout
        #expect(listed.contains("Token pushed") && !listed.contains("Checkout down") && !listed.contains("Search is slow"))
        let listedJSON = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["list", "--type", "availability", "--json"]).stdout.utf8))
        #expect((listedJSON as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["INC-2"])

        let stats = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["stats", "--type", "security", "--json"]).stdout.utf8))
        #expect(((stats as? [String: Any])?["counts"] as? [String: Any])?.keys.sorted() == ["P1"])
        let byType = try JSONSerialization.jsonObject(with: Data(try sandbox.ok(["stats", "--by", "type", "--json"]).stdout.utf8))
        let groups = try #require((byType as? [String: Any])?["byType"] as? [[String: Any]])
        #expect(groups.map { $0["type"] as? String ?? "none" } == ["availability", "security", "none"])
        #expect(try sandbox.ok(["stats", "--by", "type"]).stdout.contains("By type"))

        #expect(try sandbox.ok(["set", "INC-1", "--type", "data-loss"]).stdout == "INC-1: set type security → data-loss\n")
        #expect(try sandbox.json(["INC-1"])["type"] as? String == "data-loss")
        #expect(try sandbox.ok(["set", "INC-1", "--type", ""]).stdout == "INC-1: cleared type\n")
        #expect(try sandbox.json(["INC-1"])["type"] is NSNull)
        let log = try sandbox.ok(["log", "INC-1"]).stdout
        #expect(log.contains("set type security → data-loss") && log.contains("cleared type"))
        #expect(try sandbox.ok(["render", "INC-2"]).stdout.contains("**Type:** availability"))
        #expect(try sandbox.ok(["render", "INC-2", "--labels-only"]).stdout == "type:availability\n")
    }

    @Test func aTypeThatIsNotOneLowercaseWordIsRefusedAndChangesNothing() throws {
        let sandbox = try Sandbox.withIncident()
        try sandbox.expectRefusal(["set", "--type", "Data Loss"], status: 64,
                                  mentioning: "\"Data Loss\" is not an incident type", "one lowercase word", "e.g. availability")
        // A good type beside a bad value is not stored either.
        try sandbox.expectRefusal(["set", "--type", "security", "--title", "  "], status: 64, mentioning: "The title is empty")
        try sandbox.expectRefusal(["new", "--p1", "Another", "--type", "Security"], status: 64, mentioning: "\"Security\" is not an incident type")
        try sandbox.expectRefusal(["list", "--type", "9lives"], status: 64, mentioning: "\"9lives\" is not an incident type")
        try sandbox.expectRefusal(["stats", "--type", "data_loss"], status: 64, mentioning: "\"data_loss\" is not an incident type")
        #expect(try sandbox.json()["type"] is NSNull)
    }
}
