import Foundation
import GRDB
import Testing
@testable import IncidentKit

/// The incident type: the rule a typed word meets, and the places the type is kept, shown and carried.
@Suite struct IncidentTypeRuleTests {
    @Test(arguments: ["availability", "security", "data-loss", "p2p", "a", String(repeating: "x", count: 32), "  performance  "])
    func aLowercaseWordIsAType(text: String) throws {
        #expect(try IncidentType(parsing: text).word == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: ["", "Security", "data loss", "data_loss", "-data", "9lives", String(repeating: "x", count: 33), "sécurité", "type:security"])
    func anythingElseIsRefusedNamingTheRule(text: String) {
        #expect(throws: IncidentError.invalidIncidentType(text.trimmingCharacters(in: .whitespaces))) { try IncidentType(parsing: text) }
        let message = IncidentError.invalidIncidentType(text).description
        #expect(message.contains("one lowercase word") && message.contains("e.g. availability") && !message.contains("\n"))
        #expect(IncidentError.invalidIncidentType(text).category == .usage)
    }

    @Test func documentsAndLabelsMayWriteItInCapitals() {
        #expect(IncidentType(reading: " Security ")?.word == "security")
        #expect(IncidentType(reading: "Data Loss") == nil)
        #expect(IncidentType(label: "type:Data-Loss")?.word == "data-loss")
        #expect(IncidentType(label: "Type:security")?.word == "security")
        #expect(IncidentType(label: "type:") == nil && IncidentType(label: "security") == nil && IncidentType(label: "type:no way") == nil)
    }

    @Test func emptyTextClearsAChangeAndOtherTextMustBeAType() throws {
        #expect(try IncidentType.parsingOrClearing("  ") == nil)
        #expect(try IncidentType.parsingOrClearing("security")?.word == "security")
        #expect(throws: IncidentError.invalidIncidentType("Security")) { try IncidentType.parsingOrClearing("Security") }
    }

    @Test func theIssueCarriesTheTypeAsOneMoreLabel() {
        var incident = Incident(number: 1, title: "Leak", severity: .p1, declaredAt: Fixtures.declaredAt)
        incident.labels = ["database"]
        #expect(incident.issueLabels == ["database"])
        incident.type = IncidentType(reading: "security")
        #expect(incident.issueLabels == ["database", "type:security"])
        incident.labels.append("Type:Security")
        #expect(incident.issueLabels == ["database", "Type:Security"])
    }

    @Test func typeLabelsBecomeTheTypeUnlessOneIsSet() {
        var incident = Incident(number: 1, title: "Leak", severity: .p1, declaredAt: Fixtures.declaredAt)
        incident.labels = ["database", "type:security", "type:availability"]
        let took = incident.takeTypeLabels()
        #expect(took)
        #expect(incident.type?.word == "security" && incident.labels == ["database"])
        incident.labels = ["type:performance"]
        incident.takeTypeLabels()
        #expect(incident.type?.word == "security" && incident.labels.isEmpty)
        let tookAgain = incident.takeTypeLabels()
        #expect(!tookAgain)
    }
}

@Suite struct IncidentTypeStorageTests {
    @Test func aDeclaredTypeIsStoredAndLogged() throws {
        let store = try Fixtures.store()
        var draft = IncidentDraft(title: "Customer data exposed", severity: .p0, declaredAt: Fixtures.declaredAt)
        draft.type = try IncidentType(parsing: "security")
        let declared = try store.declare(draft)
        #expect(declared.type?.word == "security")
        #expect(try store.incident(declared.number).type?.word == "security")
        #expect(try store.changeLog(for: declared.number).map(\.change) == ["declared P0 \"Customer data exposed\" of type security"])
    }

