// Resources a program reads (`Account.get`, `RaiPolicy.get`): the engine never sends them to Analyze (a read
// step has no analyzer call), only to AnalyzeStack. A deployment judged at resource level without them is
// judged again at stack level, so what they declare still counts; the preview `pulumi up` runs first blocks.
import { PackConfig } from "../../tooling/harness/analyzer";
import { computedLate, describeThroughProtocol, itThroughProtocol, runTraced } from "../support/scenario";
import {
  A,
  COMPLIANT,
  EVIDENCE,
  HARM,
  JAILBREAK,
  M,
  PM_TEXT,
  R,
  account,
  deployment,
  filter,
  findingsOf,
  messages,
  policy,
  provider,
  replacing,
  subscriptionPolicy,
  verify,
} from "./kit";

const TEXT_ONLY = [...HARM, JAILBREAK, PM_TEXT];
// At the deployment's Analyze the read account is not known yet, so its evidence tags are not either: the
// evidence rule's two advisories (metaprompt, evaluation report) come then, and cannot be taken back.
const EVIDENCE_NOT_SEEN = [A(R.evidence, "d"), A(R.evidence, "d")];
const defaultsToText = { "ccc-organization-config": { defaultUseCases: ["text-generation"] } };

describeThroughProtocol("accounts the program reads", () => {
  itThroughProtocol("a read account's code-generation tag holds its deployments to the code filter", async () => {
    const read = { ...account("oai", { useCase: "code-generation" }), existing: true, read: true };
    const urn = "urn:pulumi:dev::scenario::azure-native:cognitiveservices:Deployment::d";
    await verify([read, policy("p", TEXT_ONLY), deployment("d", "p")], [M(R.pmCode, "d"), ...EVIDENCE_NOT_SEEN], {
      config: defaultsToText,
      lateInUp: [`${R.pmCode} ${urn} reported at stack level (after every step)`],
    });
  });

  itThroughProtocol("a read account that declares what its policy meets blocks nothing", async () => {
    const read = { ...account("oai", { useCase: "text-generation" }), existing: true, read: true };
    await verify([read, policy("p", TEXT_ONLY), deployment("d", "p")], EVIDENCE_NOT_SEEN, { config: defaultsToText });
  });

  itThroughProtocol("a problem worded for another use case once the account is seen is still one finding", async () => {
    const read = { ...account("oai", { useCase: "code-generation" }), existing: true, read: true };
    const weak = policy("p", replacing("Jailbreak", filter("Jailbreak", "Prompt", true, false)));
    for (const mode of ["up", "preview"] as const) {
      const outcome = await runTraced([read, weak, deployment("d", "p")], mode, defaultsToText);
      expect({ mode, jailbreak: findingsOf(outcome).filter((f) => f.startsWith(M(R.jailbreak, "d"))) }).toEqual({
        mode,
        jailbreak: [M(R.jailbreak, "d")],
      });
      expect(outcome.result.diagnostics.filter((d) => d.policyName === R.jailbreak)).toHaveLength(1);
    }
  });
});

