// ccc-code-licence-notice (advisory): a code-generation deployment whose coverage rests on the organization's
// declared licence compliance (Protected Material Code annotating, or the asynchronous filter) is reminded of it.
import {
  COMPLIANT_FILTERS,
  JAILBREAK,
  PM_CODE,
  PM_CODE_ANNOTATE,
  account,
  classicAccount,
  classicDeployment,
  classicFilter,
  classicPolicy,
  deployment,
  evaluate,
  policy,
  secret,
} from "../support/stack";
import { F, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-code-licence-notice";
const LICENCE = { licenceComplianceDeclared: true };
const CODE = { tags: { "ccc-use-case": "code-generation" } };
const POLICY = 'RAI policy "strict" (strict)';
const SERVES = 'Deployment "chat" serves code-generation (declared on account "oai")';
const TAIL =
  "CCC coverage of that output depends on complying with the licences cited in annotations, as ccc-organization-config.licenceComplianceDeclared states.";
const FIX =
  "Keep evidence of licence compliance with the evaluation report, or set Protected Material Code to filter mode and the policy mode to Default or Blocking.";

const onPolicy = (filters: unknown, props: Record<string, unknown> = {}, settings: object = LICENCE, useCases = CODE) =>
  evaluate(
    [account("oai", useCases), policy("strict", filters, props), deployment("chat", { raiPolicyName: "strict" })],
    { "ccc-organization-config": settings },
  );
const notice = (message: string, resource = "chat", level = "advisory") => ({
  resource,
  verdict: "violation",
  level,
  message,
  fix: FIX,
});

describe("with licence compliance declared", () => {
  it("Protected Material Code in annotate mode", () => {
    expect(onPolicy([JAILBREAK, PM_CODE_ANNOTATE]).reported(RULE)).toEqual([
      notice(`${SERVES}; its ${POLICY} has Protected Material Code in annotate mode. ${TAIL}`),
    ]);
  });

  it.each(["Deferred", "Asynchronous_filter"])("the asynchronous filter (%s)", (mode) => {
    expect(onPolicy([JAILBREAK, PM_CODE], { mode }).reported(RULE)).toEqual([
      notice(`${SERVES}; its ${POLICY} has mode "${mode}" (asynchronous filter). ${TAIL}`),
    ]);
  });

  it("both at once, in one notice; a secret mode is shown as [secret]", () => {
    expect(onPolicy([JAILBREAK, PM_CODE_ANNOTATE], { mode: "Deferred" }).reported(RULE)).toEqual([
      notice(
        `${SERVES}; its ${POLICY} has Protected Material Code in annotate mode and has mode "Deferred" (asynchronous filter). ${TAIL}`,
      ),
    ]);
    expect(onPolicy([JAILBREAK, PM_CODE], { mode: secret("Deferred") }).reported(RULE)).toEqual([
      notice(`${SERVES}; its ${POLICY} has mode [secret] (asynchronous filter). ${TAIL}`),
    ]);
  });

  it("a policy in filter mode and a synchronous mode needs no notice", () => {
    for (const mode of ["Default", "Blocking"]) {
      const result = onPolicy([JAILBREAK, PM_CODE], { mode });
      expect(result.reported(RULE)).toEqual([]);
      expect(result.verdict("chat", RULE).verdict).toBe("pass");
    }
  });

  it("the policy of the deployment it spills over to, named as such", () => {
    const result = evaluate(
      [
        account("oai", CODE),
        policy("strict", COMPLIANT_FILTERS),
        policy("slow", [JAILBREAK, PM_CODE], { mode: "Deferred" }),
        deployment("over", { raiPolicyName: "slow" }),
        deployment("chat", { raiPolicyName: "strict", spillover: "over" }),
      ],
      { "ccc-organization-config": LICENCE },
    );
    expect(result.reported(RULE)).toEqual([
      notice(
        `Deployment "over" serves code-generation (declared on account "oai"); its RAI policy "slow" (slow) has mode "Deferred" (asynchronous filter). ${TAIL}`,
        "over",
      ),
      notice(
        `${SERVES}; its spillover deployment "over" runs on RAI policy "slow" (slow), which has mode "Deferred" (asynchronous filter). ${TAIL}`,
      ),
    ]);
  });

  it("a RAI policy tagged code-generation, and Microsoft.DefaultV2 by its documented contents", () => {
    const tagged = evaluate([account("oai"), policy("strict", [JAILBREAK, PM_CODE_ANNOTATE], CODE)], {
      "ccc-organization-config": LICENCE,
    });
    expect(tagged.reported(RULE)).toEqual([
      notice(
        `${POLICY} is declared for code-generation; it has Protected Material Code in annotate mode. ${TAIL}`,
        "strict",
      ),
    ]);
    const v2 = evaluate([account("oai", CODE), deployment("chat", { raiPolicyName: "Microsoft.DefaultV2" })], {
      "ccc-organization-config": { ...LICENCE, acceptMicrosoftDefaultPolicy: true },
    });
    expect(v2.reported(RULE)).toEqual([
      notice(
        `${SERVES}; its Microsoft-managed policy "Microsoft.DefaultV2" (as documented in Microsoft Learn: What's new in Azure OpenAI, July 2024, "New Responsible AI default content filtering policy", checked 2026-11-25) has Protected Material Code in annotate mode. ${TAIL}`,
      ),
    ]);
  });

  it("classic: blockEnabled false is annotate mode", () => {
    const result = evaluate(
      [
        classicAccount("oai", CODE),
        classicPolicy("strict", [classicFilter("Protected Material Code", "Completion", true, false)]),
        classicDeployment("chat", { raiPolicyName: "strict" }),
      ],
      { "ccc-organization-config": LICENCE },
    );
    expect(result.reported(RULE)).toEqual([
      notice(`${SERVES}; its ${POLICY} has Protected Material Code in annotate mode. ${TAIL}`),
    ]);
  });

  it("a policy it cannot check is left to the rules that own that problem", () => {
    const result = evaluate([account("oai", CODE), deployment("chat")], { "ccc-organization-config": LICENCE });
    expect(result.reported(RULE)).toEqual([]);
    expect(result.of("ccc-explicit-rai-policy")).toHaveLength(1);
  });
});

describe("not applicable", () => {
  it("without declared licence compliance (the code filter rules block instead)", () => {
    const result = onPolicy([JAILBREAK, PM_CODE_ANNOTATE], { mode: "Deferred" }, {});
    expect(result.reported(RULE)).toEqual([]);
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "ccc-organization-config.licenceComplianceDeclared is not set",
    );
    expect(result.of("ccc-code-protected-material-filter")).toHaveLength(1);
  });

  it("for text generation", () => {
    const result = onPolicy([JAILBREAK, PM_CODE_ANNOTATE], {}, LICENCE, {
      tags: { "ccc-use-case": "text-generation" },
    });
    expect(result.verdict("chat", RULE).notApplicable).toBe(
      "the deployment serves text-generation; the notice concerns code generation only",
    );
  });
});

