// `npm run check -- <dir> --suggest-fixes`: for each deployment the pack finds without a compliant content
// filter policy, a ready-to-paste RAI policy for its account, built for its use cases, and the line that
// attaches it. The deployments, their use cases and their accounts come from the pack's own judgement
// (`evaluateStack`, the pipeline the pack runs); the filters come from the rules' remediation specs, put in
// filter mode by `requireFilterInFilterMode`, the code the `remediate` level runs. The code is TypeScript, in
// the program's own terms where the program's source shows them (namespace, placement expressions, provider).
import {
  DeploymentSubject,
  FilterSpec,
  RawPackConfig,
  SubjectJudgement,
  UseCase,
  checkFilter,
  evaluateStack,
  isUnknown,
  policyLabel,
  policyModeKind,
  remediationSpecs,
  requireFilterInFilterMode,
  unversioned,
} from "../../policy-pack/src/api";
import { CaptureResult } from "../harness/types";
import { fromCapture, graphResources } from "../report/input";
import { Located, ResourceSource, locateResources, locatedKey } from "./source";
import { Expr, renderTs } from "./render";

/** The rules whose findings mean "no compliant policy": a suggestion answers them. */
const EXPLICIT_POLICY_RULES = ["ccc-explicit-rai-policy", "ccc-verifiable-rai-policy", "ccc-async-filter-coverage"];

/** The use cases the CCC's filters are for. */
const FILTERED_USE_CASES: readonly UseCase[] = ["text-generation", "code-generation"];

/** Synchronous: the documented mode that filters before the output is returned (RaiPolicyMode). */
const SYNCHRONOUS_MODE = "Blocking";
/** Filters the suggestion does not list (hate, sexual, violence, self-harm) come from Microsoft's default. */
const BASE_POLICY = "Microsoft.DefaultV2";

/** How each deployment API names a content filter policy, where it lives and how a deployment uses it. */
interface PolicyApi {
  /** The module a program imports the policy class from, and the namespace name the suggestion uses. */
  readonly module: string;
  readonly namespace: string;
  readonly policyClass: string;
  /** The policy's type token. */
  readonly policyType: string;
  /** The deployment's arguments that place the policy on the same account (copied from the deployment). */
  readonly placement: readonly string[];
  /** The policy's argument for its Azure name. */
  readonly nameArg: "raiPolicyName" | "name";
  /** Where the deployment names its policy: in `properties`, or at the top level (classic). */
  readonly attachIn: "properties" | "top";
  readonly shape: "azure-native" | "classic";
}

const NATIVE = "@pulumi/azure-native";
const APIS: Readonly<Record<string, PolicyApi>> = {
  "azure-native:cognitiveservices:Deployment": {
    module: `${NATIVE}/cognitiveservices`,
    namespace: "cognitiveservices",
    policyClass: "RaiPolicy",
    policyType: "azure-native:cognitiveservices:RaiPolicy",
    placement: ["accountName", "resourceGroupName"],
    nameArg: "raiPolicyName",
    attachIn: "properties",
    shape: "azure-native",
  },
  "azure-native:machinelearningservices:EndpointDeployment": {
    module: `${NATIVE}/machinelearningservices`,
    namespace: "machinelearningservices",
    policyClass: "RaiPolicy",
    policyType: "azure-native:machinelearningservices:RaiPolicy",
    placement: ["workspaceName", "endpointName", "resourceGroupName"],
    nameArg: "raiPolicyName",
    attachIn: "properties",
    shape: "azure-native",
  },
  "azure-native:machinelearningservices:ConnectionDeployment": {
    module: `${NATIVE}/machinelearningservices`,
    namespace: "machinelearningservices",
    policyClass: "ConnectionRaiPolicy",
    policyType: "azure-native:machinelearningservices:ConnectionRaiPolicy",
    placement: ["workspaceName", "connectionName", "resourceGroupName"],
    nameArg: "raiPolicyName",
    attachIn: "properties",
    shape: "azure-native",
  },
  "azure:cognitive/deployment:Deployment": {
    module: "@pulumi/azure/cognitive",
    namespace: "cognitive",
    policyClass: "AccountRaiPolicy",
    policyType: "azure:cognitive/accountRaiPolicy:AccountRaiPolicy",
    placement: ["cognitiveAccountId"],
    nameArg: "name",
    attachIn: "top",
    shape: "classic",
  },
};

