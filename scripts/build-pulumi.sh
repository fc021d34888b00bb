#!/usr/bin/env bash
# Builds the offline Pulumi toolchain into .tools/bin:
#   pulumi                        real CLI, github.com/pulumi/pulumi/pkg/v3 (tools/pulumi-cli)
#   pulumi-language-nodejs        stand-in Node language host (tools/standins)
#   pulumi-resource-azure-native  stand-in provider for tests (tools/standins; its shapes and schema are the
#                                 embedded tools/standins/azureshapes/*.json)
#   pulumi-resource-azure         stand-in classic provider (@pulumi/azure 6.40) for tests (tools/standins)
#   pulumi-language-yaml          real Pulumi YAML language host, github.com/pulumi/pulumi-yaml (tools/pulumi-yaml)
# Cached: skipped when .tools/bin/.stamp records the same versions + hash of tools/ sources.
set -euo pipefail

PULUMI_VERSION=v3.259.0
# Pinned in tools/pulumi-yaml/go.mod; v1.25.0 is the newest the module proxy serves here, run by CLI v3.259.0 in
# test/yaml.e2e.test.ts (cold build ~45 s with a warm module cache; it keeps its own pulumi v3.206.0 packages).
PULUMI_YAML_VERSION=v1.25.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.tools/bin"
STAMP="$BIN/.stamp"
export PATH="/usr/local/go/bin:$PATH"
export GOFLAGS="${GOFLAGS:-} -mod=mod" # go.sum is complete; -mod=mod tolerates a go.mod that is not tidy
export CGO_ENABLED=0

die() { echo "build-pulumi: ERROR: $*" >&2; exit 1; }
command -v go >/dev/null || die "go not found (expected /usr/local/go/bin/go)"

src_hash() {
  (cd "$ROOT" && find tools/pulumi-cli tools/pulumi-yaml tools/standins scripts/build-pulumi.sh -type f \
      \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' -o -name '*.sh' -o -name '*.json' \) -print0 |
    sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

want="$PULUMI_VERSION yaml-$PULUMI_YAML_VERSION $(src_hash) $(go env GOVERSION)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$BIN/pulumi" && -x "$BIN/pulumi-language-yaml" &&
      -x "$BIN/pulumi-language-nodejs" && -x "$BIN/pulumi-resource-azure-native" && -x "$BIN/pulumi-resource-azure" ]]; then
  echo "build-pulumi: up to date ($want)"
  exit 0
fi

mkdir -p "$BIN"
rm -f "$STAMP"
start=$SECONDS

echo "build-pulumi: building stand-ins (tools/standins)"
(cd "$ROOT/tools/standins" && go build -trimpath -o "$BIN/" ./cmd/pulumi-language-nodejs ./cmd/pulumi-resource-azure-native \
    ./cmd/pulumi-resource-azure) ||
  die "stand-in build failed"
echo "build-pulumi: stand-ins built in $((SECONDS - start))s"

t=$SECONDS
echo "build-pulumi: building Pulumi CLI $PULUMI_VERSION (slow: ~10-20 min on 2 cores, cold cache)"
(cd "$ROOT/tools/pulumi-cli" && go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    -o "$BIN/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) ||
  die "Pulumi CLI build failed (needs the Go module proxy for github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION)"
echo "build-pulumi: CLI built in $((SECONDS - t))s"

t=$SECONDS
echo "build-pulumi: building Pulumi YAML language host $PULUMI_YAML_VERSION (tools/pulumi-yaml)"
grep -q "github.com/pulumi/pulumi-yaml $PULUMI_YAML_VERSION\$" "$ROOT/tools/pulumi-yaml/go.mod" ||
  die "tools/pulumi-yaml/go.mod does not pin github.com/pulumi/pulumi-yaml $PULUMI_YAML_VERSION"
(cd "$ROOT/tools/pulumi-yaml" && go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$PULUMI_YAML_VERSION" \
    -o "$BIN/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml) ||
  die "YAML language host build failed (needs the Go module proxy for github.com/pulumi/pulumi-yaml@$PULUMI_YAML_VERSION)"
echo "build-pulumi: YAML language host built in $((SECONDS - t))s"

"$BIN/pulumi" version >/dev/null || die "built pulumi binary does not run"
echo "$want" >"$STAMP"
echo "build-pulumi: done in $((SECONDS - start))s -> $BIN ($("$BIN/pulumi" version))"
