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
import { limitFineTunedDeployments } from "./limitFineTunedDeployments";
import { requireApprovalForGatedModels } from "./requireApprovalForGatedModels";
import { requireApprovalForModifiedFilters } from "./requireApprovalForModifiedFilters";
import { requireApprovedCapacity } from "./requireApprovedCapacity";
import { requireApprovedUseCases } from "./requireApprovedUseCases";
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
  requireApprovedUseCases,
  requireApprovalForModifiedFilters,
  requireApprovedCapacity,
  limitFineTunedDeployments,
  requireApprovalForGatedModels,
];
