#!/usr/bin/env bash
# Smoke check of the offline Pulumi toolchain (scripts/build-pulumi.sh): a tiny TypeScript
# azure-native program and a trivial policy pack, run through the real CLI with the
# stand-in language host and provider. Proves that:
#   - `pulumi preview` works, and `pulumi preview --policy-pack` fails naming the policy;
#   - `pulumi up --policy-pack` is blocked and the Deployment is absent from the export;
#   - `pulumi policy analyze --file <export> --policy-pack` runs.
# Usage: scripts/smoke-cli.sh [--keep]   (--keep leaves the temp dir for inspection)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/pulumi-env.sh
. "$ROOT/scripts/pulumi-env.sh"
command -v pulumi >/dev/null || { echo "smoke: pulumi not built; run scripts/build-pulumi.sh" >&2; exit 1; }

# Under the repo so Node resolves /work/main/node_modules from the program dir.
mkdir -p "$ROOT/.tools/tmp"
WORK="$(mktemp -d "$ROOT/.tools/tmp/smoke-XXXXXX")"
[[ "${1:-}" == "--keep" ]] || trap 'rm -rf "$WORK"' EXIT
PROG="$WORK/prog" PACK="$WORK/pack" STATE="$WORK/state"
mkdir -p "$PROG" "$PACK" "$STATE"
export PULUMI_HOME="$WORK/home" # isolate credentials.json from other runs

cat >"$PROG/Pulumi.yaml" <<'YAML'
name: smoke
runtime: nodejs
YAML
cat >"$PROG/package.json" <<'JSON'
{ "name": "smoke", "private": true }
JSON
cat >"$PROG/tsconfig.json" <<'JSON'
{ "compilerOptions": { "strict": true, "target": "es2020", "module": "commonjs",
  "moduleResolution": "node", "skipLibCheck": true }, "files": ["index.ts"] }
JSON
cat >"$PROG/index.ts" <<'TS'
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("rg", { location: "eastus" });
const account = new cognitiveservices.Account("acct", {
    resourceGroupName: rg.name,
    accountName: "smoke-openai",
    location: "eastus",
    kind: "OpenAI",
    sku: { name: "S0" },
    properties: { customSubDomainName: "smoke-openai" },
});
const policy = new cognitiveservices.RaiPolicy("policy", {
    resourceGroupName: rg.name,
    accountName: account.name,
    raiPolicyName: "smoke-policy",
    properties: {
        basePolicyName: "Microsoft.DefaultV2",
        mode: "Blocking",
        contentFilters: [{ name: "Hate", severityThreshold: "Medium", blocking: true, enabled: true, source: "Prompt" }],
    },
});
const deployment = new cognitiveservices.Deployment("deployment", {
    resourceGroupName: rg.name,
    accountName: account.name,
    deploymentName: "gpt-4o",
    sku: { name: "Standard", capacity: 1 },
    properties: {
        model: { format: "OpenAI", name: "gpt-4o", version: "2024-08-06" },
        raiPolicyName: policy.name,
    },
});
export const policyName = policy.name;
export const deploymentId = deployment.id;
TS

cat >"$PACK/PulumiPolicy.yaml" <<'YAML'
runtime: nodejs
description: smoke pack
YAML
cat >"$PACK/package.json" <<'JSON'
{ "name": "smoke-pack", "version": "0.0.1", "private": true }
JSON
cat >"$PACK/index.ts" <<'TS'
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("smoke", {
    policies: [
        {
            name: "smoke-no-deployments",
            description: "Blocks every Azure OpenAI deployment (smoke test).",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === "azure-native:cognitiveservices:Deployment") {
                    reportViolation(`deployment ${args.name} blocked`);
                }
            },
        },
        {
            // Reads a value that is unknown during preview (raiPolicyName: policy.name): the
            // policy SDK then skips it with an advisory "can't be known during preview".
            name: "smoke-needs-rai-policy",
            description: "Deployments must name a RAI policy (smoke test).",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                if (args.type === "azure-native:cognitiveservices:Deployment" && !args.props.properties?.raiPolicyName) {
                    reportViolation("no raiPolicyName");
                }
            },
        },
    ],
});
TS
ln -s "$ROOT/policy-pack/node_modules" "$PACK/node_modules"

fails=0
step() { echo; echo "=== $*"; }
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2"; fails=$((fails + 1)); fi; }
run() { # run <logfile> <cmd...>: run in $PROG, keep output, return the exit code
  local log="$1"; shift
  local t=$SECONDS
  (cd "$PROG" && "$@") >"$log" 2>&1
  local rc=$?
  echo "\$ $* -> exit $rc ($((SECONDS - t))s)"
  return $rc
}

pulumi version
pulumi login "file://$STATE" >/dev/null || { echo "FAIL: login"; exit 1; }
run "$WORK/init.log" pulumi stack init smoke --non-interactive || { cat "$WORK/init.log"; exit 1; }

step "preview without a pack"
run "$WORK/preview.log" pulumi preview --non-interactive --diff; rc=$?
sed 's/^/    /' "$WORK/preview.log" | tail -40
check "[[ $rc == 0 ]]" "plain preview succeeds"

step "preview with the pack"
run "$WORK/preview-pack.log" pulumi preview --non-interactive --policy-pack "$PACK"; rc=$?
sed 's/^/    /' "$WORK/preview-pack.log" | tail -30
check "[[ $rc != 0 ]]" "preview with a mandatory violation exits non-zero"
check "grep -q smoke-no-deployments '$WORK/preview-pack.log'" "preview output names the policy"
check "grep -q \"can't be known during preview\" '$WORK/preview-pack.log'" \
  "policy reading an unknown (raiPolicyName) is skipped as advisory in preview"

step "up with the pack"
run "$WORK/up-pack.log" pulumi up --yes --non-interactive --policy-pack "$PACK"; rc=$?
sed 's/^/    /' "$WORK/up-pack.log" | tail -30
check "[[ $rc != 0 ]]" "up with a mandatory violation exits non-zero"
run "$WORK/export1.log" pulumi stack export --file "$WORK/after-blocked-up.json"
check "! grep -q 'cognitiveservices:Deployment' '$WORK/after-blocked-up.json'" "Deployment absent from the export"
echo "    types in state: $(grep -o '"type": "[^"]*"' "$WORK/after-blocked-up.json" | sort -u | tr '\n' ' ')"

step "up without the pack, then export"
run "$WORK/up.log" pulumi up --yes --non-interactive; rc=$?
sed 's/^/    /' "$WORK/up.log" | tail -25
check "[[ $rc == 0 ]]" "plain up succeeds"
run "$WORK/export2.log" pulumi stack export --file "$WORK/export.json"
check "grep -q 'cognitiveservices:Deployment' '$WORK/export.json'" "Deployment present after plain up"
node -e '
  const s = require(process.argv[1]);
  for (const r of s.deployment.resources || []) if (r.type.startsWith("azure-native:"))
    console.log("    ", r.type, r.id, JSON.stringify(r.outputs));' "$WORK/export.json"

step "policy analyze --file"
run "$WORK/analyze.log" pulumi policy analyze --file "$WORK/export.json" --policy-pack "$PACK"; rc=$?
sed 's/^/    /' "$WORK/analyze.log" | tail -30
check "grep -q smoke-no-deployments '$WORK/analyze.log'" "analyze reports the policy (exit $rc)"

echo
[[ "${1:-}" == "--keep" ]] && echo "kept: $WORK"
if ((fails)); then echo "smoke: $fails check(s) FAILED"; exit 1; fi
echo "smoke: all checks passed"