    @Test func setChangesAndClearsTheTypeWithALogEntryEach() throws {
        let store = try Fixtures.store()
        let number = try Fixtures.declare(store).number
        func change(_ type: IncidentType??) throws -> [String] {
            var changes = IncidentChanges()
            changes.type = type
            return try store.update(number, with: changes)
        }
        #expect(try change(.some(IncidentType(reading: "availability"))) == ["set type to availability"])
        #expect(try change(.some(IncidentType(reading: "data-loss"))) == ["set type availability → data-loss"])
        #expect(try change(.some(IncidentType(reading: "data-loss"))).isEmpty)
        #expect(try store.incident(number).type?.word == "data-loss")
        #expect(try change(.some(nil)) == ["cleared type"])
        #expect(try store.incident(number).type == nil)
        #expect(try change(.some(nil)).isEmpty)
        #expect(try store.changeLog(for: number).map(\.change).suffix(3)
                == ["set type to availability", "set type availability → data-loss", "cleared type"])
    }

    @Test func theColumnRefusesWhatTheRuleRefuses() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("incidents.sqlite").path
        _ = try Fixtures.declare(try IncidentStore(path: path, readOnly: false, actor: "t"))
        let queue = try DatabaseQueue(path: path)
        for bad in ["Security", "data loss", "9lives", "-x", "", String(repeating: "x", count: 33), "sécurité"] {
            #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE incident SET type = ?", arguments: [bad]) } }
        }
        for good in ["security", "data-loss", String(repeating: "x", count: 32)] {
            try queue.write { try $0.execute(sql: "UPDATE incident SET type = ?", arguments: [good]) }
        }
        #expect(try IncidentStore(path: path, readOnly: true, actor: "t").incident(1).type?.word == String(repeating: "x", count: 32))
    }

    @Test func listAndStatsFilterByType() throws {
        let store = try Fixtures.store()
        for (title, type) in [("Leak", "security"), ("Outage", "availability"), ("Slow", nil), ("Phish", "security")] as [(String, String?)] {
            var draft = IncidentDraft(title: title, severity: .p2, declaredAt: Fixtures.declaredAt)
            draft.type = type.flatMap(IncidentType.init(reading:))
            _ = try store.declare(draft)
        }
        let security = try IncidentType(parsing: "security")
        #expect(try store.incidents(type: security, headersOnly: true).map(\.title) == ["Phish", "Leak"])
        #expect(try store.incidents(type: IncidentType(parsing: "performance")).isEmpty)
        let facts = try store.history(since: nil, severity: nil, type: security, now: Date())
        #expect(facts.counts[.p2]?[.investigating] == 2)
        let byType = try store.history(since: nil, severity: nil, now: Date(), byType: true).types
        #expect(byType.map { $0.type?.word ?? "-" } == ["availability", "security", "-"])
        #expect(byType.map { $0.counts[.p2] ?? 0 } == [1, 2, 1])
    }

    @Test func aReimportTakesTheDocumentsTypeAndKeepsTheStoredOneWhenItNamesNone() throws {
        let store = try Fixtures.store()
        var record = Incident(number: 0, title: "Disk full on db-1", severity: .p1, declaredAt: Fixtures.declaredAt)
        let imported = try store.importIncident(record, source: "postmortems/db-1.md", hash: "one")
        var changes = IncidentChanges()
        changes.type = .some(try IncidentType(parsing: "capacity"))
        try store.update(imported.number, with: changes)
        record.title = "Disk full on db-1 (edited)"
        #expect(try store.replaceImported(imported.number, with: record, source: "postmortems/db-1.md", hash: "two").type?.word == "capacity")
        record.type = try IncidentType(parsing: "availability")
        #expect(try store.replaceImported(imported.number, with: record, source: "postmortems/db-1.md", hash: "three").type?.word == "availability")
    }
}

