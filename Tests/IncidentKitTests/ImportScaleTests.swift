import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import IncidentKit

/// Work done by the database grows linearly with the number of items written, counted in SQLite virtual-machine
/// instructions (including the triggers' own), not timed: a count is the same on every machine and every run.
@Suite struct ImportScaleTests {
    /// Counts the SQLite instructions a store's connection runs, through SQLite's progress callback.
    final class InstructionCounter: @unchecked Sendable {
        static let period: Int32 = 100
        var ticks = 0
        var instructions: Int { ticks * Int(Self.period) }

        func attach(to store: IncidentStore) throws {
            try store.writer.writeWithoutTransaction { db in
                sqlite3_progress_handler(db.sqliteConnection, Self.period, { context in
                    Unmanaged<InstructionCounter>.fromOpaque(context!).takeUnretainedValue().ticks += 1
                    return 0
                }, Unmanaged.passUnretained(self).toOpaque())
            }
        }
    }

    static func document(tasks: Int) -> String {
        "# Big incident\n\n## Action items\n\n" + (1...tasks).map { number in
            "- [\(number % 3 == 0 ? "x" : " ")] Task \(number): restart the frobnicator on host-\(number) and check its health endpoint"
        }.joined(separator: "\n") + "\n"
    }

    /// SQLite instructions spent storing an imported document of `tasks` task items in a fresh store.
    static func importInstructions(tasks: Int) throws -> Int {
        let store = try IncidentStore.inMemory()
        let counter = InstructionCounter()
        try counter.attach(to: store)
        let incident = try IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)
            .read(document(tasks: tasks)).incident
        counter.ticks = 0
        _ = try store.importIncident(incident, source: "scale-\(tasks).md", hash: "\(tasks)")
        #expect(try store.incident(1).actions.count == tasks)
        return counter.instructions
    }

    @Test func importingTwiceTheItemsCostsAboutTwiceTheWork() throws {
        let counts = try [1_000, 2_000, 4_000].map(Self.importInstructions(tasks:))
        // Linear growth doubles the work with the items; rebuilding the search text per row quadrupled it.
        #expect(Double(counts[1]) / Double(counts[0]) < 2.3, "1,000 → 2,000 items: \(counts)")
        #expect(Double(counts[2]) / Double(counts[1]) < 2.3, "2,000 → 4,000 items: \(counts)")
    }

    @Test func addingAnActionToALargeIncidentCostsAboutWhatItDoesOnASmallOne() throws {
        func addInstructions(existing: Int) throws -> Int {
            let store = try IncidentStore.inMemory()
            let incident = try IncidentImporter(zone: TimeZone(identifier: "UTC")!, now: RenderingFixtures.now)
                .read(Self.document(tasks: existing)).incident
            _ = try store.importIncident(incident, source: "scale.md", hash: "1")
            let counter = InstructionCounter()
            try counter.attach(to: store)
            _ = try store.addAction(1, text: "One more thing to do")
            return counter.instructions
        }
        let small = try addInstructions(existing: 5), large = try addInstructions(existing: 5_000)
        #expect(Double(large) / Double(small) < 1.5, "5 items: \(small), 5,000 items: \(large)")
    }
}
