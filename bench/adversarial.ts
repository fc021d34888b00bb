// Adversarial inputs (issue 9 §7): stacks built to make a pack do more than linear work in one input
// dimension. Each is a list of resources in registration order, in the wire form the engine sends (inputs
// with unknowns and secrets as the engine encodes them, outputs in azure-native's response shape).
//   filters-40k:        one RaiPolicy with 40,000 content filters (duplicates, case and separator variants,
//                       unrecognised look-alikes, contradicting modes) and a deployment on it;
//   secret-filters-10k: a RaiPolicy whose contentFilters list is ONE secret holding 10,000 self-contradicting
//                       filters, and a deployment on it;
//   secret-leaves-10k:  a RaiPolicy whose 10,000 filters each hold a secret (10,000 secret values), and a
//                       deployment on it;
//   secret-tags-10k:    an account and a deployment each with 10,000 secret tags (ccc-* keys among them in
//                       case variants with different values), and a policy;
//   secret-resources-10k: 10,000 resources (accounts, policies, deployments) each with a secret tag value.
import { performance } from "perf_hooks";
import { AnalyzerSession } from "../tooling/harness/analyzer";
import { CapturedResource } from "../tooling/harness/types";
import { resourceIn } from "./stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const structPb = require("google-protobuf/google/protobuf/struct_pb");

const ACCOUNT = "azure-native:cognitiveservices:Account";
const RAI_POLICY = "azure-native:cognitiveservices:RaiPolicy";
const DEPLOYMENT = "azure-native:cognitiveservices:Deployment";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const RG = "rg-adv";

/** A wire-form secret (`{sig: secret, value}`), as the engine sends it. */
const secret = (value: unknown): Record<string, unknown> => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

const resource = resourceIn("ccc-adversarial");

const accountId = (name: string) =>
  `${SUB}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/${name}`;

function account(name: string, tags: Record<string, unknown>): CapturedResource {
  const properties = { customSubDomainName: name, publicNetworkAccess: "Enabled" };
  return resource(
    ACCOUNT,
    name,
    { accountName: name, resourceGroupName: RG, kind: "OpenAI", sku: { name: "S0" }, properties, tags },
    { name, id: accountId(name), kind: "OpenAI", sku: { name: "S0" }, properties, tags },
  );
}

function raiPolicy(acct: CapturedResource, name: string, contentFilters: unknown): CapturedResource {
  const body = { mode: "Blocking", contentFilters };
  return resource(
    RAI_POLICY,
    `${acct.name}-${name}`,
    { accountName: acct.name, resourceGroupName: RG, raiPolicyName: name, properties: body },
    { name, id: `${accountId(acct.name)}/raiPolicies/${name}`, properties: body },
    { accountName: [acct.urn], resourceGroupName: [] },
  );
}

function deployment(
  acct: CapturedResource,
  policy: CapturedResource,
  name: string,
  tags: Record<string, unknown>,
): CapturedResource {
  const properties = {
    model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" },
    raiPolicyName: (policy.inputs as { raiPolicyName: string }).raiPolicyName,
  };
  const sku = { name: "Standard", capacity: 10 };
  return resource(
    DEPLOYMENT,
    `${acct.name}-${name}`,
    { accountName: acct.name, resourceGroupName: RG, deploymentName: name, sku, properties, tags },
    { name, id: `${accountId(acct.name)}/deployments/${name}`, sku, properties, tags },
    { accountName: [acct.urn], resourceGroupName: [], properties: [policy.urn] },
  );
}

const EVIDENCE = {
  "ccc-metaprompt": "https://wiki.example.com/metaprompt",
  "ccc-metaprompt-date": "2026-10-01",
  "ccc-evaluation-report": "https://wiki.example.com/eval",
  "ccc-evaluation-report-date": "2026-10-15",
};

const NAMES = [
  "Hate",
  "hate",
  "Violence",
  "VIOLENCE",
  "Sexual",
  "Selfharm",
  "Jailbreak",
  "jailbreak",
  "JAILBREAK",
  "Protected Material Text",
  "protected_material_text",
  "Protected-Material-Text",
  "Protected Material Code",
  "PROTECTED MATERIAL CODE",
  "protected-material_code",
  "J_a-i l_b-r e_a-k",
  "ProtectedMaterialText",
  "Protected  Material  Code",
];
const SOURCES = ["Prompt", "Completion"];

/**
 * `n` content filters: the known filters in every spelling Azure accepts and look-alikes it does not, each
 * repeated with contradicting enabled/blocking, plus one distinct unrecognised name in 8 (so lists and maps
 * keyed by name grow too).
 */
export function contentFilters(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const name = i % 8 === 7 ? `Custom filter ${i}` : NAMES[i % NAMES.length];
    out.push({
      name,
      source: SOURCES[(i >> 1) % 2],
      enabled: i % 3 !== 0,
      blocking: i % 5 !== 0,
      severityThreshold: ["Low", "Medium", "High"][i % 3],
    });
  }
  return out;
}

/** A stack of one account, one policy with `contentFilters`, and one deployment on it. */
function policyStack(name: string, contentFiltersValue: unknown): CapturedResource[] {
  const acct = account(`oai-${name}`, EVIDENCE);
  const policy = raiPolicy(acct, "strict", contentFiltersValue);
  return [acct, policy, deployment(acct, policy, "chat", { "ccc-use-case": "text-generation,code-generation" })];
}

