import Foundation

extension RenderContext {
    /// The issue values plus what a postmortem adds: duration, people, response times, lessons, tables.
    public func postmortemValues(for incident: Incident, at now: Date) -> [String: Any] {
        var values = values(for: incident)
        let milestones = Milestones(incident.timeline)
        let start = milestones.first(.impactStarted) ?? incident.declaredAt
        let end = milestones.first(.resolved) ?? incident.closedAt
        values["generatedAt"] = time(now)
        values["startedAt"] = time(start)
        values["endedAt"] = end.map(time) ?? "ongoing"
        values["duration"] = end.map { TimeFormat.duration($0.timeIntervalSince(start)) } ?? "ongoing (\(TimeFormat.duration(now.timeIntervalSince(start))) so far)"
        values["peopleText"] = nonEmpty(people(in: incident).map(cell).joined(separator: ", "))
        Self.flagPresence(of: ["peopleText"], in: &values)
        values["responseTimes"] = [
            response("Time to detect", .detect, from: milestones.first(.impactStarted), to: milestones.first(.detected)),
            response("Time to acknowledge", .acknowledge, from: milestones.first(.detected), to: milestones.first(.acknowledged)),
            response("Time to mitigate", .mitigate, from: milestones.first(.impactStarted), to: milestones.first(.mitigated)),
            response("Time to resolve", .resolve, from: milestones.first(.impactStarted), to: milestones.first(.resolved)),
        ]
        values["lessonGroups"] = LessonKind.allCases.map { kind -> [String: Any] in
            let lessons = incident.lessons.filter { $0.kind == kind }
            return ["heading": kind.heading, "hasLessons": !lessons.isEmpty, "lessons": lessons.map { ["text": line($0.text)] }]
        }
        values["hasLessons"] = !incident.lessons.isEmpty
        values["actionRows"] = incident.actions.map(action)
        values["criteriaRows"] = incident.criteria.map(criterion)
        values["milestoneStrip"] = format == .html ? nonEmpty(MilestoneStrip.svg(incident.timeline, zone: zone)) : nil
        return values
    }

    /// One response time, labelled with the span `incident stats` gives the same measure.
    private func response(_ name: String, _ measure: ResponseStats.Measure, from start: Date?, to end: Date?) -> [String: Any] {
        let value: String
        if let start, let end {
            value = TimeFormat.duration(end.timeIntervalSince(start))
        } else {
            value = "not recorded"
        }
        return ["name": name, "span": measure.span, "value": value]
    }

    /// Assignees, role holders, then action owners and whoever ticked items, each once: `@dana`, `dana` and `Dana`
    /// are one person, named as first written.
    private func people(in incident: Incident) -> [String] {
        var seen = Set<String>()
        let everyone = incident.assignees + Role.sorted(incident.roles).map(\.who) + incident.actions.compactMap(\.owner)
            + incident.actions.compactMap(\.doneBy) + incident.criteria.compactMap(\.metBy)
        return everyone.filter { seen.insert(Self.personKey($0)).inserted }
    }

    /// A name as compared: without a leading `@`, ignoring case.
    static func personKey(_ name: String) -> String {
        (name.hasPrefix("@") ? String(name.dropFirst()) : name).lowercased()
    }
}

/// The first time each milestone was reached.
struct Milestones {
    private var firsts: [TimelineKind: Date] = [:]

    init(_ timeline: [TimelineEntry]) {
        for entry in timeline where firsts[entry.kind].map({ entry.at < $0 }) ?? true {
            firsts[entry.kind] = entry.at
        }
    }

    func first(_ kind: TimelineKind) -> Date? { firsts[kind] }
}
