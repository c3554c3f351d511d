import Foundation
@testable import IncidentKit

/// The reference P0 incident (`Fixtures/vpc-connector-p0.md`), typed in through the store.
enum ExampleIncident {
    static let pst = TimeZone(secondsFromGMT: -8 * 3600)!

    static func time(_ text: String) throws -> Date { try TimeExpression.parse(text, zone: pst) }

    static func build(in store: IncidentStore) throws -> Int {
        var draft = IncidentDraft(title: "üö® EMERGENCY P0: VPC Connector Connectivity Failure - Infrastructure Critical",
                                  severity: .p0, declaredAt: try time("2025-09-15 19:17 PST"))
        draft.labels = ["P0", "emergency", "infrastructure", "vpc-connector", "production-impact", "staging"]
        draft.assignees = ["Infrastructure team", "Platform engineering"]
        draft.impact = "$500K+ ARR - Complete Golden Path failure"
        draft.summary = "Emergency bypass deployed; VPC connector repair required."
        draft.services = [
            AffectedService(name: "Backend API", url: "https://api.staging.netrasystems.ai", note: "was HTTP 503, now degraded"),
            AffectedService(name: "Auth Service", url: "https://auth.staging.netrasystems.ai", note: "was HTTP 503, now degraded"),
            AffectedService(name: "Database", note: "PostgreSQL instances unable to connect via VPC"),
            AffectedService(name: "Cache", note: "Redis connectivity failed via VPC"),
        ]
        let number = try store.declare(draft).number
        var changes = IncidentChanges()
        changes.rootCause = "VPC Connector `staging-connector` connectivity failure preventing Cloud Run containers from accessing Cloud SQL/Redis during deterministic startup."
        try store.update(number, with: changes)
        _ = try store.addTimelineEntry(number, text: "Issue detected (E2E test failures)", kind: .detected, at: time("2025-09-15 19:17 PST"))
        try store.changeStatus(number, to: .identified, at: time("2025-09-15 19:49 PST"), note: "VPC connector failure")
        _ = try store.addTimelineEntry(number, text: "Emergency fix developed", at: time("2025-09-15 20:00 PST"))
        _ = try store.addTimelineEntry(number, text: "Emergency bypass deployed", kind: .fixDeployed, at: time("2025-09-15 20:15 PST"))
        for text in ["Health checks timeout → Container starts but application fails to initialize",
                     "Application startup >10s → 7-phase deterministic startup requires database",
                     "Startup slow → Database connectivity issues during Phase 3",
                     "Database connection fails → VPC connector cannot reach Cloud SQL"] {
            _ = try store.addWhy(number, text: text)
        }
        _ = try store.addWhy(number, text: "VPC Connector `staging-connector` connectivity failure", isRootCause: true)
        _ = try store.addAction(number, text: "**VPC Connector Diagnosis:**", details: """
            ```bash
            gcloud compute networks vpc-access connectors describe staging-connector --region=us-central1 --project=netra-staging
            ```
            """)
        _ = try store.addAction(number, text: "**Cloud SQL Connectivity Validation:**", details: """
            ```bash
            gcloud sql instances describe staging-shared-postgres --project=netra-staging
            gcloud sql instances describe netra-postgres --project=netra-staging
            ```
            """)
        _ = try store.addAction(number, text: "**Network Configuration Review:**", details: """
            - Validate VPC connector subnet configuration
            - Check firewall rules for Cloud SQL access
            - Verify IAM permissions for connector service account
            """)
        for text in ["**Infrastructure Repair:** Fix VPC connector connectivity",
                     "**Remove Emergency Bypass:** Set `EMERGENCY_ALLOW_NO_DATABASE=false`",
                     "**Full Service Restoration:** Validate complete Golden Path functionality",
                     "**Regression Testing:** Ensure no side effects from emergency changes"] {
            _ = try store.addAction(number, text: text, horizon: .mediumTerm, owner: "Infrastructure team")
        }
        for text in ["**Enhanced Monitoring:** VPC connector health monitoring",
                     "**Circuit Breaker Improvements:** Better graceful degradation patterns",
                     "**Startup Resilience:** Configurable startup timeout strategies",
                     "**Infrastructure Testing:** Pre-deployment VPC validation"] {
            _ = try store.addAction(number, text: text, horizon: .longTerm)
        }
        for text in ["Health endpoints return HTTP 200", "Service logs accessible for debugging",
                     "Container startup completes successfully", "No application crashes in degraded mode"] {
            _ = try store.addCriterion(number, text: text, phase: .immediate)
        }
        for text in ["VPC connector connectivity restored", "Emergency bypass disabled",
                     "Full database connectivity operational", "Complete Golden Path functionality validated"] {
            _ = try store.addCriterion(number, text: text, phase: .shortTerm)
        }
        try store.addSection(number, FreeSection(title: "Risk Assessment", markdown: """
            ### Emergency Fix Risks (LOW)
            - **Data Safety:** No data manipulation, read-only degradation
            - **Rollback:** Can disable via environment variable immediately
            """))
        return number
    }
}
