# shellcheck shell=bash
# Source me: `. scripts/pulumi-env.sh`. Points the shell at the offline Pulumi toolchain
# built by scripts/build-pulumi.sh (real CLI + test stand-ins for the Node language host
# and the azure-native provider), with nothing downloaded and no Pulumi Cloud.
_pulumi_env_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export PULUMI_TOOLS_DIR="$_pulumi_env_root/.tools"
case ":$PATH:" in
  *":$PULUMI_TOOLS_DIR/bin:"*) ;;
  *) export PATH="$PULUMI_TOOLS_DIR/bin:$PATH" ;; # stand-in plugins are found as ambient $PATH plugins
esac
export PULUMI_HOME="${PULUMI_HOME:-$PULUMI_TOOLS_DIR/pulumi-home}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-test-only-passphrase}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
export PULUMI_SELF_MANAGED_STATE_NO_LEGACY_WARNING=true
export PULUMI_DISABLE_CI_DETECTION=true
export NO_COLOR=1
mkdir -p "$PULUMI_HOME"
unset _pulumi_env_root
