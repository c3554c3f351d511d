import Foundation

/// What `incident sync` will do with a body edited elsewhere: decided from values only, applied by the store.
public struct SyncPlan: Sendable {
    /// An item whose box the file changed, to be set to `done`.
    public struct Change: Equatable, Sendable {
        public var kind: ItemKind
        public var number: Int
        public var done: Bool
        public var text: String
    }

    /// An item changed here since the document was rendered and differently in the file: left alone.
    public struct Conflict: Equatable, Sendable {
        public var kind: ItemKind
        public var number: Int
        public var text: String
        public var fileDone: Bool
        public var localDone: Bool
    }

    public var changes: [Change] = []
    public var conflicts: [Conflict] = []
    /// Task lines whose marker names no item, or whose text fits several items: listed, never guessed.
    public var unmatched: [TaskLine] = []
    /// Task lines with no marker and no matching item: new items, added only on request.
    public var newTasks: [TaskLine] = []
    public var unchanged = 0

    /// Matches the document's task lines to the incident's items: by marker, else exact text, else normalised text.
    ///
    /// `changedHere(kind, number)` tells whether the item was ticked or unticked here since the document was rendered.
    public init(document: ImportedDocument, incident: Incident, changedHere: (ItemKind, Int) -> Bool) {
        self.init(document: document, incident: incident) { line, kind, number, localDone in
            // Without a marker there is no rendered state to compare with: the file's box is the news.
            let fileChanged = line.renderedDone.map { $0 != line.checked } ?? true
            if !fileChanged { return .unchanged }
            return changedHere(kind, number) || (line.renderedDone.map { $0 != localDone } ?? false) ? .conflict : .apply
        }
    }

    /// What to do with a matched line whose box differs from the item here.
    private enum Decision { case unchanged, apply, conflict }

    private init(document: ImportedDocument, incident: Incident,
                 decide: (TaskLine, ItemKind, Int, Bool) -> Decision) {
        var claimed = Set<String>()
        for line in document.tasks {
            guard let (kind, number, text, localDone) = Self.match(line, in: incident) else {
                if line.markerNumber != nil || Self.candidates(line, in: incident).count > 1 {
                    unmatched.append(line)
                } else {
                    newTasks.append(line)
                }
                continue
            }
            guard claimed.insert("\(kind.rawValue):\(number)").inserted else {
                unmatched.append(line)
                continue
            }
            if line.checked == localDone {
                unchanged += 1
                continue
            }
            switch decide(line, kind, number, localDone) {
            case .unchanged: unchanged += 1
            case .apply: changes.append(Change(kind: kind, number: number, done: line.checked, text: text))
            case .conflict: conflicts.append(Conflict(kind: kind, number: number, text: text, fileDone: line.checked, localDone: localDone))
            }
        }
    }

    /// The boxes of `document` matched to this incident's items, as a base for the next merge.
    public static func boxes(of document: ImportedDocument, in incident: Incident) -> SyncedState {
        var state = SyncedState()
        for line in document.tasks {
            if let (kind, number, _, _) = match(line, in: incident), state[ItemKey(kind, number)] == nil {
                state[ItemKey(kind, number)] = line.checked
            }
        }
        return state
    }

    /// The incident with this plan's box changes made (in memory), stamped `at` by `actor`.
    public func applied(to incident: Incident, at: Date, by actor: String) -> Incident {
        var result = incident
        for change in changes {
            if change.kind == .criterion, let index = result.criteria.firstIndex(where: { $0.number == change.number }) {
                (result.criteria[index].metAt, result.criteria[index].metBy) = change.done ? (at, actor) : (nil, nil)
            } else if change.kind == .action, let index = result.actions.firstIndex(where: { $0.number == change.number }) {
                (result.actions[index].doneAt, result.actions[index].doneBy) = change.done ? (at, actor) : (nil, nil)
            }
        }
        return result
    }

    private static func match(_ line: TaskLine, in incident: Incident) -> (ItemKind, Int, String, Bool)? {
        if let number = line.markerNumber {
            return item(line.kind, number, in: incident)
        }
        let found = candidates(line, in: incident)
        return found.count == 1 ? found[0] : nil
    }

    private static func item(_ kind: ItemKind, _ number: Int, in incident: Incident) -> (ItemKind, Int, String, Bool)? {
        switch kind {
        case .criterion:
            return incident.criteria.first { $0.number == number }.map { (.criterion, $0.number, $0.text, $0.isMet) }
        default:
            return incident.actions.first { $0.number == number }.map { (.action, $0.number, $0.text, $0.isDone) }
        }
    }

    /// Items whose text equals the line's exactly, or failing that, after normalising case, punctuation and spaces.
    private static func candidates(_ line: TaskLine, in incident: Incident) -> [(ItemKind, Int, String, Bool)] {
        let all = incident.actions.map { (ItemKind.action, $0.number, $0.text, $0.isDone) }
            + incident.criteria.map { (ItemKind.criterion, $0.number, $0.text, $0.isMet) }
        let exact = all.filter { $0.2 == line.text }
        if !exact.isEmpty { return exact }
        let key = normalised(line.text)
        return key.isEmpty ? [] : all.filter { normalised($0.2) == key }
    }

    /// Lowercased letters and digits, single-spaced: `**Fix VPC:** now!` and `fix vpc now` are the same.
    static func normalised(_ text: String) -> String {
        text.lowercased().unicodeScalars
            .map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? String($0) : " " }
            .joined().split(separator: " ").joined(separator: " ")
    }
}
