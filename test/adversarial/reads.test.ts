// Resources a program reads (`Account.get`, `RaiPolicy.get`): the engine never sends them to Analyze (a read
// step has no analyzer call), only to AnalyzeStack. A deployment judged at resource level without them is
// judged again at stack level, so what they declare still counts; the preview `pulumi up` runs first blocks.
import { describeThroughProtocol, itThroughProtocol, runTraced } from "../support/scenario";
import {
  A,
  HARM,
  JAILBREAK,
  M,
  PM_TEXT,
  R,
  account,
  deployment,
  filter,
  findingsOf,
  policy,
  replacing,
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
