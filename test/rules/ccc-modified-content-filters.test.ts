// ccc-modified-content-filters: a policy that turns off, or sets to annotate only, Hate, Sexual, Violence or
// Selfharm needs the organization's approval for modified content filters; with it, an advisory note.
import {
  COMPLIANT_FILTERS,
  HARM,
  UNKNOWN,
  account,
  classicAccount,
  classicFilter,
  classicPolicy,
  compliantText,
  evaluate,
  filterEntry,
  hubPolicy,
  policy,
  secret,
  workspace,
} from "../support/stack";
import { F, policyLevelCases, step } from "./policyLevel";

const RULE = "ccc-modified-content-filters";
const APPROVED = { [RULE]: { modifiedFiltersApproved: true } };
const TAIL =
  "That is a modified content filter, which needs Microsoft's approval; Azure rejects it at apply time without one.";
const FIX =
  "Keep these filters enabled and blocking, or, once Microsoft approved modified content filters for the organization, record it with ccc-modified-content-filters.modifiedFiltersApproved: true in pack config.";
const ALLOWED = "allowed by the organization's approval for modified content filters.";
const ANNOTATE = "annotate mode (enabled: true, blocking: false)";
const OFF = "off (enabled: false)";
const modified = (what: string, resource = "strict") => ({
  resource,
  verdict: "violation",
  level: "mandatory",
  message: `RAI policy "${resource}" sets ${what}. ${TAIL}`,
  fix: FIX,
});
const onFilters = (filters: unknown, config = {}) => evaluate([account("oai"), policy("strict", filters)], config);

describe("modified harm filters", () => {
  it("annotate-only and off, listed in one finding, as written", () => {
    const result = onFilters([
      filterEntry("Hate", "Prompt", true, false),
      { name: "violence", source: "Completion", enabled: false },
      filterEntry("Sexual", "Prompt", true, true),
      filterEntry("Self-Harm", "Completion", true, false),
      filterEntry("Jailbreak", "Prompt", true, false),
    ]);
    expect(result.reported(RULE)).toEqual([
      modified(
        `properties.contentFilters[0] ("Hate", Prompt) to ${ANNOTATE}; properties.contentFilters[1] ("violence", Completion) to ${OFF}; properties.contentFilters[3] ("Self-Harm", Completion) to ${ANNOTATE}`,
      ),
    ]);
  });

  it("a harm filter in a mode that cannot be shown to block", () => {
    expect(onFilters([{ name: "Hate", source: "Prompt", enabled: true }]).reported(RULE)).toEqual([
      modified(
        'properties.contentFilters[0] ("Hate", Prompt) to a mode that cannot be shown to block (enabled/blocking not both set, or an unrecognised action)',
      ),
    ]);
  });

  it("flags from secrets: the mode is not spelled out", () => {
    expect(onFilters([{ name: "Hate", source: "Prompt", enabled: secret(false) }]).reported(RULE)).toEqual([
      modified(
        'properties.contentFilters[0] ("Hate", Prompt) to a mode set by secret values, which is not filter mode',
      ),
    ]);
  });

  it("classic and AI Foundry hub policies", () => {
    const classic = evaluate([
      classicAccount("oai"),
      classicPolicy("strict", [classicFilter("Hate", "Prompt", true, false)]),
    ]);
    expect(classic.reported(RULE)).toEqual([modified(`contentFilters[0] ("Hate", Prompt) to ${ANNOTATE}`)]);
    const hub = evaluate([
      workspace("hub"),
      hubPolicy("strict", [{ name: "Violence", source: "Completion", enabled: false, allowedContentLevel: "Low" }]),
    ]);
    expect(hub.reported(RULE)).toEqual([modified(`properties.contentFilters[0] ("Violence", Completion) to ${OFF}`)]);
  });

  it("a filter whose mode is not known does not hide the definitely modified ones", () => {
    const result = onFilters([
      filterEntry("Hate", "Prompt", true, false),
      { name: "Selfharm", source: "Prompt", enabled: true, blocking: UNKNOWN },
    ]);
    expect(result.reported(RULE)).toEqual([
      modified(`properties.contentFilters[0] ("Hate", Prompt) to ${ANNOTATE}`),
      {
        resource: "strict",
        verdict: "undecided",
        level: "mandatory",
        message:
          '"strict" cannot be shown compliant: properties.contentFilters[1].blocking is not known, so the mode of properties.contentFilters[1] ("Selfharm", Prompt) cannot be checked.',
        fix: "Make the value known at preview time, or reference the resource directly (raiPolicyName: policy.name, accountName: account.name) so the pack can follow the dependency.",
      },
    ]);
  });
});

