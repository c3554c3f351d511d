import Foundation

/// Applying checkbox changes from an issue body edited elsewhere (ticked on GitHub, read back with gh): items are
/// matched by the hidden markers a rendered body carries, else by text; an item changed both here and in the body
/// since it was rendered is a conflict and left alone; lines that match nothing are listed, never guessed.
public struct BodySync {
    let store: IncidentStore

    /// Syncing into the incidents of `store`.
    public init(store: IncidentStore) {
        self.store = store
    }

    /// Reads `body` and applies its ticks to incident `number` (unless `dryRun`), logged as coming from `source`;
    /// `addingNew` also adds task lines that match no item. Returns the plan it followed and the incident before it.
    public func apply(_ body: String, to number: Int, from source: String, addingNew: Bool,
                      dryRun: Bool) throws(IncidentError) -> (plan: SyncPlan, incident: Incident) {
        let document = try IncidentImporter().read(body)
        let incident = try store.incident(number)
        // A body the tool didn't render has no render time: nothing counts as changed here since.
        let changedHere = try document.renderedAt.map { date throws(IncidentError) in try store.itemsChanged(in: number, since: date) } ?? []
        let plan = SyncPlan(document: document, incident: incident) { kind, item in changedHere.contains(ItemKey(kind, item)) }
        if !dryRun { try store.applySync(plan, adding: addingNew ? plan.newTasks : [], to: number, from: source) }
        return (plan, incident)
    }
}
