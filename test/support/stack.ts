// Builders of stack resources in the shapes the pack reads (azure-native inputs, the classic provider, the AI
// Foundry hub), and the pack's own evaluation of them through its public API: the adapters, the identity
// graph, the rules and the one judgement pipeline, with no runtime. Used by the rule and model tests.
import {
  Finding,
  GraphResource,
  RawPackConfig,
  RuleVerdict,
  StackEvaluation,
  SubjectJudgement,
  UNKNOWN_STRING,
  evaluateStack,
  unwrapSecrets,
} from "../../policy-pack/src/api";

export const SUB = "00000000-0000-0000-0000-000000000000";
export const OTHER_SUB = "11111111-1111-1111-1111-111111111111";
export const UNKNOWN = UNKNOWN_STRING;

export const T = {
  account: "azure-native:cognitiveservices:Account",
  deployment: "azure-native:cognitiveservices:Deployment",
  policy: "azure-native:cognitiveservices:RaiPolicy",
  subscriptionPolicy: "azure-native:cognitiveservices:SubscriptionRaiPolicy",
  classicAccount: "azure:cognitive/account:Account",
  classicAIServices: "azure:cognitive/aIServices:AIServices",
  classicPolicy: "azure:cognitive/accountRaiPolicy:AccountRaiPolicy",
  classicDeployment: "azure:cognitive/deployment:Deployment",
  workspace: "azure-native:machinelearningservices:Workspace",
  endpointDeployment: "azure-native:machinelearningservices:EndpointDeployment",
  connectionDeployment: "azure-native:machinelearningservices:ConnectionDeployment",
  hubPolicy: "azure-native:machinelearningservices:RaiPolicy",
  connectionPolicy: "azure-native:machinelearningservices:ConnectionRaiPolicy",
} as const;

export const urnOf = (type: string, name: string): string => `urn:pulumi:dev::test::${type}::${name}`;

type Props = Record<string, unknown>;
export type Filter = Record<string, unknown>;

/** A wire-form secret, as the engine sends it and a state file holds it. */
export const secret = (value: unknown): Props => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});
/** A state file's ciphertext secret (no plaintext). */
export const ciphertext = (): Props => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "v1:AAAA",
});

/** Content filter entries, azure-native spelling. */
export const filterEntry = (name: string, source: string, enabled: boolean, blocking: boolean): Filter => ({
  name,
  source,
  enabled,
  blocking,
});
export const JAILBREAK = filterEntry("Jailbreak", "Prompt", true, true);
export const PM_TEXT = filterEntry("Protected Material Text", "Completion", true, true);
export const PM_CODE = filterEntry("Protected Material Code", "Completion", true, true);
export const PM_CODE_ANNOTATE = filterEntry("Protected Material Code", "Completion", true, false);
export const HARM = ["Hate", "Sexual", "Violence", "Selfharm"].flatMap((n) =>
  ["Prompt", "Completion"].map((s) => ({ ...filterEntry(n, s, true, true), severityThreshold: "Medium" })),
);
export const COMPLIANT_FILTERS: Filter[] = [...HARM, JAILBREAK, PM_TEXT, PM_CODE];

export interface Options {
  /** Logical name; defaults to the resource name. */
  readonly logical?: string;
  readonly provider?: { readonly urn: string; readonly subscriptionId?: unknown };
  readonly seq?: number;
  readonly propertyDependencies?: Record<string, string[]>;
  readonly outputs?: { readonly name?: unknown; readonly id?: unknown };
}

function resource(type: string, name: string, props: Props, options: Options = {}): GraphResource {
  const { value, taint, unreadable } = unwrapSecrets(props);
  const logical = options.logical ?? name;
  const provider = options.provider && {
    urn: options.provider.urn,
    subscriptionId: unwrapSecrets(options.provider.subscriptionId).value as never,
  };
  return {
    ref: { urn: urnOf(type, logical), name: logical, type },
    props: value,
    ...(taint ? { taint } : {}),
    ...(unreadable ? { unreadable } : {}),
    ...(provider ? { provider } : {}),
    ...(options.seq !== undefined ? { seq: options.seq } : {}),
    ...(options.propertyDependencies ? { propertyDependencies: options.propertyDependencies } : {}),
    ...(options.outputs ? { outputs: options.outputs as never } : {}),
  };
}

