import Foundation

extension RenderContext {
    /// What changed on the checklist since `previous` (everything done so far when there was no update yet).
    public func updateValues(for incident: Incident, since previous: ChecklistSnapshot?, at now: Date) -> [String: Any] {
        let doneActions = previous?.doneActions ?? []
        let metCriteria = previous?.metCriteria ?? []
        let checked = incident.actions.filter { $0.isDone && !doneActions.contains($0.number) }.map { item(.action, $0.number, $0.text) }
            + incident.criteria.filter { $0.isMet && !metCriteria.contains($0.number) }.map { item(.criterion, $0.number, $0.text) }
        let unchecked = incident.actions.filter { !$0.isDone && doneActions.contains($0.number) }.map { item(.action, $0.number, $0.text) }
            + incident.criteria.filter { !$0.isMet && metCriteria.contains($0.number) }.map { item(.criterion, $0.number, $0.text) }
        let openImmediate = incident.actions.filter { $0.horizon == .immediate && !$0.isDone }.map { item(.action, $0.number, $0.text) }
            + incident.criteria.filter { $0.phase == .immediate && !$0.isMet }.map { item(.criterion, $0.number, $0.text) }
        let newEntries = incident.timeline.filter { ($0.id ?? 0) > (previous?.lastTimelineEntryID ?? 0) }.map(entry)
        return [
            "id": incident.id, "title": line(incident.title), "status": incident.status.rawValue,
            "severity": incident.severity.label, "at": time(now),
            "sinceText": previous.map { "the last update (\(time($0.at)))" } ?? "the incident was declared",
            "actionsDone": incident.actions.filter(\.isDone).count, "actionsTotal": incident.actions.count,
            "criteriaMet": incident.criteria.filter(\.isMet).count, "criteriaTotal": incident.criteria.count,
            "actionProgress": progress(GroupProgress.actions(of: incident)),
            "criteriaProgress": progress(GroupProgress.criteria(of: incident)),
            "hasChecked": !checked.isEmpty, "checked": checked,
            "hasUnchecked": !unchecked.isEmpty, "unchecked": unchecked,
            "hasOpenImmediate": !openImmediate.isEmpty, "openImmediate": openImmediate,
            "hasNewTimeline": !newEntries.isEmpty, "newTimeline": newEntries,
            "hasChanges": !checked.isEmpty || !unchecked.isEmpty || !newEntries.isEmpty,
        ]
    }

    private func item(_ kind: ItemKind, _ number: Int, _ text: String) -> [String: Any] {
        ["kind": kind.rawValue, "number": number, "text": line(text)]
    }

    /// `immediate 3/3, medium-term 1/4`, or "none yet".
    private func progress(_ groups: [GroupProgress]) -> String {
        groups.isEmpty ? "none yet" : GroupProgress.summary(groups)
    }
}
