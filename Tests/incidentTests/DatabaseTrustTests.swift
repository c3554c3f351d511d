import Foundation
import Testing

/// A database file someone hands over can't run their SQL: planted triggers and views are refused before any read
/// or write runs, and `incident doctor` names them.
@Suite struct DatabaseTrustTests {
    static let plants: [(name: String, sql: String)] = [
        ("rewrites titles", "CREATE TRIGGER rewrite AFTER INSERT ON changeLog BEGIN UPDATE incident SET title = 'pwned'; END;"),
        ("empties the log", "CREATE TRIGGER wipe AFTER INSERT ON itemEvent BEGIN DELETE FROM setting; END;"),
        ("recursive", "PRAGMA recursive_triggers = ON; CREATE TRIGGER spin AFTER UPDATE ON incident BEGIN UPDATE incident SET updatedAt = updatedAt + 1; END;"),
        ("same name, other SQL", "DROP TRIGGER changeLogIsAppendOnlyOnDelete; CREATE TRIGGER changeLogIsAppendOnlyOnDelete BEFORE DELETE ON changeLog BEGIN SELECT 1; END;"),
        ("a view", "CREATE VIEW sneaky AS SELECT * FROM incident;"),
    ]

    @Test(arguments: plants.indices)
    func aPlantedTriggerOrViewIsRefusedByWritesAndReadsAndNamedByTheDoctor(_ index: Int) throws {
        let plant = Self.plants[index]
        let sandbox = try Sandbox()
        try sandbox.declareExampleIncident()
        let database = sandbox.defaultDatabase
        #expect(try sandbox.sqlite3(database, plant.sql).status == 0)
        let before = try sandbox.dump(database)
        for command in [["check", "1"], ["set", "--title", "New title"], ["timeline", "add", "x"], ["list"], ["show"], ["search", "vpc"], ["actions"]] {
            expectFailure(try sandbox.run(command), status: 74, mentioning: "this tool didn't create", "incident doctor")
        }
        #expect(try sandbox.dump(database) == before, "\(plant.name): the file changed")
        let diagnosis = try sandbox.run(["doctor"])
        #expect(diagnosis.status == 74 && diagnosis.stdout.contains("was not created by incident"), "\(diagnosis)")
        #expect(diagnosis.stdout.contains("DROP TRIGGER"), "\(diagnosis)")
    }

    @Test func anOlderFileWithAPlantedTriggerIsNotMigratedInMemoryEither() throws {
        let sandbox = try Sandbox()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../IncidentKitTests/Fixtures/previous-release/incidents.sqlite").standardized
        let copy = sandbox.dir.appendingPathComponent("old.sqlite")
        try FileManager.default.copyItem(at: fixture, to: copy)
        // Fires on the UPDATE the in-memory migration to the milestone columns makes.
        #expect(try sandbox.sqlite3(copy.path, "CREATE TRIGGER onMigrate AFTER UPDATE ON incident BEGIN DELETE FROM why; END;").status == 0)
        let bytes = try sandbox.contents(copy.path)
        expectFailure(try sandbox.run(["list", "--db", "old.sqlite"]), status: 74, mentioning: "trigger onMigrate")
        #expect(try sandbox.contents(copy.path) == bytes)
    }

    @Test func anExtraTableOrIndexIsNamedByTheDoctorButHarmsNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["new", "--p1", "Checkout is slow"])
        #expect(try sandbox.sqlite3(sandbox.defaultDatabase, "CREATE TABLE notes (x); CREATE INDEX byTitle ON incident(title);").status == 0)
        try sandbox.ok(["check", "--help"])
        #expect(try sandbox.ok(["list"]).stdout.contains("Checkout is slow"))
        let diagnosis = try sandbox.run(["doctor"])
        #expect(diagnosis.status == 74, "\(diagnosis)")
        #expect(diagnosis.stdout.contains("the table notes was not created by incident") && diagnosis.stdout.contains("the index byTitle"), "\(diagnosis)")
    }
}