export const account = (name: string, props: Props = {}, options?: Options) =>
  resource(
    T.account,
    name,
    { accountName: name, resourceGroupName: "rg", kind: "OpenAI", location: "swedencentral", ...props },
    options,
  );

export const policy = (name: string, filters: unknown, props: Props = {}, options?: Options) => {
  const { mode, basePolicyName, ...rest } = props;
  return resource(
    T.policy,
    name,
    {
      raiPolicyName: name,
      accountName: "oai",
      resourceGroupName: "rg",
      properties: { mode: mode ?? "Default", contentFilters: filters, ...(basePolicyName ? { basePolicyName } : {}) },
      ...rest,
    },
    options,
  );
};

export const deployment = (name: string, props: Props = {}, options?: Options) => {
  const { raiPolicyName, model, format, version, capacity, spillover, ...rest } = props;
  return resource(
    T.deployment,
    name,
    {
      deploymentName: name,
      accountName: "oai",
      resourceGroupName: "rg",
      sku: { name: "GlobalStandard", capacity: capacity ?? 10 },
      properties: {
        model: { format: format ?? "OpenAI", name: model ?? "gpt-4o", version: version ?? "2024-11-20" },
        ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
        ...(spillover === undefined ? {} : { spilloverDeploymentName: spillover }),
      },
      ...rest,
    },
    options,
  );
};

/** The ARM id of a Cognitive Services account, as classic resources reference it (`cognitiveAccountId`). */
export const accountId = (name = "oai", subscription = SUB, resourceGroup = "rg"): string =>
  `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${name}`;

/** Content filter entries, classic (@pulumi/azure) spelling. */
export const classicFilter = (name: string, source: string, filterEnabled: boolean, blockEnabled: boolean): Filter => ({
  name,
  source,
  filterEnabled,
  blockEnabled,
  severityThreshold: "High",
});

/**
 * A classic account (`azure.cognitive.Account`, `azure.cognitive.AIServices`), with its ARM id as the stack level
 * has it once the account exists (its children name it by that id; `id: undefined` for an account not created yet).
 */
const classicAccountOf =
  (type: string) =>
  (name: string, props: Props = {}, options?: Options) =>
    resource(
      type,
      name,
      {
        name,
        resourceGroupName: "rg",
        kind: "OpenAI",
        location: "swedencentral",
        id: accountId(name, SUB, typeof props.resourceGroupName === "string" ? props.resourceGroupName : "rg"),
        ...props,
      },
      options,
    );
export const classicAccount = classicAccountOf(T.classicAccount);
export const classicAIServices = classicAccountOf(T.classicAIServices);

/** Classic `azure.cognitive.AccountRaiPolicy` on account "oai". */
export const classicPolicy = (name: string, filters: unknown, props: Props = {}, options?: Options) =>
  resource(
    T.classicPolicy,
    name,
    { name, cognitiveAccountId: accountId(), contentFilters: filters, ...props },
    options,
  );

/** Classic `azure.cognitive.Deployment` on account "oai" (top-level raiPolicyName, no tags). */
export const classicDeployment = (name: string, props: Props = {}, options?: Options) => {
  const { model, format, version, capacity, ...rest } = props;
  return resource(
    T.classicDeployment,
    name,
    {
      name,
      cognitiveAccountId: accountId(),
      model: { format: format ?? "OpenAI", name: model ?? "gpt-4o", version: version ?? "2024-11-20" },
      sku: { name: "GlobalStandard", capacity: capacity ?? 10 },
      ...rest,
    },
    options,
  );
};

/** An AI Foundry hub `machinelearningservices.Workspace` (its tag gives the hub deployments' default use cases). */
export const workspace = (name: string, props: Props = {}, options?: Options) =>
  resource(
    T.workspace,
    name,
    { workspaceName: name, resourceGroupName: "rg", kind: "Hub", location: "swedencentral", ...props },
    options,
  );

const HUB_PARENT = { endpoints: { endpointName: "aoai" }, connections: { connectionName: "aoai-conn" } } as const;

