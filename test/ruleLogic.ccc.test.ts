// The CCC rules' logic over the normalized model, with every outcome worded exactly: the messages are what a
// blocked user reads, so a changed word, path or mode description is a behaviour change.
import { FILTERS } from "../policy-pack/src/filters";
import { Subject, unknownAt } from "../policy-pack/src/model";
import {
  dedupeOutcomes,
  policyForUseCase,
  policyLabel,
  requireFilter,
  subjectLabel,
  subjectResource,
} from "../policy-pack/src/rules/common";
import { forbidUncoveredAsynchronousFilter as asyncRule } from "../policy-pack/src/rules/forbidUncoveredAsynchronousFilter";
import { noteCodeLicenceCompliance as licenceNotice } from "../policy-pack/src/rules/noteCodeLicenceCompliance";
import { requireCodeProtectedMaterialFilter as codeRule } from "../policy-pack/src/rules/requireCodeProtectedMaterialFilter";
import { requireDeclaredUseCase as declaredRule } from "../policy-pack/src/rules/requireDeclaredUseCase";
import { requireExplicitRaiPolicy as explicitRule } from "../policy-pack/src/rules/requireExplicitRaiPolicy";
import { requireJailbreakFilterMode as jailbreakRule } from "../policy-pack/src/rules/requireJailbreakFilterMode";
import { requireTextProtectedMaterialFilter as textRule } from "../policy-pack/src/rules/requireTextProtectedMaterialFilter";
import { requireVerifiableRaiPolicy as verifiableRule } from "../policy-pack/src/rules/requireVerifiableRaiPolicy";
import { requireWellFormedResources as wellFormedRule } from "../policy-pack/src/rules/requireWellFormedResources";
import { Rule } from "../policy-pack/src/rules/types";
import { parseUseCaseTag } from "../policy-pack/src/useCases";
import {
  ANNOTATE,
  FILTER,
  account,
  accountSubject,
  context,
  deferred,
  deployment,
  deploymentSubject,
  entries,
  raiPolicy,
  violated,
  policySubject,
} from "./support/model";

const FILTER_MODE = "filter mode (enabled: true, blocking: true)";
const ANNOTATE_MODE = "annotate mode (enabled: true, blocking: false)";
const POLICY = 'RAI policy "ccc-policy" (strict)';
const ALLOWED = "text-generation, code-generation, image-generation, speech, other";

const TEXT_OK = entries(["Jailbreak", "Prompt", FILTER], ["Protected Material Text", "Completion", FILTER]);
const ALL_OK = entries(
  ["Jailbreak", "Prompt", FILTER],
  ["Protected Material Text", "Completion", FILTER],
  ["Protected Material Code", "Completion", FILTER],
);

/** A deployment "chat" declaring `serves` on itself, running on `policy`. */
const onPolicy = (serves: string[], policy = raiPolicy(ALL_OK)) =>
  deploymentSubject({ serves, policy: { kind: "resolved", policy } });

const check = (rule: Rule, subject: Subject, settings = {}, config = {}) =>
  rule.check(subject, context(settings, config));

describe("labels", () => {
  it("names a stack policy by name and resource, an external one by name and config", () => {
    expect(policyLabel(raiPolicy([]))).toBe(POLICY);
    expect(policyLabel(raiPolicy([], { ref: undefined }))).toBe(
      'externally managed RAI policy "ccc-policy" (pack config)',
    );
    expect(policyLabel(raiPolicy([], { name: unknownAt("name") }))).toBe("RAI policy (name not known yet) (strict)");
  });

  it("says what a subject serves and where that was declared", () => {
    const useCases = {
      kind: "known",
      values: ["text-generation", "code-generation"],
      declaredOn: ["chat", "acct"],
    } as const;
    expect(subjectLabel(deploymentSubject({ useCases }))).toBe(
      'Deployment "chat" serves text-generation, code-generation (declared on chat, acct)',
    );
    const pending = { kind: "undecidable", unknown: unknownAt("tags"), why: "w" } as const;
    expect(subjectLabel(deploymentSubject({ useCases: pending }))).toBe('Deployment "chat" serves unknown use cases');
    expect(subjectLabel(policySubject(raiPolicy([], { tag: "code-generation,speech" })))).toBe(
      `${POLICY} is declared for code-generation, speech`,
    );
    expect(subjectLabel(accountSubject())).toBe('Account "acct"');
  });

  it("finds the resource a subject is about", () => {
    const d = deployment("chat");
    const p = raiPolicy([]);
    const a = account();
    expect(subjectResource(deploymentSubject({ deployment: d }))).toBe(d);
    expect(subjectResource(policySubject(p))).toBe(p);
    expect(subjectResource(accountSubject(a))).toBe(a);
  });

  it("reports the same outcome once, keeping distinct ones in order", () => {
    const u = deferred(unknownAt("mode"), "why");
    expect(dedupeOutcomes([u, violated("a"), { ...u }, violated("b"), violated("a")])).toEqual([
      u,
      violated("a"),
      violated("b"),
    ]);
  });
});