// An account registered after its deployment (a literal accountName, no reference to order them) is the same
// Azure account: its tags declare what the deployment is for wherever the program registers it. The resource
// level cannot see it yet, so the stack level judges the deployment again; the preview `pulumi up` runs first blocks.
describeThroughProtocol("accounts registered after their deployments", () => {
  const urn = "urn:pulumi:dev::scenario::azure-native:cognitiveservices:Deployment::d";

  itThroughProtocol("a later account's code-generation tag holds its deployment to the code filter", async () => {
    const later = account("oai", { useCase: "code-generation" });
    await verify([policy("p", TEXT_ONLY), deployment("d", "p"), later], [M(R.pmCode, "d"), ...EVIDENCE_NOT_SEEN], {
      config: defaultsToText,
      lateInUp: [`${R.pmCode} ${urn} reported at stack level (after every step)`],
    });
  });

  itThroughProtocol("a later account that declares what the policy meets blocks nothing", async () => {
    const later = account("oai", { useCase: "text-generation" });
    await verify([policy("p", TEXT_ONLY), deployment("d", "p"), later], EVIDENCE_NOT_SEEN, { config: defaultsToText });
  });

  itThroughProtocol("a deployment before its account still counts towards the account's capacity", async () => {
    const quota = { "ccc-approved-capacity": { approvedCapacity: { "gpt-4o": 50 } } };
    await verify(
      [
        policy("p", COMPLIANT),
        deployment("early", "p", { capacity: 30, tags: { "ccc-use-case": "text-generation", ...EVIDENCE } }),
        account("oai"),
        deployment("late", "p", { capacity: 30 }),
      ],
      [M(R.capacity, "late")],
      { config: quota },
    );
  });

  itThroughProtocol("a deployment whose only use case is on a later account is told to reference it", async () => {
    const { up } = await verify([policy("p", COMPLIANT), deployment("d", "p"), account("oai")], [M(R.useCase, "d")]);
    expect(messages(up, R.useCase, "d")).toEqual([
      expect.stringContaining(
        'Account "oai" is not in the stack before the deployment; if the program defines it later, reference it (accountName: account.name), so it and its tag come first.',
      ),
    ]);
  });

  // Found exactly or not, a later account that may be the deployment's is judged at stack level as one
  // registered before it would be: what cannot be decided blocks (found by attacking 1ce8cdb).
  itThroughProtocol(
    "a later account that may be its own (another provider, a name not known yet, two of one identity)",
    async () => {
      const late = (logical: string) =>
        `${R.useCase} urn:pulumi:dev::scenario::azure-native:cognitiveservices:Deployment::${logical} reported at stack level (after every step)`;
      const code = { useCase: "code-generation" };
      await verify(
        [provider("pa"), policy("p", TEXT_ONLY), deployment("d", "p"), account("oai", { ...code, provider: "pa" })],
        // After the step both ARM ids show one subscription: the account is its own.
        { up: [M(R.pmCode, "d"), ...EVIDENCE_NOT_SEEN], preview: [M(R.useCase, "d"), ...EVIDENCE_NOT_SEEN] },
        { config: defaultsToText, lateInUp: [`${R.pmCode} ${urn} reported at stack level (after every step)`] },
      );
      await verify(
        [
          account("seed", { existing: true }),
          policy("p", TEXT_ONLY),
          deployment("d", "p"),
          account(
            computedLate("seed", () => "oai"),
            { ...code, logical: "late" },
          ),
        ],
        { up: [M(R.pmCode, "d"), ...EVIDENCE_NOT_SEEN], preview: [M(R.useCase, "d"), ...EVIDENCE_NOT_SEEN] },
        { config: defaultsToText, lateInUp: [`${R.pmCode} ${urn} reported at stack level (after every step)`] },
      );
      await verify(
        [policy("p", TEXT_ONLY), deployment("d", "p"), account("oai", code), account("OAI", { logical: "oai2" })],
        [M(R.wellFormed, "oai2"), M(R.useCase, "d"), ...EVIDENCE_NOT_SEEN],
        { config: defaultsToText, lateInUp: [late("d")] },
      );
    },
  );

  itThroughProtocol("a problem met by another rule once the later account is seen is still one finding", async () => {
    // No policy named: one shared problem, reported by the text filter rule first, then met by the jailbreak rule.
    await verify(
      [deployment("d", undefined, { tags: EVIDENCE }), account("oai", { useCase: "code-generation" })],
      [M(R.pmText, "d")],
      { config: { ...defaultsToText, "ccc-explicit-rai-policy": "advisory" } },
    );
  });

  itThroughProtocol(
    "what the organization's defaults require before the account comes says why they stand in",
    async () => {
      // The later account declares less than the defaults: the resource level cannot know, so it blocks, and says why.
      const defaults = { "ccc-organization-config": { defaultUseCases: ["text-generation", "code-generation"] } };
      const { up } = await verify(
        [policy("p", TEXT_ONLY), deployment("d", "p", { tags: EVIDENCE }), account("oai")],
        [M(R.pmCode, "d")],
        { config: defaults },
      );
      expect(messages(up, R.pmCode, "d")).toEqual([
        expect.stringContaining(
          '(declared on pack config defaultUseCases, as account "oai" is not in the stack before the deployment)',
        ),
      ]);
      const evidence = await verify([policy("p", TEXT_ONLY), deployment("d", "p"), account("oai")], EVIDENCE_NOT_SEEN, {
        config: defaultsToText,
      });
      expect(messages(evidence.up, R.evidence, "d")[0]).toContain(
        'no ccc-metaprompt tag on the deployment or its account (account "oai" is not in the stack before the deployment).',
      );
    },
  );

  // One problem is one finding, unless the rule that meets it on the second judgement holds it more strongly
  // (found by attacking 6a78877, which kept only the first finding of a problem, whatever its level).
  itThroughProtocol("a problem first reported waived or advisory still blocks under a mandatory rule", async () => {
    const waiver = (policy: string) => ({
      policy,
      resource: "d",
      reason: "r",
      approvedBy: "cto",
      expires: "2099-01-01",
    });
    // "s" names no policy: the text rules report that (waived) for "d", which spills over to it; once the
    // account makes "d" code generation only, the code rule meets it, not waived.
    const spillover = [
      policy("strong", COMPLIANT),
      deployment("s", undefined, { tags: { ...EVIDENCE, "ccc-use-case": "other" } }),
      deployment("d", "strong", { spillover: "s", tags: EVIDENCE }),
      account("oai", { useCase: "code-generation" }),
    ];
    const textRules = [R.pmText, R.jailbreak, R.async];
    await verify(spillover, [A(R.pmText, "d"), M(R.pmCode, "d")], {
      config: { "ccc-organization-config": { defaultUseCases: ["text-generation"], waivers: textRules.map(waiver) } },
      lateInUp: [`${R.pmCode} ${urn} reported at stack level (after every step)`],
    });
    // A waiver is per rule: with the text rule's alone, the jailbreak rule (text generation needs it too)
    // blocks "d" before its step.
    await verify(spillover, [M(R.jailbreak, "d")], {
      config: { "ccc-organization-config": { defaultUseCases: ["text-generation"], waivers: [waiver(R.pmText)] } },
    });
    // The text rules advisory, the code rule mandatory: "names no policy" first advisory, then mandatory.
    const advisoryText: PackConfig = {
      ...defaultsToText,
      [R.explicit]: "advisory",
      [R.pmText]: "advisory",
      [R.jailbreak]: "advisory",
      [R.async]: "advisory",
    };
    const noPolicy = deployment("d", undefined, { tags: EVIDENCE });
    const read = { ...account("oai", { useCase: "code-generation" }), existing: true, read: true };
    for (const steps of [
      [noPolicy, account("oai", { useCase: "code-generation" })],
      [read, noPolicy],
    ])
      await verify(steps, [A(R.explicit, "d"), M(R.pmCode, "d")], {
        config: advisoryText,
        lateInUp: [`${R.pmCode} ${urn} reported at stack level (after every step)`],
      });
  });

  itThroughProtocol(
    "a preview says once that a deployment on an account name not known yet declares no use case",
    async () => {
      const name = () => computedLate("sp", () => "oai");
      const outcome = await runTraced(
        [
          { ...subscriptionPolicy("sp", COMPLIANT), existing: true },
          policy("p", TEXT_ONLY, { account: name() }),
          deployment("d", "p", { account: name(), tags: EVIDENCE }),
          account("oai", { useCase: "code-generation" }),
        ],
        "preview",
        {},
      );
      const said = messages(outcome, R.useCase, "d");
      expect(said).toHaveLength(1);
      // A name not known yet names no account to look for.
      expect(said[0]).not.toContain("is not in the stack before the deployment");
    },
  );
});