describe("with the organization's approval", () => {
  it("the same filters are an advisory note", () => {
    const result = onFilters(
      [filterEntry("Hate", "Prompt", true, false), { name: "violence", source: "Completion", enabled: false }],
      APPROVED,
    );
    expect(result.reported(RULE)).toEqual([
      {
        resource: "strict",
        verdict: "note",
        level: "advisory",
        message: `RAI policy "strict" sets properties.contentFilters[0] ("Hate", Prompt) to ${ANNOTATE}; properties.contentFilters[1] ("violence", Completion) to ${OFF}; ${ALLOWED}`,
      },
    ]);
    expect(result.subject("strict").compliant).toBe(true);
  });

  it("an unknown mode still waits", () => {
    const result = onFilters([{ name: "Hate", source: "Prompt", enabled: UNKNOWN, blocking: true }], APPROVED);
    expect(result.reported(RULE).map((f) => f.verdict)).toEqual(["undecided"]);
  });
});

describe("passes and undecided", () => {
  it("harm filters blocking, other filters in any mode, unrecognised names and an empty list pass", () => {
    expect(onFilters(COMPLIANT_FILTERS).reported(RULE)).toEqual([]);
    expect(
      onFilters([
        ...HARM,
        filterEntry("Jailbreak", "Prompt", false, false),
        filterEntry("Hat e", "Prompt", false, false),
      ]).reported(RULE),
    ).toEqual([]);
    expect(onFilters([]).verdict("strict", RULE).verdict).toBe("pass");
  });

  it("a filter list that is not known", () => {
    expect(
      onFilters(UNKNOWN)
        .reported(RULE)
        .map((f) => f.message),
    ).toEqual([
      '"strict" cannot be shown compliant: properties.contentFilters is not known, so the policy\'s content filters cannot be checked.',
    ]);
  });

  it("applies to policies only, not to the deployments that use them", () => {
    const result = evaluate(compliantText());
    expect(result.subject("chat").verdicts.map((v) => v.ruleId)).not.toContain(RULE);
  });
});

it("modifiedFiltersApproved must be true or false: anything else is a config error, and not an approval", () => {
  const result = onFilters([filterEntry("Hate", "Prompt", true, false)], {
    [RULE]: { modifiedFiltersApproved: "yes" },
  });
  expect(result.configErrors).toEqual([
    'ccc-modified-content-filters.modifiedFiltersApproved: must be true or false, got "yes"; the default false is used',
  ]);
  expect(result.reported(RULE).map((f) => f.verdict)).toEqual(["violation"]);
});

policyLevelCases({
  rule: RULE,
  steps: [step.account("oai"), step.policy("strict", [F("Hate", "Prompt", true, false), F("Jailbreak", "Prompt")])],
  resource: "strict",
  message: modified(`properties.contentFilters[0] ("Hate", Prompt) to ${ANNOTATE}`).message,
  fix: FIX,
  defaultLevel: "mandatory",
  // A policy's filters are known at resource level, even in a preview: decided there, not repeated later.
  previewPhase: "analyze",
  badConfig: { modifiedFiltersApproved: "yes" },
  badConfigError: `${RULE}.modifiedFiltersApproved: must be true or false, got "yes"; the default false is used`,
});