describe("policyForUseCase", () => {
  const policy = raiPolicy([]);

  it("checks a deployment's resolved policy only for the use cases it serves", () => {
    expect(policyForUseCase(onPolicy(["text-generation"], policy), "text-generation")).toEqual({ policy });
    expect(policyForUseCase(onPolicy(["text-generation"], policy), "code-generation")).toEqual({ outcomes: [] });
  });

  it("leaves policies it cannot read to the rules that own them", () => {
    for (const resolution of [
      { kind: "service-default" },
      { kind: "microsoft-managed", name: "Microsoft.Default" },
      { kind: "unresolved", name: "elsewhere" },
    ] as const) {
      expect(
        policyForUseCase(deploymentSubject({ serves: ["text-generation"], policy: resolution }), "text-generation"),
      ).toEqual({ outcomes: [] });
    }
  });

  it("defers when the use cases or the policy are not known yet", () => {
    const tags = unknownAt("tags");
    const useCases = { kind: "undecidable", unknown: tags, why: "the tags are not known yet" } as const;
    expect(policyForUseCase(deploymentSubject({ useCases }), "text-generation")).toEqual({
      outcomes: [deferred(tags, "the tags are not known yet")],
    });
    const name = unknownAt("properties.raiPolicyName");
    const pending = { kind: "undecidable", unknown: name, why: "the policy name is not known yet" } as const;
    expect(
      policyForUseCase(deploymentSubject({ serves: ["text-generation"], policy: pending }), "text-generation"),
    ).toEqual({ outcomes: [deferred(name, "the policy name is not known yet")] });
  });

  it("checks a RAI policy against its own tag", () => {
    const tagged = raiPolicy([], { tag: "code-generation" });
    expect(policyForUseCase(policySubject(tagged), "code-generation")).toEqual({ policy: tagged });
    expect(policyForUseCase(policySubject(tagged), "text-generation")).toEqual({ outcomes: [] });
    const tag = unknownAt("tags");
    expect(policyForUseCase(policySubject(raiPolicy([], { tag })), "text-generation")).toEqual({
      outcomes: [deferred(tag, "the policy's declared use cases are not known yet")],
    });
    expect(policyForUseCase(accountSubject(), "text-generation")).toEqual({ outcomes: [] });
  });
});

