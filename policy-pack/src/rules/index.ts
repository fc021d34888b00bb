import { forbidUncoveredAsynchronousFilter } from "./forbidUncoveredAsynchronousFilter";
import { noteCodeLicenceCompliance } from "./noteCodeLicenceCompliance";
import { recommendUniversalEvidence } from "./recommendUniversalEvidence";
import { requireCodeProtectedMaterialFilter } from "./requireCodeProtectedMaterialFilter";
import { requireDeclaredUseCase } from "./requireDeclaredUseCase";
import { requireExplicitRaiPolicy } from "./requireExplicitRaiPolicy";
import { requireJailbreakFilterMode } from "./requireJailbreakFilterMode";
import { requireTextProtectedMaterialFilter } from "./requireTextProtectedMaterialFilter";
import { requireVerifiableRaiPolicy } from "./requireVerifiableRaiPolicy";
import { requireWellFormedResources } from "./requireWellFormedResources";
import { Rule } from "./types";

/** The catalogue, in report order. Adding a rule here adds its Pulumi policy and its docs. */
export const RULES: readonly Rule[] = [
  requireDeclaredUseCase,
  requireExplicitRaiPolicy,
  requireVerifiableRaiPolicy,
  requireTextProtectedMaterialFilter,
  requireJailbreakFilterMode,
  requireCodeProtectedMaterialFilter,
  forbidUncoveredAsynchronousFilter,
  requireWellFormedResources,
  noteCodeLicenceCompliance,
  recommendUniversalEvidence,
];