/** `n` tags whose values are secrets: ccc-* keys in case variants with different values among them. */
function secretTags(n: number): Record<string, unknown> {
  const tags: Record<string, unknown> = {};
  const cccKeys = ["ccc-use-case", "CCC-USE-CASE", "Ccc-Use-Case", ...Object.keys(EVIDENCE)];
  for (let i = 0; i < n; i++) {
    const key = i < cccKeys.length ? cccKeys[i] : `tag-${i}`;
    tags[key] = secret(i < 3 ? ["text-generation", "code-generation", " Text-Generation "][i] : `s3cr3t-value-${i}`);
  }
  return tags;
}

export interface AdversarialCase {
  readonly id: string;
  readonly description: string;
  readonly secretValues: number;
  readonly resources: () => CapturedResource[];
}

export const ADVERSARIAL: readonly AdversarialCase[] = [
  {
    id: "filters-40k",
    description:
      "one RaiPolicy with 40,000 content filters (duplicates, spelling variants, look-alikes), a deployment on it",
    secretValues: 0,
    resources: () => policyStack("filters", contentFilters(40000)),
  },
  {
    id: "secret-filters-10k",
    description:
      "a RaiPolicy whose contentFilters is one secret of 10,000 self-contradicting filters, a deployment on it",
    secretValues: 1,
    resources: () => policyStack("secretlist", secret(contentFilters(10000))),
  },
  {
    id: "secret-leaves-10k",
    description: "a RaiPolicy with 10,000 filters, each filter a secret (10,000 secret values), a deployment on it",
    secretValues: 10000,
    resources: () => policyStack("secretleaves", contentFilters(10000).map(secret)),
  },
  {
    id: "secret-tags-10k",
    description: "an account and a deployment with 10,000 secret tags each (ccc-* keys in case variants)",
    secretValues: 20000,
    resources: () => {
      const acct = account("oai-secrettags", secretTags(10000));
      const policy = raiPolicy(acct, "strict", contentFilters(7));
      return [acct, policy, deployment(acct, policy, "chat", secretTags(10000))];
    },
  },
  {
    id: "secret-resources-10k",
    description: "10,000 resources (accounts, policies, deployments), each with a secret tag value",
    secretValues: 10000,
    resources: () => {
      const out: CapturedResource[] = [];
      for (let a = 0; out.length < 10000; a++) {
        const acct = account(`oai-${a}`, { ...EVIDENCE, owner: secret(`owner-${a}@example.com`) });
        const policy = raiPolicy(acct, "strict", contentFilters(7));
        out.push(acct, policy);
        for (let d = 0; d < 3; d++) {
          out.push(deployment(acct, policy, `chat-${d}`, { "ccc-use-case": secret("text-generation") }));
        }
      }
      return out.slice(0, 10000);
    },
  },
];

export interface AdversarialRun {
  readonly case: string;
  readonly pack: string;
  readonly round: number;
  readonly resources: number;
  /** The slowest Analyze (wall, as the engine would wait for it) and the pack's CPU time in that call. */
  readonly maxAnalyzeMs: number;
  readonly maxAnalyzeCpuMs: number;
  readonly slowest: string;
  readonly analyzeTotalMs: number;
  readonly analyzeStackMs: number;
  readonly analyzeStackCpuMs: number;
  /** CPU time of the pack process over all calls. */
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly diagnostics: number;
}

/**
 * One case through the analyzer protocol as `pulumi up` sends it (ConfigureStack with dryRun false, Analyze
 * per resource in registration order, then AnalyzeStack), timing each call.
 */
export async function runAdversarial(
  packName: string,
  packDir: string,
  c: AdversarialCase,
  resources: readonly CapturedResource[],
  round: number,
): Promise<AdversarialRun> {
  const session = await AnalyzerSession.start(packDir);
  try {
    await session.configure(await session.getAnalyzerInfo());
    await session.configureStack({ project: "ccc-adversarial", stack: "bench", dryRun: false });
    const cpu0 = session.cpuTimeMs();
    let diagnostics = 0;
    let max = { ms: -1, cpuMs: 0, name: "" };
    const t0 = performance.now();
    for (const r of resources) {
      const c0 = session.cpuTimeMs();
      const t = performance.now();
      diagnostics += (await session.analyze(r)).length;
      const ms = performance.now() - t;
      if (ms > max.ms) max = { ms, cpuMs: session.cpuTimeMs() - c0, name: r.name };
    }
    const t1 = performance.now();
    const c1 = session.cpuTimeMs();
    diagnostics += (await session.analyzeStack(resources)).length;
    const t2 = performance.now();
    const c2 = session.cpuTimeMs();
    return {
      case: c.id,
      pack: packName,
      round,
      resources: resources.length,
      maxAnalyzeMs: max.ms,
      maxAnalyzeCpuMs: max.cpuMs,
      slowest: max.name,
      analyzeTotalMs: t1 - t0,
      analyzeStackMs: t2 - t1,
      analyzeStackCpuMs: c2 - c1,
      cpuMs: c2 - cpu0,
      peakRssMiB: session.peakRssKiB() / 1024,
      diagnostics,
    };
  } finally {
    await session.close();
  }
}

/**
 * What building and encoding the largest request costs this harness (not the pack): part of every wall
 * time above, for both packs alike. Analyze requests carry inputs; AnalyzeStack carries every output.
 */
export function harnessEncodingMs(resources: readonly CapturedResource[]): { analyzeMaxMs: number; stackMs: number } {
  const encode = (value: unknown) => structPb.Struct.fromJavaScript(value).serializeBinary().length;
  let analyzeMaxMs = 0;
  for (const r of resources) {
    const t = performance.now();
    encode(r.inputs);
    analyzeMaxMs = Math.max(analyzeMaxMs, performance.now() - t);
  }
  const t = performance.now();
  for (const r of resources) encode(r.outputs);
  return { analyzeMaxMs, stackMs: performance.now() - t };
}
