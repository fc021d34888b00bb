// The CCC clauses (and the organization approvals) the rules enforce, as data: docs map clauses to rules.
import { SOURCES, Source } from "./sources";

export interface Clause {
  readonly id: string;
  /** Microsoft's words where quoted; otherwise a restatement, marked as such. */
  readonly quote: string;
  readonly source: Source;
  /** When it took effect (ISO date); undefined for the organization's own approvals. */
  readonly effective?: string;
  /** CCC clauses bind the indemnity; approvals are what Azure enforces on the organization. */
  readonly kind: "ccc" | "approval" | "integrity";
}

const ccc = (id: string, quote: string, effective: string): Clause => ({
  id,
  quote,
  source: SOURCES.ccc,
  effective,
  kind: "ccc",
});
const approval = (id: string, quote: string): Clause => ({
  id,
  quote,
  source: SOURCES.applicationsNote,
  kind: "approval",
});

export const CLAUSES = {
  universalMetaprompt: ccc(
    "CCC-U1",
    "(restated) The offering includes a metaprompt (system message) that instructs the model not to infringe third-party copyright.",
    "2023-12-01",
  ),
  universalEvaluation: ccc(
    "CCC-U2",
    "(restated) The customer tests and evaluates the offering for output of third-party content, keeps the report and its mitigations, and gives them to Microsoft on request.",
    "2023-12-01",
  ),
  codeProtectedMaterial: ccc(
    "CCC-CODE-1",
    "The protected material code model must be configured on in either annotate or filter mode.",
    "2023-12-01",
  ),
  codeJailbreak: ccc(
    "CCC-CODE-2",
    "The jailbreak model (i.e., Prompt Shield for jailbreak attacks) must be configured on in filter mode.",
    "2023-12-01",
  ),
  codeAsynchronous: ccc(
    "CCC-CODE-3",
    "Output Content retroactively flagged as protected material code is not covered by the CCC, unless customer complies with its cited license.",
    "2024-05-21",
  ),
  textProtectedMaterial: ccc(
    "CCC-TEXT-1",
    "The protected material text model must be configured on in filter mode.",
    "2023-12-01",
  ),
  textJailbreak: ccc(
    "CCC-TEXT-2",
    "The jailbreak model (i.e., Prompt Shield for jailbreak attacks) must be configured on in filter mode.",
    "2023-12-01",
  ),
  textAsynchronous: ccc(
    "CCC-TEXT-3",
    "Output Content retroactively flagged as protected material text is not covered by the CCC.",
    "2024-05-21",
  ),
  otherUseCases: ccc(
    "CCC-OTHER",
    "Image generation models, OpenAI Whisper model, and all other use cases: No additional requirements.",
    "2023-12-01",
  ),
  scope: ccc(
    "CCC-SCOPE",
    "These additional requirements do not apply to Configurable GAI Services, only Azure OpenAI.",
    "2023-12-01",
  ),
  approvedUseCases: approval(
    "ORG-USE-CASES",
    "(restated) Access to Azure OpenAI is approved per subscription for the use cases applied for; an extra use case needs its own approval.",
  ),
  modifiedFilters: approval(
    "ORG-MODIFIED-FILTERS",
    "(restated) Modified content filters and opting out of abuse monitoring need an approval; without one Azure rejects a policy that turns filters off or to annotate only.",
  ),
  quota: approval("ORG-QUOTA", "(restated) Quota is granted per model; an increase needs a request."),
  fineTunedLimit: approval(
    "ORG-FINE-TUNED",
    "(restated) Fine-tuned model deployments per resource are limited; more need a resource-increase request.",
  ),
  previewModels: approval(
    "ORG-PREVIEW-MODELS",
    "(restated) Preview models (GPT-4 at the time) needed a waitlist approval.",
  ),
  wellFormed: {
    id: "PACK-WELL-FORMED",
    quote: "(pack) A mitigation counts only where it is configured unambiguously, with the types Azure accepts.",
    source: SOURCES.raiPolicySpec,
    kind: "integrity",
  } as Clause,
} as const;

/** Customers get six months after a new mitigation is published to implement it (CCC page). */
export const IMPLEMENTATION_GRACE_MONTHS = 6;
