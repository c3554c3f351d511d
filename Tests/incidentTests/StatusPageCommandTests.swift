import Foundation
import Testing

/// `incident statuspage build`, `set --public`, `section add --internal` and `export --public`, end to end.
@Suite struct StatusPageCommandTests {
    static let marker = "zebrafinch"

    /// An open P0 with two public updates, a resolved P1, an internal P0; the marker word in every internal field.
    static func threeIncidents(_ sandbox: Sandbox) throws {
        let m = marker
        try sandbox.ok(["new", "--p0", "Meltdown \(m)", "--service", "API|https://\(m).internal|\(m) note", "--service", "Website",
                        "--label", "\(m)-label", "--assignee", "@\(m)", "--impact", "\(m) impact", "--summary", "\(m) summary",
                        "--commander", "@\(m)-commander", "--at", "2025-09-15 10:00 UTC"])
        try sandbox.ok(["set", "--public", "--public-title", "API errors", "--root-cause", "\(m) cause"])
        try sandbox.ok(["why", "add", "\(m) why"])
        try sandbox.ok(["action", "add", "\(m) action", "--owner", "\(m)-owner"])
        try sandbox.ok(["criterion", "add", "\(m) criterion"])
        try sandbox.ok(["section", "add", "\(m) section", "--markdown", "\(m) text"])
        try sandbox.ok(["timeline", "add", "\(m) entry", "--at", "2025-09-15 10:05 UTC"])
        try sandbox.ok(["update"])
        try sandbox.ok(["update", "--public", "We are investigating errors on the API."])
        try sandbox.ok(["status", "identified", "--note", "\(m) status note"])
        try sandbox.ok(["update", "--public", "The cause is identified."])
        try sandbox.ok(["new", "--p1", "Search \(m)", "--service", "Search", "--public", "--public-title", "Slow search",
                        "--at", "2025-09-14 08:00 UTC"])
        try sandbox.ok(["update", "--public", "Search is slow."])
        try sandbox.ok(["status", "resolved"])
        try sandbox.ok(["new", "--p0", "Internal \(m)", "--service", "\(m)-service"])
    }