export interface Place {
  /** Absolute path. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export interface SuggestedAttachment {
  readonly urn: string;
  readonly name: string;
  /** The deployment property that names its policy, as its API spells it. */
  readonly property: "properties.raiPolicyName" | "raiPolicyName";
  /** The property to put in the deployment (in `properties` for azure-native and hub deployments). */
  readonly line: string;
  /** The property it replaces, as written (`raiPolicyName: "Microsoft.Default"`); null when none is set. */
  readonly replaces: string | null;
  /** The existing raiPolicyName, else the `properties` object (or the `new` expression) to add it to. */
  readonly at: Place | null;
  /** The policy the deployment ran on, when the stack defines it: unused after the change unless another deployment uses it. */
  readonly previousPolicy: string | null;
}

export interface Suggestion {
  /** The account (or hub workspace) the policy goes on: its logical name when the stack has it, else its Azure name. */
  readonly account: string;
  readonly useCases: readonly UseCase[];
  /** The filters it puts in filter mode, by the rules that require them. */
  readonly filters: readonly { readonly ruleId: string; readonly name: string; readonly source: string }[];
  readonly resourceType: string;
  readonly variable: string;
  readonly logicalName: string;
  readonly raiPolicyName: string;
  /** The statement to paste. */
  readonly code: string;
  /** An import to add when the program does not import the policy's namespace that way. */
  readonly importLine: string | null;
  /** Paste before this line: the statement creating the first of the deployments. */
  readonly pasteBefore: Place | null;
  readonly deployments: readonly SuggestedAttachment[];
  readonly notes: readonly string[];
}

export interface SuggestionReport {
  readonly policies: readonly Suggestion[];
  /** Deployments with such findings that get no suggestion, and why. */
  readonly skipped: readonly { readonly urn: string; readonly name: string; readonly reason: string }[];
}

export interface SuggestOptions {
  readonly programDir: string;
  readonly config?: RawPackConfig;
  readonly configSource?: string;
  readonly preview?: boolean;
}

/** The filters (and the rules that require them) a policy for these use cases needs, in catalogue order. */
export function requiredFilters(useCases: readonly UseCase[]): { ruleId: string; filter: FilterSpec }[] {
  const seen = new Set<string>();
  return remediationSpecs()
    .filter(({ spec }) => spec.useCases.some((u) => useCases.includes(u)))
    .filter(({ spec }) => !seen.has(spec.filter.key) && seen.add(spec.filter.key) !== undefined)
    .map(({ ruleId, spec }) => ({ ruleId, filter: spec.filter }));
}

/**
 * The policy's arguments other than its placement: a policy with no filters in a synchronous mode on
 * Microsoft's default base, then each required filter put in filter mode by the remediation code.
 */
export function policyProperties(useCases: readonly UseCase[], shape: PolicyApi["shape"]): Record<string, unknown> {
  const settings = { basePolicyName: BASE_POLICY, mode: SYNCHRONOUS_MODE };
  let props: Record<string, unknown> = shape === "classic" ? settings : { properties: settings };
  for (const { filter } of requiredFilters(useCases)) props = requireFilterInFilterMode(props, filter, shape) ?? props;
  return props;
}

const policyRules = (): Set<string> => new Set([...remediationSpecs().map((r) => r.ruleId), ...EXPLICIT_POLICY_RULES]);

