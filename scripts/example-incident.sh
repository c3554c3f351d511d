#!/usr/bin/env bash
# Types in Tests/IncidentKitTests/Fixtures/vpc-connector-p0.md, the reference P0 incident, with the incident CLI.
# Usage: scripts/example-incident.sh [incident binary] — further arguments (e.g. --db PATH) go to every command.
set -euo pipefail
bin=${1:-incident}
shift || true
i() { "$bin" "$@" ${extra[@]+"${extra[@]}"}; }
extra=("$@")

ref=$(i new --p0 --no-playbook "üö® EMERGENCY P0: VPC Connector Connectivity Failure - Infrastructure Critical" \
    --label P0 --label emergency --label infrastructure --label vpc-connector --label production-impact --label staging \
    --assignee "Infrastructure team" --assignee "Platform engineering" \
    --impact '$500K+ ARR - Complete Golden Path failure' \
    --summary 'Emergency bypass deployed; VPC connector repair required.' \
    --service 'Backend API|https://api.staging.netrasystems.ai|was HTTP 503, now degraded' \
    --service 'Auth Service|https://auth.staging.netrasystems.ai|was HTTP 503, now degraded' \
    --service 'Database||PostgreSQL instances unable to connect via VPC' \
    --service 'Cache||Redis connectivity failed via VPC' \
    --at "2025-09-15 19:17 PST")
# The first line is the reference (taken after the command ends: piping into `head` could cut it off early).
ref=${ref%%$'\n'*}
echo "$ref"

i set "$ref" --root-cause 'VPC Connector `staging-connector` connectivity failure preventing Cloud Run containers from accessing Cloud SQL/Redis during deterministic startup.' >/dev/null

i timeline add "$ref" "Issue detected (E2E test failures)" --kind detected --at "2025-09-15 19:17 PST" >/dev/null
i status "$ref" identified --at "2025-09-15 19:49 PST" --note "VPC connector failure" >/dev/null
i timeline add "$ref" "Emergency fix developed" --at "2025-09-15 20:00 PST" >/dev/null
i timeline add "$ref" "Emergency bypass deployed (build 20cf419d-c6a7-4946-870c-d90b879570ec)" --kind fix-deployed --at "2025-09-15 20:15 PST" >/dev/null

i why add "$ref" "Health checks timeout → Container starts but application fails to initialize" >/dev/null
i why add "$ref" "Application startup >10s → 7-phase deterministic startup requires database" >/dev/null
i why add "$ref" "Startup slow → Database connectivity issues during Phase 3" >/dev/null
i why add "$ref" "Database connection fails → VPC connector cannot reach Cloud SQL" >/dev/null
i why add "$ref" 'VPC Connector `staging-connector` connectivity failure' --root-cause >/dev/null

i action add "$ref" "**VPC Connector Diagnosis:**" --details '```bash
gcloud compute networks vpc-access connectors describe staging-connector --region=us-central1 --project=netra-staging
```' >/dev/null
i action add "$ref" "**Cloud SQL Connectivity Validation:**" --details '```bash
gcloud sql instances describe staging-shared-postgres --project=netra-staging
gcloud sql instances describe netra-postgres --project=netra-staging
```' >/dev/null
i action add "$ref" "**Network Configuration Review:**" --details '- Validate VPC connector subnet configuration
- Check firewall rules for Cloud SQL access
- Verify IAM permissions for connector service account' >/dev/null
i action add "$ref" "**Infrastructure Repair:** Fix VPC connector connectivity" --horizon medium-term >/dev/null
i action add "$ref" '**Remove Emergency Bypass:** Set `EMERGENCY_ALLOW_NO_DATABASE=false`' --horizon medium-term >/dev/null
i action add "$ref" "**Full Service Restoration:** Validate complete Golden Path functionality" --horizon medium-term >/dev/null
i action add "$ref" "**Regression Testing:** Ensure no side effects from emergency changes" --horizon medium-term >/dev/null
i action add "$ref" "**Enhanced Monitoring:** VPC connector health monitoring" --horizon long-term >/dev/null
i action add "$ref" "**Circuit Breaker Improvements:** Better graceful degradation patterns" --horizon long-term >/dev/null
i action add "$ref" "**Startup Resilience:** Configurable startup timeout strategies" --horizon long-term >/dev/null
i action add "$ref" "**Infrastructure Testing:** Pre-deployment VPC validation" --horizon long-term >/dev/null

for text in "Health endpoints return HTTP 200" "Service logs accessible for debugging" \
    "Container startup completes successfully" "No application crashes in degraded mode"; do
    i criterion add "$ref" "$text" --phase immediate >/dev/null
done
for text in "VPC connector connectivity restored" "Emergency bypass disabled" \
    "Full database connectivity operational" "Complete Golden Path functionality validated"; do
    i criterion add "$ref" "$text" --phase short-term >/dev/null
done

i section add "$ref" "Risk Assessment" --markdown '### Emergency Fix Risks (LOW)
- **Data Safety:** No data manipulation, read-only degradation
- **Security:** Emergency mode maintains authentication bypass safety
- **Performance:** Minimal impact, removes database timeout delays
- **Rollback:** Can disable via environment variable immediately' >/dev/null
i section add "$ref" "Related Documentation" --markdown '- **Infrastructure Docs:** VPC connector configuration in terraform-gcp-staging
- **Emergency Procedures:** SMD graceful degradation patterns' >/dev/null