    static func files(_ folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    @Test func theBuiltSiteShowsPublicIncidentsOnlyAndRebuildsToTheSameBytes() throws {
        let sandbox = try Sandbox()
        try Self.threeIncidents(sandbox)
        let built = try sandbox.ok(["statuspage", "build", "site", "--cstate", "cstate"])
        #expect(built.stdout == """
            Status page in site: 2 incidents, 5 written, 0 unchanged, 0 removed.
            cState issues in cstate/content/issues: 2 written, 0 unchanged, 0 removed.

            """)
        let site = sandbox.dir.appendingPathComponent("site")
        let first = try Self.files(site)
        #expect(Set(first.keys) == ["index.html", "INC-1.html", "INC-2.html", "status.json", "feed.xml"])
        let index = String(decoding: try #require(first["index.html"]), as: UTF8.self)
        #expect(index.contains(#"<span class="name">API</span><span class="state major-outage">Major outage</span>"#))
        #expect(index.contains(#"<span class="name">Website</span><span class="state major-outage">Major outage</span>"#))
        let newer = try #require(index.range(of: "The cause is identified."))
        let older = try #require(index.range(of: "We are investigating errors on the API."))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(index.contains(#"<a href="INC-2.html">Slow search</a>"#))
        let cstate = try Self.files(sandbox.dir.appendingPathComponent("cstate/content/issues"))
        #expect(Set(cstate.keys) == ["2025-09-15-inc-1.md", "2025-09-14-inc-2.md"])
        for (name, data) in first.merging(cstate, uniquingKeysWith: { a, _ in a }) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.lowercased().contains(Self.marker), "\(name) shows an internal field")
            #expect(!text.contains("INC-3"), "\(name) names the internal incident")
        }
        #expect(try JSONSerialization.jsonObject(with: try #require(first["status.json"])) is [String: Any])

        let again = try sandbox.ok(["statuspage", "build", "site", "--cstate", "cstate"])
        #expect(again.stdout.contains("0 written, 5 unchanged, 0 removed") && again.stdout.contains("0 written, 2 unchanged, 0 removed"))
        #expect(try Self.files(site) == first)

        // Taken off the page: its file goes, from the site and from cState.
        try sandbox.ok(["set", "INC-2", "--no-public"])
        let third = try sandbox.ok(["statuspage", "build", "site", "--cstate", "cstate"])
        #expect(third.stdout.contains("1 removed") && !FileManager.default.fileExists(atPath: site.appendingPathComponent("INC-2.html").path))
        #expect(!FileManager.default.fileExists(atPath: sandbox.dir.appendingPathComponent("cstate/content/issues/2025-09-14-inc-2.md").path))
    }

    @Test func aBrokenSettingsFileStopsTheBuildBeforeAnythingIsWritten() throws {
        let sandbox = try Sandbox()
        try Self.threeIncidents(sandbox)
        try "title: Acme\nP1: sideways\n".write(to: sandbox.dir.appendingPathComponent("incidents/status-page.yml"), atomically: true, encoding: .utf8)
        expectFailure(try sandbox.run(["statuspage", "build", "site"]), status: 64, mentioning: "status-page.yml: p1: use one of operational")
        #expect(!sandbox.exists("site"))
        try "title: Acme status\ncomponents: [Billing, API]\n".write(to: sandbox.dir.appendingPathComponent("incidents/status-page.yml"), atomically: true, encoding: .utf8)
        try sandbox.ok(["statuspage", "build", "site"])
        let index = String(decoding: try sandbox.contents("site/index.html"), as: UTF8.self)
        #expect(index.contains("<h1>Acme status</h1>"))
        #expect(index.contains(#"<span class="name">Billing</span><span class="state operational">Operational</span>"#))
        let billing = try #require(index.range(of: ">Billing<")), api = try #require(index.range(of: #"<span class="name">API<"#))
        #expect(billing.lowerBound < api.lowerBound, "the configured order first")
    }

    @Test func aPublicExportLeavesOutInternalSectionsAndNames() throws {
        let sandbox = try Sandbox()
        try Self.threeIncidents(sandbox)
        try sandbox.ok(["section", "add", "INC-1", "What customers saw", "--markdown", "Errors for an hour."])
        try sandbox.ok(["section", "add", "INC-1", "Internal notes", "--markdown", "Blame-free but private.", "--internal"])
        #expect(try sandbox.ok(["section", "list", "INC-1"]).stdout.contains("## Internal notes  (internal)"))
        try sandbox.ok(["check", "INC-1", "1"])
        let full = try sandbox.ok(["export", "INC-1"]).stdout
        #expect(full.contains("Blame-free but private.") && full.contains("@\(Self.marker)-commander"))
        for format in ["md", "html"] {
            let text = try sandbox.ok(["export", "INC-1", "--public", "--format", format]).stdout
            #expect(text.contains("Errors for an hour.") && !text.contains("Blame-free but private."), "\(format)")
            for name in ["@\(Self.marker)", "\(Self.marker)-owner", "@\(Self.marker)-commander", "tester"] {
                #expect(!text.contains(name), "\(format) names \(name)")
            }
        }
    }

    @Test func showNamesThePublicStateAndUpdates() throws {
        let sandbox = try Sandbox()
        try Self.threeIncidents(sandbox)
        let shown = try sandbox.ok(["show", "INC-1"]).stdout
        #expect(shown.contains("Status page: shown as \"API errors\" (identified)"))
        #expect(shown.contains("Public updates\n2025-") || shown.contains("Public updates\n20"), "\(shown)")
        let json = try sandbox.json(["INC-1"])
        #expect(json["public"] as? Bool == true && json["publicTitle"] as? String == "API errors")
        #expect((json["publicUpdates"] as? [[String: Any]])?.map { $0["status"] as? String } == ["investigating", "identified"])
    }
}
