"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RULES = void 0;
const forbidUncoveredAsynchronousFilter_1 = require("./forbidUncoveredAsynchronousFilter");
const noteCodeLicenceCompliance_1 = require("./noteCodeLicenceCompliance");
const recommendUniversalEvidence_1 = require("./recommendUniversalEvidence");
const requireCodeProtectedMaterialFilter_1 = require("./requireCodeProtectedMaterialFilter");
const requireDeclaredUseCase_1 = require("./requireDeclaredUseCase");
const requireExplicitRaiPolicy_1 = require("./requireExplicitRaiPolicy");
const requireJailbreakFilterMode_1 = require("./requireJailbreakFilterMode");
const requireTextProtectedMaterialFilter_1 = require("./requireTextProtectedMaterialFilter");
const requireVerifiableRaiPolicy_1 = require("./requireVerifiableRaiPolicy");
const requireWellFormedResources_1 = require("./requireWellFormedResources");
const limitFineTunedDeployments_1 = require("./limitFineTunedDeployments");
const requireApprovalForGatedModels_1 = require("./requireApprovalForGatedModels");
const requireApprovalForModifiedFilters_1 = require("./requireApprovalForModifiedFilters");
const requireApprovedCapacity_1 = require("./requireApprovedCapacity");
const requireApprovedUseCases_1 = require("./requireApprovedUseCases");
/** The catalogue, in report order. Adding a rule here adds its Pulumi policy and its docs. */
exports.RULES = [
    requireDeclaredUseCase_1.requireDeclaredUseCase,
    requireExplicitRaiPolicy_1.requireExplicitRaiPolicy,
    requireVerifiableRaiPolicy_1.requireVerifiableRaiPolicy,
    requireTextProtectedMaterialFilter_1.requireTextProtectedMaterialFilter,
    requireJailbreakFilterMode_1.requireJailbreakFilterMode,
    requireCodeProtectedMaterialFilter_1.requireCodeProtectedMaterialFilter,
    forbidUncoveredAsynchronousFilter_1.forbidUncoveredAsynchronousFilter,
    requireWellFormedResources_1.requireWellFormedResources,
    noteCodeLicenceCompliance_1.noteCodeLicenceCompliance,
    recommendUniversalEvidence_1.recommendUniversalEvidence,
    requireApprovedUseCases_1.requireApprovedUseCases,
    requireApprovalForModifiedFilters_1.requireApprovalForModifiedFilters,
    requireApprovedCapacity_1.requireApprovedCapacity,
    limitFineTunedDeployments_1.limitFineTunedDeployments,
    requireApprovalForGatedModels_1.requireApprovalForGatedModels,
];