describe("requireFilter wording", () => {
  const subject = onPolicy(["text-generation"]);
  const text = FILTERS.protectedMaterialText;
  const where = `Deployment "chat" serves text-generation (declared on chat); its ${POLICY}`;

  it("names the missing filter, its source and the mode the use case needs", () => {
    expect(requireFilter(subject, raiPolicy([]), text, ["filter"], "Text generation")).toEqual([
      violated(
        `${where} has no "Protected Material Text" filter on Completion. Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("points at entries on the wrong source and at an inherited base policy", () => {
    const policy = raiPolicy(
      entries(
        ["Jailbreak", "Prompt", FILTER],
        ["protected material text", "Prompt", FILTER],
        ["PMT", "Completion", {}],
      ),
      { basePolicyName: "Microsoft.DefaultV2" },
    );
    expect(requireFilter(subject, policy, text, ["filter"], "Text generation")).toEqual([
      violated(
        `${where} has no "Protected Material Text" filter on Completion. It has contentFilters[1] ("protected material text", Prompt), but the filter counts only on source "Completion". Filters inherited from basePolicyName "Microsoft.DefaultV2" cannot be verified, so list it explicitly. Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("lists every entry on the wrong source, and one with no source", () => {
    const policy = raiPolicy(
      entries(["Protected Material Text", "Prompt", FILTER], ["Protected Material Text", undefined, FILTER]),
    );
    expect(requireFilter(subject, policy, text, ["filter"], "Text generation")).toEqual([
      violated(
        `${where} has no "Protected Material Text" filter on Completion. It has contentFilters[0] ("Protected Material Text", Prompt), contentFilters[1] ("Protected Material Text"), but the filter counts only on source "Completion". Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("quotes each entry that is too weak and says which modes would do", () => {
    const policy = raiPolicy(
      entries(["Protected Material Text", "Completion", FILTER], ["Protected_Material_Text", "completion", ANNOTATE]),
    );
    expect(requireFilter(subject, policy, text, ["filter", "annotate"], "Because")).toEqual([
      violated(
        `${where} sets contentFilters[0] ("Protected Material Text", Completion) and contentFilters[1] ("Protected_Material_Text", completion) to a contradictory state (its enabled, blocking and action fields disagree, or it is listed twice). Because needs "Protected Material Text" on Completion in annotate or filter mode.`,
      ),
    ]);
  });

  it("defers on an unknown filter list, naming the filter and the policy", () => {
    const filters = unknownAt("properties.contentFilters");
    expect(requireFilter(subject, raiPolicy(filters), text, ["filter"], "Text generation")).toEqual([
      deferred(filters, `the Protected Material Text filter of ${POLICY} is not known yet`),
    ]);
  });
});

describe("ccc-text-protected-material-filter", () => {
  it("passes filter mode and rejects annotate mode with the exact reason", () => {
    expect(check(textRule, onPolicy(["text-generation"], raiPolicy(TEXT_OK)))).toEqual([]);
    const annotated = raiPolicy(
      entries(["Jailbreak", "Prompt", FILTER], ["Protected Material Text", "Completion", ANNOTATE]),
    );
    expect(check(textRule, onPolicy(["text-generation"], annotated))).toEqual([
      violated(
        `Deployment "chat" serves text-generation (declared on chat); its ${POLICY} sets contentFilters[1] ("Protected Material Text", Completion) to ${ANNOTATE_MODE}. Text generation needs "Protected Material Text" on Completion in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("does not apply to other use cases, and checks a policy tagged for text", () => {
    expect(check(textRule, onPolicy(["code-generation", "image-generation"], raiPolicy([])))).toEqual([]);
    expect(check(textRule, policySubject(raiPolicy([], { tag: "text-generation" })))).toEqual([
      violated(
        `${POLICY} is declared for text-generation; its ${POLICY} has no "Protected Material Text" filter on Completion. Text generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });
});

describe("ccc-jailbreak-filter-mode", () => {
  const noJailbreak = raiPolicy(entries(["Protected Material Text", "Completion", FILTER]));
  const missing = (label: string, because: string) =>
    violated(`${label}; its ${POLICY} has no "Jailbreak" filter on Prompt. ${because} needs it in ${FILTER_MODE}.`);

  it("names the use cases that need the filter", () => {
    expect(check(jailbreakRule, onPolicy(["text-generation"], noJailbreak))).toEqual([
      missing('Deployment "chat" serves text-generation (declared on chat)', "Text generation"),
    ]);
    expect(check(jailbreakRule, onPolicy(["code-generation"], noJailbreak))).toEqual([
      missing('Deployment "chat" serves code-generation (declared on chat)', "Code generation"),
    ]);
    expect(check(jailbreakRule, onPolicy(["code-generation", "text-generation"], noJailbreak))).toEqual([
      missing(
        'Deployment "chat" serves code-generation, text-generation (declared on chat)',
        "Text and code generation",
      ),
    ]);
    expect(check(jailbreakRule, policySubject(raiPolicy([], { tag: "code-generation" })))).toEqual([
      missing(`${POLICY} is declared for code-generation`, "Code generation"),
    ]);
  });

  it("passes filter mode, and ignores image and speech", () => {
    expect(check(jailbreakRule, onPolicy(["text-generation", "code-generation"]))).toEqual([]);
    expect(check(jailbreakRule, onPolicy(["image-generation", "speech"], raiPolicy([])))).toEqual([]);
  });

  it("reports one deferral when both use cases wait for the same unknown", () => {
    const name = unknownAt("properties.raiPolicyName");
    const subject = deploymentSubject({
      serves: ["text-generation", "code-generation"],
      policy: { kind: "undecidable", unknown: name, why: "the policy name is not known yet" },
    });
    expect(check(jailbreakRule, subject)).toEqual([deferred(name, "the policy name is not known yet")]);
  });
});

describe("ccc-code-protected-material-filter", () => {
  const annotated = raiPolicy(
    entries(["Jailbreak", "Prompt", FILTER], ["Protected Material Code", "Completion", ANNOTATE]),
  );
  const label = `Deployment "chat" serves code-generation (declared on chat); its ${POLICY}`;

  it("explains that annotate mode needs declared licence compliance", () => {
    expect(check(codeRule, onPolicy(["code-generation"], annotated))).toEqual([
      violated(
        `${label} sets contentFilters[1] ("Protected Material Code", Completion) to ${ANNOTATE_MODE}. Code generation needs "Protected Material Code" on Completion in ${FILTER_MODE}. Annotate mode is accepted only when ccc-organization-config.licenceComplianceDeclared is true, because annotated output is covered only if the cited licence is complied with.`,
      ),
    ]);
    expect(check(codeRule, onPolicy(["code-generation"], annotated), { licenceComplianceDeclared: true })).toEqual([]);
    expect(check(codeRule, onPolicy(["code-generation"]), { licenceComplianceDeclared: true })).toEqual([]);
  });

  it("adds no annotate hint when the filter is off or missing", () => {
    const off = raiPolicy(entries(["Protected Material Code", "Completion", { enabled: false }]));
    expect(check(codeRule, onPolicy(["code-generation"], off))).toEqual([
      violated(
        `${label} sets contentFilters[0] ("Protected Material Code", Completion) to off (enabled: false). Code generation needs "Protected Material Code" on Completion in ${FILTER_MODE}.`,
      ),
    ]);
    expect(check(codeRule, onPolicy(["code-generation"], off), { licenceComplianceDeclared: true })).toEqual([
      violated(
        `${label} sets contentFilters[0] ("Protected Material Code", Completion) to off (enabled: false). Code generation needs "Protected Material Code" on Completion in annotate or filter mode.`,
      ),
    ]);
    expect(check(codeRule, onPolicy(["code-generation"], raiPolicy([])))).toEqual([
      violated(
        `${label} has no "Protected Material Code" filter on Completion. Code generation needs it in ${FILTER_MODE}.`,
      ),
    ]);
  });

  it("lets remediation leave annotate mode alone only with declared licence compliance", () => {
    const acceptsAnnotate = codeRule.remediation?.acceptsAnnotate;
    expect(acceptsAnnotate?.(context({ licenceComplianceDeclared: true }).settings)).toBe(true);
    expect(acceptsAnnotate?.(context().settings)).toBe(false);
  });

  it("passes filter mode and ignores text-only deployments", () => {
    expect(check(codeRule, onPolicy(["code-generation"]))).toEqual([]);
    expect(check(codeRule, onPolicy(["text-generation"], raiPolicy([])))).toEqual([]);
  });

  it("keeps a deferral as it is", () => {
    const filters = unknownAt("properties.contentFilters");
    expect(check(codeRule, onPolicy(["code-generation"], raiPolicy(filters)))).toEqual([
      deferred(filters, `the Protected Material Code filter of ${POLICY} is not known yet`),
    ]);
  });
});

describe("ccc-async-filter-coverage", () => {
  const both = ["text-generation", "code-generation"];
  const label = `Deployment "chat" serves text-generation, code-generation (declared on chat); its ${POLICY} has mode`;
  const textLoss = "output flagged afterwards as protected material text is not covered by the CCC";
  const codeLoss =
    "output flagged afterwards as protected material code is covered only with licence compliance, which ccc-organization-config does not declare";

  it("names what each use case loses under the asynchronous filter", () => {
    expect(check(asyncRule, onPolicy(both, raiPolicy(ALL_OK, { mode: "Asynchronous_filter" })))).toEqual([
      violated(`${label} "Asynchronous_filter" (asynchronous filter): ${textLoss}.`),
      violated(`${label} "Asynchronous_filter" (asynchronous filter): ${codeLoss}.`),
    ]);
  });

  it("accepts code generation with declared licence compliance, never text generation", () => {
    const deferred = raiPolicy(ALL_OK, { mode: "Deferred" });
    expect(check(asyncRule, onPolicy(both, deferred), { licenceComplianceDeclared: true })).toEqual([
      violated(`${label} "Deferred" (asynchronous filter): ${textLoss}.`),
    ]);
    expect(check(asyncRule, onPolicy(["code-generation"], deferred), { licenceComplianceDeclared: true })).toEqual([]);
    expect(check(asyncRule, onPolicy(["image-generation"], deferred))).toEqual([]);
  });

  it("passes synchronous modes and a policy that sets none", () => {
    for (const mode of ["Default", "Blocking", undefined]) {
      expect(check(asyncRule, onPolicy(both, raiPolicy(ALL_OK, { mode })))).toEqual([]);
    }
  });

  it("defers once on an unknown mode", () => {
    const mode = unknownAt("properties.mode");
    expect(check(asyncRule, onPolicy(both, raiPolicy(ALL_OK, { mode })))).toEqual([
      deferred(mode, `the mode of ${POLICY} is not known yet`),
    ]);
  });

  it("reports deferrals from the policy lookup", () => {
    const tag = unknownAt("tags");
    expect(check(asyncRule, policySubject(raiPolicy(ALL_OK, { tag, mode: "Deferred" })))).toEqual([
      deferred(tag, "the policy's declared use cases are not known yet"),
    ]);
  });
});

describe("ccc-code-licence-notice", () => {
  const label = `Deployment "chat" serves code-generation (declared on chat); on its ${POLICY}`;
  const tail =
    "CCC coverage of that output depends on complying with the licences cited in annotations, as ccc-organization-config.licenceComplianceDeclared states.";
  const annotated = entries(["Protected Material Code", "Completion", ANNOTATE]);
  const declared = { licenceComplianceDeclared: true };

  it("reminds of the licence duty for annotate mode and the asynchronous filter", () => {
    expect(check(licenceNotice, onPolicy(["code-generation"], raiPolicy(annotated)), declared)).toEqual([
      violated(`${label} Protected Material Code is in annotate mode. ${tail}`),
    ]);
    expect(
      check(licenceNotice, onPolicy(["code-generation"], raiPolicy(annotated, { mode: "Deferred" })), declared),
    ).toEqual([
      violated(
        `${label} Protected Material Code is in annotate mode and the policy mode is "Deferred" (asynchronous filter). ${tail}`,
      ),
    ]);
    expect(
      check(licenceNotice, onPolicy(["code-generation"], raiPolicy(ALL_OK, { mode: "Asynchronous_filter" })), declared),
    ).toEqual([violated(`${label} the policy mode is "Asynchronous_filter" (asynchronous filter). ${tail}`)]);
  });

  it("reads a policy without a mode as synchronous", () => {
    expect(
      check(licenceNotice, onPolicy(["code-generation"], raiPolicy(annotated, { mode: undefined })), declared),
    ).toEqual([violated(`${label} Protected Material Code is in annotate mode. ${tail}`)]);
  });

  it("is silent without the declaration, in filter mode, and for other use cases", () => {
    expect(check(licenceNotice, onPolicy(["code-generation"], raiPolicy(annotated)))).toEqual([]);
    expect(check(licenceNotice, onPolicy(["code-generation"]), declared)).toEqual([]);
    expect(check(licenceNotice, onPolicy(["text-generation"], raiPolicy(annotated)), declared)).toEqual([]);
  });
});

describe("ccc-explicit-rai-policy", () => {
  const tail =
    "Microsoft does not document whether that policy blocks or only annotates protected material and jailbreaks, so CCC compliance cannot be shown.";
  const fix =
    "Attach an explicit RAI policy: create a cognitiveservices.RaiPolicy with the required filters and set properties.raiPolicyName: policy.name.";

  it("rejects the service default and Microsoft-managed policies for text and code", () => {
    const byDefault = deploymentSubject({ serves: ["text-generation"], policy: { kind: "service-default" } });
    expect(check(explicitRule, byDefault)).toEqual([
      violated(
        `Deployment "chat" serves text-generation (declared on chat) and sets no properties.raiPolicyName, so it runs on the service's default policy. ${tail} ${fix}`,
      ),
    ]);
    const managed = deploymentSubject({
      serves: ["code-generation"],
      policy: { kind: "microsoft-managed", name: "Microsoft.DefaultV2" },
    });
    expect(check(explicitRule, managed, { acceptMicrosoftDefaultPolicy: true })).toEqual([
      violated(
        `Deployment "chat" serves code-generation (declared on chat) and names the Microsoft-managed policy "Microsoft.DefaultV2". ${tail} ccc-organization-config.acceptMicrosoftDefaultPolicy is set, but the rule data holds no sourced fact that this policy blocks protected material and jailbreaks. ${fix}`,
      ),
    ]);
  });

  it("accepts a Microsoft policy by config only when the rule data holds a sourced fact for it", () => {
    jest.isolateModules(() => {
      jest.doMock("../policy-pack/src/ruleData", () => ({
        ...jest.requireActual("../policy-pack/src/ruleData"),
        DEFAULT_POLICY_FACTS: [
          { policyName: "Microsoft.DefaultV2", blockingFilters: [], source: "test fixture", checked: "2026-11" },
        ],
      }));
      const { requireExplicitRaiPolicy } = jest.requireActual(
        "../policy-pack/src/rules/requireExplicitRaiPolicy",
      ) as typeof import("../policy-pack/src/rules/requireExplicitRaiPolicy");
      const managed = (name: string) =>
        deploymentSubject({ serves: ["text-generation"], policy: { kind: "microsoft-managed", name } });
      const accept = { acceptMicrosoftDefaultPolicy: true };
      expect(check(requireExplicitRaiPolicy, managed("microsoft.defaultv2"), accept)).toEqual([]);
      expect(check(requireExplicitRaiPolicy, managed("Microsoft.DefaultV2"))).toHaveLength(1);
      expect(check(requireExplicitRaiPolicy, managed("Microsoft.Default"), accept)).toHaveLength(1);
      expect(
        check(
          requireExplicitRaiPolicy,
          deploymentSubject({ serves: ["text-generation"], policy: { kind: "service-default" } }),
          accept,
        ),
      ).toHaveLength(1);
    });
  });

  it("applies when any declared use case is text or code generation", () => {
    const mixed = deploymentSubject({
      serves: ["image-generation", "code-generation"],
      policy: { kind: "service-default" },
    });
    expect(check(explicitRule, mixed)).toHaveLength(1);
  });

  it("does not apply to explicit policies, other use cases or undecided use cases", () => {
    const pending = { kind: "undecidable", unknown: unknownAt("tags"), why: "w" } as const;
    expect(check(explicitRule, onPolicy(["text-generation"]))).toEqual([]);
    expect(
      check(
        explicitRule,
        deploymentSubject({ serves: ["text-generation"], policy: { kind: "unresolved", name: "x" } }),
      ),
    ).toEqual([]);
    expect(
      check(
        explicitRule,
        deploymentSubject({ serves: ["image-generation", "speech"], policy: { kind: "service-default" } }),
      ),
    ).toEqual([]);
    expect(check(explicitRule, deploymentSubject({ useCases: pending, policy: { kind: "service-default" } }))).toEqual(
      [],
    );
    expect(check(explicitRule, policySubject(raiPolicy([], { tag: "text-generation" })))).toEqual([]);
  });
});

describe("ccc-verifiable-rai-policy", () => {
  it("names a policy it cannot find and both ways to fix it", () => {
    const subject = deploymentSubject({ serves: ["image-generation"], policy: { kind: "unresolved", name: "shared" } });
    expect(check(verifiableRule, subject)).toEqual([
      violated(
        'Deployment "chat" names RAI policy "shared", which cannot be verified: it is not defined in this stack (or not registered before the deployment), and ccc-organization-config.externalRaiPolicies does not list it. Define it in the stack and reference it with raiPolicyName: policy.name, or declare it and its filters in externalRaiPolicies.',
      ),
    ]);
  });

  it("defers on an unknown policy name whatever the use case, and passes found policies", () => {
    const name = unknownAt("properties.raiPolicyName");
    const pending = deploymentSubject({
      serves: ["speech"],
      policy: { kind: "undecidable", unknown: name, why: "the name is not known yet" },
    });
    expect(check(verifiableRule, pending)).toEqual([deferred(name, "the name is not known yet")]);
    expect(check(verifiableRule, onPolicy(["text-generation"]))).toEqual([]);
    expect(check(verifiableRule, deploymentSubject({ policy: { kind: "service-default" } }))).toEqual([]);
    expect(check(verifiableRule, policySubject(raiPolicy([])))).toEqual([]);
  });
});

describe("ccc-use-case-declared", () => {
  it("names the invalid values and the allowed ones", () => {
    const d = deployment("chat", { useCases: parseUseCaseTag("text-generation, chat ,Foo") });
    const subject = deploymentSubject({ deployment: d, serves: ["text-generation"] });
    expect(check(declaredRule, subject)).toEqual([
      violated(
        `The ccc-use-case tag of "chat" has "chat", "Foo", which is not a use case. Allowed values: ${ALLOWED}.`,
      ),
    ]);
  });

  it("rejects a deployment that declares nothing anywhere", () => {
    expect(check(declaredRule, deploymentSubject({ serves: [] }))).toEqual([
      violated(
        `Deployment "chat" declares no use case: no valid ccc-use-case tag on the deployment, its RAI policy or its account, and ccc-organization-config.defaultUseCases is empty. The CCC mitigations depend on the use case, so the deployment cannot be checked. Tag it with ${ALLOWED}.`,
      ),
    ]);
    expect(check(declaredRule, deploymentSubject({ serves: ["speech"] }))).toEqual([]);
  });

  it("defers on unknown tags of deployments, policies and accounts", () => {
    const tags = unknownAt("tags");
    const useCases = { kind: "undecidable", unknown: tags, why: "the use cases are not known yet" } as const;
    expect(check(declaredRule, deploymentSubject({ useCases }))).toEqual([
      deferred(tags, "the use cases are not known yet"),
    ]);
    const pending = [deferred(tags, "the ccc-use-case tag is not known yet")];
    expect(check(declaredRule, policySubject(raiPolicy([], { tag: tags })))).toEqual(pending);
    expect(check(declaredRule, accountSubject(account({ useCases: parseUseCaseTag(tags) })))).toEqual(pending);
  });

  it("lets policies and accounts go untagged, but not mistagged", () => {
    expect(check(declaredRule, policySubject(raiPolicy([])))).toEqual([]);
    expect(check(declaredRule, accountSubject(account({ useCases: parseUseCaseTag("text") })))).toEqual([
      violated(`The ccc-use-case tag of "acct" has "text", which is not a use case. Allowed values: ${ALLOWED}.`),
    ]);
  });
});

describe("ccc-well-formed-resources", () => {
  it("reports each shape problem against its resource", () => {
    const d = deployment("chat", { problems: ["properties.raiPolicyName is a number; expected a string."] });
    expect(check(wellFormedRule, deploymentSubject({ deployment: d }))).toEqual([
      violated('"chat": properties.raiPolicyName is a number; expected a string.'),
    ]);
    expect(check(wellFormedRule, accountSubject(account({ problems: ["tags is a list."] })))).toEqual([
      violated('"acct": tags is a list.'),
    ]);
  });

  it("reports contradicting and repeated filters, comparing sources case-insensitively", () => {
    const policy = raiPolicy(
      entries(
        ["Jailbreak", "Prompt", { enabled: false, blocking: true }],
        ["jailbreak", "prompt", FILTER],
        ["Jailbreak", "Completion", FILTER],
        ["Hate", undefined, FILTER],
        ["Hate", undefined, { enabled: true, blocking: true, action: "ANNOTATING" }],
        ["Hate", "", FILTER],
      ),
      { problems: ["properties.mode is a number."] },
    );
    expect(check(wellFormedRule, policySubject(policy))).toEqual([
      violated('"strict": properties.mode is a number.'),
      violated(
        '"strict": contentFilters[0] ("Jailbreak", Prompt) contradicts itself (enabled: false, blocking: true, action: undefined).',
      ),
      violated(
        '"strict": contentFilters[4] ("Hate") contradicts itself (enabled: true, blocking: true, action: ANNOTATING).',
      ),
      violated(
        '"strict": the same filter is listed 2 times: contentFilters[0] ("Jailbreak", Prompt), contentFilters[1] ("jailbreak", prompt). Keep one entry.',
      ),
      violated(
        '"strict": the same filter is listed 2 times: contentFilters[3] ("Hate"), contentFilters[4] ("Hate"). Keep one entry.',
      ),
    ]);
  });

  it("passes a clean policy and skips a filter list that is not known yet", () => {
    expect(check(wellFormedRule, policySubject(raiPolicy(ALL_OK)))).toEqual([]);
    expect(check(wellFormedRule, policySubject(raiPolicy(unknownAt("properties.contentFilters"))))).toEqual([]);
  });
});

describe("notApplicable (how reports tell an empty outcome from a pass)", () => {
  const why = (rule: Rule, subject: Subject, settings = {}) => rule.notApplicable?.(subject, context(settings));
  const image = onPolicy(["image-generation", "speech"], raiPolicy([]));
  const text = onPolicy(["text-generation"]);
  const code = onPolicy(["code-generation"]);
  const untagged = policySubject(raiPolicy([]));
  const external = (serves: string[]) => deploymentSubject({ serves, policy: { kind: "unresolved", name: "shared" } });
  const NO_POLICY = "no content filter policy to check (see ccc-explicit-rai-policy and ccc-verifiable-rai-policy)";

  it("says which use cases a filter rule is for", () => {
    expect(why(textRule, image)).toBe(
      "the deployment serves image-generation, speech; only text generation needs Protected Material Text",
    );
    expect(why(textRule, untagged)).toBe(
      "the policy declares no use case; only text generation needs Protected Material Text",
    );
    expect(why(textRule, text)).toBeUndefined();
    expect(why(textRule, policySubject(raiPolicy([], { tag: "text-generation" })))).toBeUndefined();
    expect(why(codeRule, text)).toBe(
      "the deployment serves text-generation; only code generation needs Protected Material Code",
    );
    expect(why(codeRule, code)).toBeUndefined();
    expect(why(jailbreakRule, image)).toBe(
      "the deployment serves image-generation, speech; only text and code generation need the Jailbreak filter",
    );
    expect(why(jailbreakRule, text)).toBeUndefined();
    expect(why(jailbreakRule, code)).toBeUndefined();
  });

  it("points at the policy rules when the policy was not found", () => {
    expect(why(textRule, external(["text-generation"]))).toBe(NO_POLICY);
    expect(why(jailbreakRule, external(["code-generation"]))).toBe(NO_POLICY);
    expect(why(explicitRule, external(["code-generation"]))).toBeUndefined();
    expect(why(explicitRule, external(["speech"]))).toBe(
      "the deployment serves speech; only text and code generation need an explicit policy",
    );
  });

  it("has nothing to say while use cases are undecided, or about accounts", () => {
    const pending = deploymentSubject({ useCases: { kind: "undecidable", unknown: unknownAt("tags"), why: "w" } });
    for (const rule of [textRule, codeRule, jailbreakRule, asyncRule, explicitRule]) {
      expect(why(rule, pending)).toBeUndefined();
      expect(why(rule, accountSubject())).toBeUndefined();
    }
  });

  it("follows declared licence compliance for the asynchronous filter and the licence notice", () => {
    const async =
      "asynchronous filtering loses coverage only for text, and for code without declared licence compliance";
    expect(why(asyncRule, code)).toBeUndefined();
    expect(why(asyncRule, code, { licenceComplianceDeclared: true })).toBe(
      `the deployment serves code-generation; ${async}`,
    );
    expect(why(asyncRule, text, { licenceComplianceDeclared: true })).toBeUndefined();
    expect(why(licenceNotice, code)).toBe("ccc-organization-config.licenceComplianceDeclared is not set");
    expect(why(licenceNotice, code, { licenceComplianceDeclared: true })).toBeUndefined();
    expect(why(licenceNotice, text, { licenceComplianceDeclared: true })).toBe(
      "the deployment serves text-generation; the notice concerns code generation only",
    );
  });

  it("says when there is no policy of the deployment's own to verify", () => {
    const own = "the deployment names no policy of its own (see ccc-explicit-rai-policy)";
    expect(why(verifiableRule, deploymentSubject({ policy: { kind: "service-default" } }))).toBe(own);
    expect(
      why(verifiableRule, deploymentSubject({ policy: { kind: "microsoft-managed", name: "Microsoft.Default" } })),
    ).toBe(own);
    expect(why(verifiableRule, text)).toBeUndefined();
    expect(why(verifiableRule, untagged)).toBeUndefined();
  });
});