@Suite struct IncidentTypeImportTests {
    let importer = IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)

    @Test func yamlAndTomlFrontMatterNameTheType() throws {
        let yaml = try importer.read("---\ntitle: Token leak\ntype: Security\n---\n\nA token was pushed to a public repository.\n")
        #expect(yaml.incident.type?.word == "security")
        #expect(yaml.notes.contains("type security (from front matter type)"))
        #expect(!yaml.incident.sections.contains { $0.title == "Front matter" })
        let toml = try importer.read("+++\ntitle = \"Lost writes\"\ntype = \"data-loss\"\n+++\n\nWrites were lost.\n")
        #expect(toml.incident.type?.word == "data-loss")
    }

    @Test func aFrontMatterTypeThatIsNoWordIsKeptAsWritten() throws {
        let document = try importer.read("---\ntitle: Token leak\ntype: Data Loss\n---\n\nText.\n")
        #expect(document.incident.type == nil)
        #expect(document.incident.sections.first { $0.title == "Front matter" }?.markdown == "```yaml\ntype: Data Loss\n```")
    }

    @Test func aTypeLineNamesTheType() throws {
        let document = try importer.read("# Slow checkout\n\n**Severity:** P2\n**Type:** performance\n\nPages took 9 s.\n")
        #expect(document.incident.type?.word == "performance")
        #expect(document.incident.severity == .p2)
    }

    @Test func aTypeLabelNamesTheTypeAndLeavesTheLabels() throws {
        let document = try importer.read("---\ntitle: Outage\nlabels: [database, \"type:availability\"]\n---\n\nDown.\n")
        #expect(document.incident.type?.word == "availability")
        #expect(document.incident.labels == ["database"])
        #expect(document.notes.contains("type availability (from label type:availability)"))
        var fromIssue = importer
        fromIssue.labels = ["P1", "type:security"]
        let issue = try fromIssue.read("Someone pushed a token.\n")
        #expect(issue.incident.type?.word == "security" && issue.incident.labels == ["P1"])
    }

    @Test func aTypeTheDocumentNamesWinsOverALabel() throws {
        let document = try importer.read("---\ntitle: Outage\ntype: availability\nlabels: [\"type:performance\"]\n---\n\nDown.\n")
        #expect(document.incident.type?.word == "availability")
        #expect(document.incident.labels.isEmpty)
    }

    @Test func renderImportRenderIsAFixedPointWithATypeSet() throws {
        let renderer = try RenderingFixtures.renderer()
        var incident = try RenderingFixtures.sparse()
        incident.type = try IncidentType(parsing: "data-loss")
        let first = try importer.read(try renderer.issueBody(incident, at: RenderingFixtures.now)).incident
        #expect(first.type?.word == "data-loss")
        #expect(CarriedFields(first) == CarriedFields(incident))
        let body = try renderer.issueBody(first, at: RenderingFixtures.now)
        #expect(body.contains("**Type:** data-loss"))
        let second = try importer.read(body).incident
        #expect(CarriedFields(second) == CarriedFields(first))
        #expect(try renderer.issueBody(second, at: RenderingFixtures.now) == body)
    }

    @Test func thePostmortemsShowTheTypeAndOnlyWhenThereIsOne() throws {
        let renderer = try RenderingFixtures.renderer()
        var incident = try RenderingFixtures.sparse()
        #expect(!(try renderer.postmortem(incident, format: .markdown, at: RenderingFixtures.now)).contains("**Type**"))
        incident.type = try IncidentType(parsing: "security")
        #expect(try renderer.postmortem(incident, format: .markdown, at: RenderingFixtures.now).contains("| **Type** | security |"))
        #expect(try renderer.postmortem(incident, format: .html, at: RenderingFixtures.now).contains("<tr><th>Type</th><td>security</td></tr>"))
        #expect(renderer.labelsLine(incident).hasSuffix("type:security"))
    }
}

@Suite struct IncidentTypeTravelTests {
    func setType(_ word: String?, _ store: IncidentStore, _ number: Int) throws {
        var changes = IncidentChanges()
        changes.type = .some(try word.map { try IncidentType(parsing: $0) })
        try store.update(number, with: changes)
    }