/** Why a deployment with such findings gets no policy, or its use cases when it does. */
function useCasesFor(j: SubjectJudgement & { subject: DeploymentSubject }): UseCase[] | string {
  const { subject } = j;
  if (subject.useCases.kind !== "known") return "its use cases are not known yet";
  if (subject.useCases.secret) return "its use cases are declared by a secret";
  const useCases = FILTERED_USE_CASES.filter(
    (u) => subject.useCases.kind === "known" && subject.useCases.values.includes(u),
  );
  if (useCases.length === 0) return "it declares no text or code generation use case (see ccc-use-case-declared)";
  const own = subject.policy;
  if (own.kind === "resolved") {
    const complete = requiredFilters(useCases).every(
      ({ filter }) => checkFilter(own.policy, filter, ["filter"]).state === "ok",
    );
    if (complete && policyModeKind(own.policy.mode) === "synchronous")
      return `its own ${policyLabel(own.policy)} already meets the CCC filters; the findings concern the deployment it spills over to, which gets its own suggestion if it needs one`;
  }
  return useCases;
}

const camel = (s: string): string =>
  s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))
    .replace(/^[^A-Za-z_]+/, "")
    .replace(/^./, (c) => c.toLowerCase());

const useCaseWord = (useCases: readonly UseCase[]): string =>
  useCases.map((u) => (u === "text-generation" ? "text" : "code")).join("-");

/** Where a deployment is, as Azure identifies it (subscription, resource group, parents); undefined if not known. */
function placementKey(subject: DeploymentSubject): string | undefined {
  const { subscription, resourceGroup, parents } = subject.deployment.placement;
  if (isUnknown(subscription)) return undefined;
  const parts = [
    subscription.kind === "id" ? subscription.id : `provider ${subscription.provider}`,
    resourceGroup,
    ...parents.map((p) => p.name),
  ];
  return parts.every((p): p is string => typeof p === "string")
    ? JSON.stringify(parts.map((p) => p.toLowerCase()))
    : undefined;
}

interface Group {
  readonly key: string;
  readonly api: PolicyApi;
  readonly useCases: UseCase[];
  readonly account: string;
  readonly members: { judgement: DeploymentSubject; located?: ResourceSource }[];
}