/** A hub `RaiPolicy` (workspace "hub", endpoint "aoai"), or with `parent: "connections"` a `ConnectionRaiPolicy`. */
export const hubPolicy = (
  name: string,
  filters: unknown,
  props: Props = {},
  options?: Options,
  parent: keyof typeof HUB_PARENT = "endpoints",
) => {
  const { mode, ...rest } = props;
  return resource(
    parent === "endpoints" ? T.hubPolicy : T.connectionPolicy,
    name,
    {
      raiPolicyName: name,
      workspaceName: "hub",
      ...HUB_PARENT[parent],
      resourceGroupName: "rg",
      properties: { mode: mode ?? "Default", contentFilters: filters },
      ...rest,
    },
    options,
  );
};

/** A hub `EndpointDeployment` of Azure OpenAI (workspace "hub", endpoint "aoai"), or a `ConnectionDeployment`. */
export const hubDeployment = (
  name: string,
  props: Props = {},
  options?: Options,
  parent: keyof typeof HUB_PARENT = "endpoints",
) => {
  const { raiPolicyName, model, format, version, capacity, ...rest } = props;
  return resource(
    parent === "endpoints" ? T.endpointDeployment : T.connectionDeployment,
    name,
    {
      deploymentName: name,
      workspaceName: "hub",
      ...HUB_PARENT[parent],
      resourceGroupName: "rg",
      properties: {
        type: "Azure.OpenAI",
        model: { format: format ?? "OpenAI", name: model ?? "gpt-4o", version: version ?? "2024-11-20" },
        sku: { name: "GlobalStandard", capacity: capacity ?? 10 },
        ...(raiPolicyName === undefined ? {} : { raiPolicyName }),
      },
      ...rest,
    },
    options,
  );
};

/** A resource with any type and props. */
export const raw = (type: string, name: string, props: Props, options?: Options) =>
  resource(type, name, props, options);

/** The smallest compliant text deployment: account tagged text-generation, a compliant policy, a deployment on it. */
export function compliantText(extra: GraphResource[] = []): GraphResource[] {
  return [
    account("oai", { tags: { "ccc-use-case": "text-generation" } }),
    policy("strict", COMPLIANT_FILTERS),
    deployment("chat", { raiPolicyName: "strict" }),
    ...extra,
  ];
}

export interface Evaluated extends StackEvaluation {
  /** (rule, logical name) of each finding of a verdict and level, sorted. */
  /** (rule, logical name) of each finding of a verdict (default violation) and level (default mandatory), sorted. */
  pairs(verdict?: Finding["verdict"], level?: Finding["level"]): string[];
  /** Findings of one rule. */
  of(ruleId: string): Finding[];
  /** Findings of one rule as a reader sees them: resource, verdict, level, message and fix. */
  reported(ruleId: string): Reported[];
  subject(name: string): SubjectJudgement;
  /** One rule's verdict on one subject (by logical name). */
  verdict(name: string, ruleId: string): RuleVerdict;
}

export interface Reported {
  readonly resource: string;
  readonly verdict: Finding["verdict"];
  readonly level: Finding["level"];
  readonly message: string;
  readonly fix?: string;
}

export function evaluate(
  resources: readonly GraphResource[],
  config: RawPackConfig = {},
  options: { asOf?: string; endOfPreview?: boolean } = {},
): Evaluated {
  const evaluation = evaluateStack(resources, { config, now: new Date("2026-11-23T12:00:00Z"), ...options });
  const findings = evaluation.judgement.findings;
  const subject = (name: string): SubjectJudgement => {
    const found = evaluation.judgement.subjects.find((s) => s.subject.ref.name === name);
    if (!found) throw new Error(`no subject named ${name}`);
    return found;
  };
  return {
    ...evaluation,
    pairs: (verdict = "violation", level = verdict === "note" ? "advisory" : "mandatory") =>
      findings
        .filter((f) => f.verdict === verdict && f.level === level)
        .map((f) => `${f.ruleId} ${f.resource.name}`)
        .sort(),
    of: (ruleId) => findings.filter((f) => f.ruleId === ruleId),
    reported: (ruleId) =>
      findings
        .filter((f) => f.ruleId === ruleId)
        .map((f) => ({
          resource: f.resource.name,
          verdict: f.verdict,
          level: f.level,
          message: f.message,
          ...(f.fix === undefined ? {} : { fix: f.fix }),
        })),
    subject,
    verdict: (name, ruleId) => {
      const found = subject(name).verdicts.find((v) => v.ruleId === ruleId);
      if (!found) throw new Error(`rule ${ruleId} has no verdict on ${name}`);
      return found;
    },
  };
}