    @Test func theTypeTravelsBothWaysAsARegisterAndALabel() throws {
        let machines = try TwoMachines(title: "Checkout errors")
        let (github, a, b) = (machines.github, machines.a, machines.b)
        try setType("availability", a, machines.incident.number)
        _ = try machines.publisherA.publish(machines.incident.number, repo: nil, force: false)
        #expect(github.issueLabels == ["type:availability"])
        _ = try machines.publisherB.pull(1)
        #expect(try b.incident(1).type?.word == "availability")

        try setType("data-loss", b, 1)
        _ = try machines.publisherB.publish(1, repo: nil, force: false)
        #expect(github.issueLabels == ["type:data-loss"])
        _ = try machines.publisherA.pull(machines.incident.number)
        #expect(try a.incident(machines.incident.number).type?.word == "data-loss")

        try setType(nil, a, machines.incident.number)
        _ = try machines.publisherA.publish(machines.incident.number, repo: nil, force: false)
        #expect(github.issueLabels.isEmpty)
        _ = try machines.publisherB.pull(1)
        #expect(try b.incident(1).type == nil)
    }

    @Test func aTypeLabelChangedOnGitHubComesInOnPull() throws {
        let machines = try TwoMachines(title: "Checkout errors")
        let (github, a) = (machines.github, machines.a)
        let number = machines.incident.number
        try setType("availability", a, number)
        _ = try machines.publisherA.publish(number, repo: nil, force: false)
        github.setLabels(["type:security"])
        _ = try machines.publisherA.pull(number)
        #expect(try a.incident(number).type?.word == "security")
        // The next publish writes it into the hidden copy, so every machine reads it from there too.
        _ = try machines.publisherA.publish(number, repo: nil, force: false)
        #expect(try #require(try SharedRecord.read(fromBody: github.issueBody)).value(SharedField.type) == "security")
        github.setLabels([])
        _ = try machines.publisherA.pull(number)
        #expect(try a.incident(number).type == nil)
    }

    @Test func aSecondResponderJoiningGetsTheType() throws {
        let github = GitHubStandIn(latency: 0...0)
        let renderer = try RenderingFixtures.renderer()
        let a = try IncidentStore.inMemory(actor: "a"), b = try IncidentStore.inMemory(actor: "b")
        var draft = IncidentDraft(title: "Token leak", severity: .p0, declaredAt: Date())
        draft.type = try IncidentType(parsing: "security")
        let incident = try a.declare(draft)
        _ = try IssuePublisher(store: a, renderer: renderer, gh: github).publish(incident.number, repo: "acme/ops", force: false)
        #expect(github.issueLabels == ["type:security"])
        _ = try IssuePublisher(store: b, renderer: renderer, gh: github).join("1", repo: "acme/ops")
        #expect(try b.incident(1).type?.word == "security")
        #expect(try b.incident(1).labels.isEmpty)
    }

    @Test func aCopyWithoutTheRegisterMeansNoType() throws {
        var header = Incident(number: 1, title: "Leak", severity: .p1, declaredAt: Fixtures.declaredAt)
        header.type = try IncidentType(parsing: "security")
        let older = SharedRecord(fields: [SharedField.title: Register("Leak", Stamp(time: 1, replica: "old"))])
        #expect(older.incident(on: header).0.type == nil)
        let unreadable = SharedRecord(fields: [SharedField.type: Register("Not A Word", Stamp(time: 1, replica: "new"))])
        #expect(unreadable.incident(on: header).0.type?.word == "security")
    }

    @Test func theLaterOfTwoConcurrentTypeChangesWinsEverywhere() throws {
        let machines = try TwoMachines(title: "Checkout errors")
        let (a, b, number) = (machines.a, machines.b, machines.incident.number)
        try setType("availability", a, number)
        try setType("performance", b, 1)
        _ = try machines.publisherA.publish(number, repo: nil, force: false)
        _ = try machines.publisherB.publish(1, repo: nil, force: false)
        _ = try machines.publisherA.pull(number)
        #expect(try a.incident(number).type?.word == "performance")
        #expect(try b.incident(1).type?.word == "performance")
        #expect(machines.github.issueLabels == ["type:performance"])
    }
}