/** Computes the suggestions for a captured program run, judged with the pack config the check uses. */
export function suggestFixes(capture: CaptureResult, options: SuggestOptions): SuggestionReport {
  const input = fromCapture(capture, options.programDir);
  const evaluation = evaluateStack(graphResources(input.resources), {
    ...(options.config ? { config: options.config } : {}),
    ...(options.configSource ? { configSource: options.configSource } : {}),
    endOfPreview: options.preview ?? false,
  });
  const rules = policyRules();
  const skipped: { urn: string; name: string; reason: string }[] = [];
  const wanted: {
    judgement: SubjectJudgement & { subject: DeploymentSubject };
    api: PolicyApi;
    useCases: UseCase[];
  }[] = [];
  for (const j of evaluation.judgement.subjects) {
    if (j.subject.kind !== "deployment") continue;
    const deployment = j as SubjectJudgement & { subject: DeploymentSubject };
    if (!j.verdicts.some((v) => rules.has(v.ruleId) && v.verdict === "violation")) continue;
    const { ref } = j.subject;
    const api = APIS[unversioned(ref.type)];
    if (!api) {
      skipped.push({
        urn: ref.urn,
        name: ref.name,
        reason: `the offline check has no policy template for ${ref.type}`,
      });
      continue;
    }
    const useCases = useCasesFor(deployment);
    if (typeof useCases === "string") skipped.push({ urn: ref.urn, name: ref.name, reason: useCases });
    else wanted.push({ judgement: deployment, api, useCases });
  }

  const className = (type: string) => type.split(":").pop()!;
  // A logical name two captured deployments share (under different parents) is not one place in the source.
  const names = new Map<string, number>();
  for (const r of capture.resources)
    names.set(locatedKey(className(r.type), r.name), (names.get(locatedKey(className(r.type), r.name)) ?? 0) + 1);
  const located = locateResources(
    options.programDir,
    wanted.map((w) => ({ className: className(w.judgement.subject.ref.type), name: w.judgement.subject.ref.name })),
  );
  const sourceOf = (ref: { type: string; name: string }): ResourceSource | undefined => {
    const key = locatedKey(className(ref.type), ref.name);
    const found: Located | undefined = located.get(key);
    return found?.kind === "found" && names.get(key) === 1 ? found.source : undefined;
  };

  // One policy per account, API and use cases (and source file, so its placement expressions are in scope).
  const groups = new Map<string, Group>();
  for (const w of wanted) {
    const subject = w.judgement.subject;
    const source = sourceOf(subject.ref);
    const key = JSON.stringify([
      unversioned(subject.ref.type),
      placementKey(subject) ?? subject.ref.urn,
      w.useCases,
      source?.file ?? subject.ref.urn,
    ]);
    const accountName = subject.deployment.placement.parents[0]?.name;
    const account =
      subject.account?.kind === "found"
        ? subject.account.node.ref.name
        : typeof accountName === "string"
          ? accountName
          : subject.ref.name;
    const group = groups.get(key) ?? { key, api: w.api, useCases: w.useCases, account, members: [] };
    group.members.push({ judgement: subject, ...(source ? { located: source } : {}) });
    groups.set(key, group);
  }

  const usedLogical = new Set(capture.resources.map((r) => r.name.toLowerCase()));
  const usedPolicyNames = new Set(
    evaluation.judgement.subjects.flatMap((j) =>
      j.subject.kind === "rai-policy" && typeof j.subject.policy.name === "string"
        ? [j.subject.policy.name.toLowerCase()]
        : [],
    ),
  );
  const usedVariables = new Set<string>();
  const baseCount = new Map<string, number>();
  for (const g of groups.values())
    baseCount.set(useCaseWord(g.useCases), (baseCount.get(useCaseWord(g.useCases)) ?? 0) + 1);

  const suggestions = [...groups.values()].map((g) => {
    const word = useCaseWord(g.useCases);
    const prefix = (baseCount.get(word) ?? 0) > 1 ? `${g.account}-` : "";
    // The earliest statement creating one of them: the policy goes before it, with its placement expressions.
    const first = g.members
      .flatMap((m) => (m.located ? [m.located] : []))
      .sort((a, b) => a.statementLine - b.statementLine)[0];
    const identifiers = first?.identifiers ?? new Set<string>();
    const unique = (base: string, joiner: string, taken: (s: string) => boolean): string => {
      for (let i = 1; ; i++) {
        const candidate = i === 1 ? base : `${base}${joiner}${i}`;
        if (!taken(candidate)) return candidate;
      }
    };
    const logicalName = unique(
      `${prefix}ccc-${word}-filter`,
      "-",
      (s) => usedLogical.has(s.toLowerCase()) || usedPolicyNames.has(s.toLowerCase()),
    );
    usedLogical.add(logicalName.toLowerCase());
    usedPolicyNames.add(logicalName.toLowerCase());
    const variable = unique(
      camel(`${prefix}ccc-${word}-policy`),
      "",
      (s) => identifiers.has(s) || usedVariables.has(s),
    );
    usedVariables.add(variable);
    return buildSuggestion(g, { logicalName, variable }, capture, first);
  });
  return { policies: suggestions, skipped };
}