it("set to mandatory, the notice blocks", () => {
  const result = evaluate(
    [
      account("oai", CODE),
      policy("strict", [JAILBREAK, PM_CODE_ANNOTATE]),
      deployment("chat", { raiPolicyName: "strict" }),
    ],
    { "ccc-organization-config": LICENCE, [RULE]: "mandatory" },
  );
  expect(result.reported(RULE)).toEqual([
    notice(`${SERVES}; its ${POLICY} has Protected Material Code in annotate mode. ${TAIL}`, "chat", "mandatory"),
  ]);
  expect(result.subject("chat").compliant).toBe(false);
});

policyLevelCases({
  rule: RULE,
  config: { "ccc-organization-config": LICENCE },
  steps: [
    step.account("oai", CODE.tags),
    step.policy("strict", [F("Jailbreak", "Prompt"), F("Protected Material Code", "Completion", true, false)]),
    step.deployment("chat", { policy: "strict" }),
  ],
  resource: "chat",
  message: `${SERVES}; its ${POLICY} has Protected Material Code in annotate mode. ${TAIL}`,
  fix: FIX,
  defaultLevel: "advisory",
  previewPhase: "analyzeStack",
  badConfig: { declared: true },
  badConfigError: `${RULE}: unknown config key "declared"; this policy takes no config`,
});
