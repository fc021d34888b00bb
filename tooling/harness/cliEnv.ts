// The environment the tests and benchmarks run the offline Pulumi CLI in: the binaries built into .tools/bin
// first on PATH, and a home and file backend of their own under `base`, so no run touches the user's Pulumi
// setup or reaches the network.
import * as fs from "fs";
import * as path from "path";

export const TOOLS_BIN = path.join(__dirname, "..", "..", ".tools", "bin");

export function offlineCliEnv(base: string, passphrase: string): NodeJS.ProcessEnv {
  const home = path.join(base, "home");
  const state = path.join(base, "state");
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(state, { recursive: true });
  return {
    ...process.env,
    PATH: `${TOOLS_BIN}:${process.env.PATH}`,
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_DISABLE_CI_DETECTION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NO_COLOR: "1",
  };
}