function buildSuggestion(
  g: Group,
  names: { logicalName: string; variable: string },
  capture: CaptureResult,
  first: ResourceSource | undefined,
): Suggestion {
  const { api } = g;
  const notes: string[] = [];
  const leader = g.members.find((m) => m.located === first) ?? g.members[0];
  const inputs = capture.resources.find((r) => r.urn === leader.judgement.ref.urn)?.inputs ?? {};

  // The placement: the deployment's own expressions where the source shows them, else its values.
  const placement: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const key of api.placement) {
    const written = first?.args?.props?.get(key);
    if (written) placement[key] = new Expr(written.text);
    else if (typeof inputs[key] === "string") {
      placement[key] = inputs[key];
      missing.push(key);
    } else {
      // Not valid code on purpose: the value is not known offline (a secret, a computed value).
      placement[key] = new Expr(`TODO_${key}`);
      missing.push(key);
    }
  }
  if (missing.length > 0)
    notes.push(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} written as the deployment's ${first ? "values" : "values (its source was not found: its logical name is computed)"}; use the same expressions the deployment uses (e.g. account.name), so the policy is created after its account.`,
    );

  const args = { ...placement, [api.nameArg]: names.logicalName, ...policyProperties(g.useCases, api.shape) };
  // The deployment's provider (and parent) so the policy lands in the same subscription.
  let options = "";
  const opts = first?.options;
  if (opts?.props) {
    const kept = ["parent", "provider", "providers"].filter((k) => opts.props!.has(k));
    if (kept.length > 0 && !opts.spread)
      options = `, ${renderTs(Object.fromEntries(kept.map((k) => [k, new Expr(opts.props!.get(k)!.text)])), 0)}`;
    else if (opts.spread) options = `, ${opts.text}`;
  } else if (opts) options = `, ${opts.text}`;
  else if (!first) {
    const explicit = capture.resources.find((r) => r.urn === leader.judgement.ref.urn)?.provider;
    if (explicit)
      notes.push(
        `Give the policy the deployment's provider (${explicit.split("::").slice(-2, -1)[0]}) so it is in the same subscription.`,
      );
  }

  // The class as the program writes the deployment's: same namespace prefix.
  let classRef = `${api.namespace}.${api.policyClass}`;
  let importLine: string | null = `import * as ${api.namespace} from "${api.module}";`;
  if (first && first.callee.includes(".")) {
    classRef = `${first.callee.slice(0, first.callee.lastIndexOf("."))}.${api.policyClass}`;
    importLine = null;
  } else if (first?.identifiers.has(api.namespace)) {
    notes.push(`The program uses the name ${api.namespace} for something else: import the module under another name.`);
  }

  const code = `const ${names.variable} = new ${classRef}(${JSON.stringify(names.logicalName)}, ${renderTs(args, 0)}${options});`;
  const property = api.attachIn === "properties" ? "properties.raiPolicyName" : "raiPolicyName";
  const deployments = g.members.map(({ judgement, located }): SuggestedAttachment => {
    const props = located?.args?.props;
    const holder = api.attachIn === "properties" ? props?.get("properties")?.object?.props : props;
    const existing = holder?.get("raiPolicyName");
    const at = located
      ? {
          file: located.file,
          line:
            existing?.line ??
            (api.attachIn === "properties" ? (props?.get("properties")?.line ?? located.line) : located.line),
        }
      : null;
    const previous =
      judgement.policy.kind === "resolved" && judgement.policy.policy.origin.kind === "stack"
        ? judgement.policy.policy.origin.ref.name
        : null;
    const attach = `raiPolicyName: ${names.variable}.name`;
    const noProperties = api.attachIn === "properties" && props !== undefined && !props.has("properties");
    return {
      urn: judgement.ref.urn,
      name: judgement.ref.name,
      property,
      line: noProperties ? `properties: { ${attach} },` : `${attach},`,
      replaces: existing ? `raiPolicyName: ${existing.text}` : null,
      at,
      previousPolicy: previous,
    };
  });
  for (const d of deployments) {
    if (d.previousPolicy)
      notes.push(
        `Deployment "${d.name}" no longer uses RAI policy "${d.previousPolicy}"; remove that policy if nothing else uses it.`,
      );
  }
  return {
    account: g.account,
    useCases: g.useCases,
    filters: requiredFilters(g.useCases).map(({ ruleId, filter }) => ({
      ruleId,
      name: filter.display,
      source: filter.source,
    })),
    resourceType: api.policyType,
    variable: names.variable,
    logicalName: names.logicalName,
    raiPolicyName: names.logicalName,
    code,
    importLine,
    pasteBefore: first ? { file: first.file, line: first.statementLine } : null,
    deployments,
    notes,
  };
}
