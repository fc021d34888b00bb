// The CCC policies composed into an organization's own pack in the ways organizations write packs: beside a
// policy that edits what it is handed, filtered, renamed, and served by another copy of @pulumi/policy. Each
// runs through the real analyzer protocol in `up` and in `preview`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerSession, Diagnostic, PackConfig } from "../tooling/harness/analyzer";
import {
  COMPLIANT,
  EVIDENCE,
  HARM,
  PM_CODE,
  PM_TEXT,
  account,
  deployment,
  filter,
  policy,
  replacing,
} from "./adversarial/kit";
import { PACK_DIR } from "./support/examples";
import { Step, capture, describeThroughProtocol, itThroughProtocol, ref, secret } from "./support/scenario";

const API = path.join(PACK_DIR, "bin", "src", "api");
const MANDATORY_TEXT = "[mandatory] ccc-text-protected-material-filter chat";
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-compose-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * An organization's pack: `body` after `PolicyPack` and `cccPolicies` are in scope. Its node_modules is the
 * pack's; `ownPolicyCopy` gives it a copy of @pulumi/policy of its own, as npm nests one beside another version.
 */
function orgPack(name: string, body: string, ownPolicyCopy = false): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  const shared = path.join(PACK_DIR, "node_modules");
  if (ownPolicyCopy) {
    for (const scope of ["@pulumi", "@grpc"]) fs.mkdirSync(path.join(dir, "node_modules", scope), { recursive: true });
    fs.cpSync(path.join(shared, "@pulumi/policy"), path.join(dir, "node_modules/@pulumi/policy"), { recursive: true });
    for (const p of ["@pulumi/pulumi", "@grpc/grpc-js", "google-protobuf"])
      fs.symlinkSync(path.join(shared, p), path.join(dir, "node_modules", p));
  } else fs.symlinkSync(shared, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `runtime: nodejs\nname: ${name}\n`);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", main: "index.js" }));
  fs.writeFileSync(
    path.join(dir, "index.js"),
    [
      'const { PolicyPack } = require("@pulumi/policy");',
      `const { cccPolicies } = require(${JSON.stringify(API)});`,
      body,
    ].join("\n"),
  );
  return dir;
}

/** Every diagnostic as `[level] policy resource`, sorted. */
async function findings(dir: string, steps: readonly Step[], mode: "up" | "preview", config: PackConfig = {}) {
  const preview = mode === "preview";
  const session = await AnalyzerSession.start(dir, { env: { PULUMI_DRY_RUN: String(preview) } });
  const diagnostics: Diagnostic[] = [];
  try {
    await session.configure(await session.getAnalyzerInfo(), config);
    await session.configureStack({ project: "scenario", stack: "dev", dryRun: preview });
    const resources = capture(steps, preview);
    for (const r of resources)
      for (const d of await session.analyze(r)) diagnostics.push({ ...d, urn: d.urn || r.urn });
    diagnostics.push(...(await session.analyzeStack([...resources].reverse())));
  } finally {
    await session.close();
  }
  return {
    summary: diagnostics
      .map((d) => `[${d.enforcementLevel}] ${d.policyName} ${d.urn ? d.urn.split("::").pop() : "(stack)"}`)
      .sort(),
    text: diagnostics.map((d) => d.message).join("\n"),
  };
}

/** A text-generation deployment whose policy has Protected Material Text in annotate mode. */
const textAnnotate = (): Step[] => [
  account("oai"),
  policy("weak", replacing("Protected Material Text", filter("Protected Material Text", "Completion", true, false))),
  deployment("chat", "weak"),
];

describeThroughProtocol("policies of the organization beside ours", () => {
  itThroughProtocol("an organization's policy that edits its props in place changes nothing we see", async () => {
    // @pulumi/policy's own helper: one function that reports and changes the resource, at any level.
    const dir = orgPack(
      "edits-first",
      `const { validateRemediateResourceOfType } = require("@pulumi/policy");
const blockText = {
  name: "org-pm-text-blocking", description: "Protected material text blocks.", enforcementLevel: "advisory",
  ...validateRemediateResourceOfType({ __pulumiType: "azure-native:cognitiveservices:RaiPolicy" }, (props, args, report) => {
    for (const f of props.properties.contentFilters)
      if (f.name === "Protected Material Text" && !f.blocking) { report("PM text should block"); f.blocking = true; }
    return props;
  }),
};
new PolicyPack("edits-first", { policies: [blockText, ...cccPolicies()] });`,
    );
    for (const mode of ["up", "preview"] as const)
      expect((await findings(dir, textAnnotate(), mode)).summary).toEqual([
        "[advisory] org-pm-text-blocking weak",
        MANDATORY_TEXT,
      ]);
  });

  itThroughProtocol("each policy of the organization gets its own props, as without ours", async () => {
    const dir = orgPack(
      "own-props",
      `const dropLocation = { name: "org-a", description: "a", enforcementLevel: "advisory",
  validateResource: (args) => { delete args.props.location; } };
const requireLocation = { name: "org-b", description: "b", enforcementLevel: "mandatory",
  validateResource: (args, report) => { if (args.type.endsWith(":Account") && !args.props.location) report("no location"); } };
new PolicyPack("own-props", { policies: [dropLocation, requireLocation, ...cccPolicies()] });`,
    );
    expect((await findings(dir, textAnnotate(), "up")).summary).toEqual([MANDATORY_TEXT]);
  });
});

describeThroughProtocol("the policies an organization serves", () => {
  it.each([
    ["without the org-config policy", `cccPolicies().filter((p) => p.name !== "ccc-organization-config")`],
    ["one rule picked by name", `cccPolicies().filter((p) => p.name === "ccc-text-protected-material-filter")`],
  ])("%s: the served rules report", async (name, policies) => {
    const dir = orgPack(name.replace(/\W+/g, "-"), `new PolicyPack("filtered", { policies: ${policies} });`);
    for (const mode of ["up", "preview"] as const)
      expect((await findings(dir, textAnnotate(), mode)).summary).toEqual([MANDATORY_TEXT]);
  });

  itThroughProtocol(
    "renamed copies: one finding says their config cannot be read, and every rule still reports",
    async () => {
      const dir = orgPack(
        "renamed",
        `new PolicyPack("renamed", { policies: cccPolicies().map((p) => ({ ...p, name: "acme-" + p.name })) });`,
      );
      const jailbreakAnnotate = [
        account("oai"),
        policy("weak", replacing("Jailbreak", filter("Jailbreak", "Prompt", true, false))),
        deployment("chat", "weak"),
      ];
      for (const mode of ["up", "preview"] as const) {
        const { summary, text } = await findings(dir, jailbreakAnnotate, mode, {
          "acme-ccc-jailbreak-filter-mode": "disabled",
        });
        expect(summary).toEqual([
          "[mandatory] acme-ccc-organization-config oai",
          "[mandatory] ccc-jailbreak-filter-mode chat",
        ]);
        expect(text).toContain("the pack serves ccc-organization-config under another name");
        expect(text.match(/under another name/g)).toHaveLength(1);
      }
    },
  );
});

describeThroughProtocol("names the pack serves that do not say which policy object serves them", () => {
  const jailbreakAnnotate = () => [
    account("oai"),
    policy("weak", replacing("Jailbreak", filter("Jailbreak", "Prompt", true, false))),
    deployment("chat", "weak"),
  ];

  itThroughProtocol("two cccPolicies() subsets in one pack: each policy reports its own", async () => {
    const dir = orgPack(
      "two-subsets",
      `new PolicyPack("two-subsets", { policies: [
  ...cccPolicies({ rules: ["ccc-text-protected-material-filter"] }),
  ...cccPolicies({ rules: ["ccc-jailbreak-filter-mode"] }).filter((p) => p.name !== "ccc-organization-config"),
] });`,
    );
    for (const mode of ["up", "preview"] as const)
      expect((await findings(dir, jailbreakAnnotate(), mode)).summary).toEqual([
        "[mandatory] ccc-jailbreak-filter-mode chat",
      ]);
  });

  itThroughProtocol(
    "two cccPolicies() subsets share one org config: a waiver of either's rule is matched, a stale one reported",
    async () => {
      const dir = orgPack(
        "two-subsets-waivers",
        `new PolicyPack("two-subsets-waivers", { policies: [
  ...cccPolicies({ rules: ["ccc-text-protected-material-filter"] }),
  ...cccPolicies({ rules: ["ccc-jailbreak-filter-mode"] }).filter((p) => p.name !== "ccc-organization-config"),
] });`,
      );
      const waiver = (policy: string, resource: string) => ({
        policy,
        resource,
        reason: "pilot",
        approvedBy: "security",
        expires: "2099-12-31",
      });
      const config = (...waivers: object[]) => ({ "ccc-organization-config": { waivers } });
      // raiPolicyName: policy.name, which a preview decides only at stack level (after the first call's check).
      const linked = (): Step[] => [...jailbreakAnnotate().slice(0, 2), deployment("chat", ref("weak"))];
      for (const mode of ["up", "preview"] as const) {
        // The second call's rule, waived: no config error, not stale.
        for (const steps of [jailbreakAnnotate(), linked()])
          expect(
            (await findings(dir, steps, mode, config(waiver("ccc-jailbreak-filter-mode", "chat")))).summary,
          ).toEqual(["[advisory] ccc-jailbreak-filter-mode chat"]);
        // Stale, of either call's rule or of a rule neither serves: each reported once, as matching nothing.
        const stale = await findings(
          dir,
          jailbreakAnnotate(),
          mode,
          config(
            waiver("ccc-jailbreak-filter-mode", "elsewhere"),
            waiver("ccc-text-protected-material-filter", "elsewhere"),
            waiver("ccc-code-protected-material-filter", "chat"),
          ),
        );
        expect(stale.summary).toEqual([
          "[advisory] ccc-organization-config (stack)",
          "[advisory] ccc-organization-config (stack)",
          "[advisory] ccc-organization-config (stack)",
          "[mandatory] ccc-jailbreak-filter-mode chat",
        ]);
      }
    },
  );

  itThroughProtocol(
    "several calls say each problem, config error and stale waiver once (found by attacking a3886aa)",
    async () => {
      const text = '"ccc-text-protected-material-filter"';
      const jailbreak = '"ccc-jailbreak-filter-mode"';
      const withoutOrg = '.filter((p) => p.name !== "ccc-organization-config")';
      const packs = {
        // The second call's rules renamed: that call reports every rule, the org config's work included.
        renamed: `...cccPolicies({ rules: [${text}] }), ...cccPolicies({ rules: [${jailbreak}] })${withoutOrg}.map((p) => ({ ...p, name: "acme-" + p.name }))`,
        // Both calls keep the org-config policy (the runtime serves both under one name).
        "both-org": `...cccPolicies({ rules: [${text}] }), ...cccPolicies({ rules: [${jailbreak}] })`,
      };
      const config = {
        "ccc-organization-config": {
          defaultUseCases: ["text-generation", "bogus"],
          waivers: [
            {
              policy: "ccc-code-protected-material-filter",
              resource: "x",
              reason: "r",
              approvedBy: "s",
              expires: "2099-12-31",
            },
          ],
        },
      };
      for (const [name, body] of Object.entries(packs)) {
        const dir = orgPack(`once-${name}`, `new PolicyPack("once-${name}", { policies: [${body}] });`);
        for (const mode of ["up", "preview"] as const) {
          const { text } = await findings(dir, jailbreakAnnotate(), mode, config);
          const times = (phrase: string) => text.split(phrase).length - 1;
          expect({ name, mode, bogus: times('got "bogus"'), stale: times("matches nothing in this stack") }).toEqual({
            name,
            mode,
            bogus: 1,
            stale: 1,
          });
        }
      }
      // A problem several calls' rules meet (no policy named): one finding, as from one call with those rules.
      const three = orgPack(
        "once-three",
        `new PolicyPack("once-three", { policies: [...cccPolicies({ rules: [${text}] }), ...cccPolicies({ rules: [${jailbreak}] })${withoutOrg}, ...cccPolicies({ rules: ["ccc-explicit-rai-policy"] })${withoutOrg}] });`,
      );
      const noPolicy = [account("oai"), deployment("chat", undefined)];
      for (const mode of ["up", "preview"] as const)
        expect({ mode, summary: (await findings(three, noPolicy, mode)).summary }).toEqual({
          mode,
          summary: [expect.stringMatching(/^\[mandatory\] ccc-[a-z-]+ chat$/)],
        });
    },
  );

  itThroughProtocol(
    "an organization's policy with the description of a rule it left out is not taken for it",
    async () => {
      const dir = orgPack(
        "same-description",
        `const own = { name: "acme-explicit-rai-policy", description: "Explicit content filter policy",
  enforcementLevel: "advisory", validateResource: () => {} };
new PolicyPack("same-description", { policies: [...cccPolicies().filter((p) => p.name !== "ccc-explicit-rai-policy"), own] });`,
      );
      const steps = [account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict")];
      for (const mode of ["up", "preview"] as const) expect((await findings(dir, steps, mode)).summary).toEqual([]);
    },
  );

  itThroughProtocol("rules renamed, org config kept: a stale waiver is reported once", async () => {
    const dir = orgPack(
      "renamed-rules",
      `new PolicyPack("renamed-rules", { policies: cccPolicies().map((p) =>
  p.name === "ccc-organization-config" ? p : ({ ...p, name: "acme-" + p.name })) });`,
    );
    const waiver = {
      policy: "ccc-text-protected-material-filter",
      resource: "nothing-*",
      reason: "r",
      approvedBy: "me",
      expires: "2099-01-01",
    };
    const { summary } = await findings(
      dir,
      [account("oai"), policy("strict", COMPLIANT), deployment("chat", "strict")],
      "up",
      {
        "ccc-organization-config": { waivers: [waiver] },
      },
    );
    expect(summary).toEqual(["[advisory] ccc-organization-config (stack)", "[mandatory] ccc-organization-config oai"]);
  });

  itThroughProtocol(
    "one rule renamed: the request its copy first runs in is judged again, so its finding is not lost",
    async () => {
      const dir = orgPack(
        "renamed-one",
        `new PolicyPack("renamed-one", { policies: cccPolicies().map((p) =>
  p.name === "ccc-jailbreak-filter-mode" ? { ...p, name: "acme-jailbreak", description: "Acme: prompt shield blocks" } : p) });`,
      );
      const config = {
        "ccc-organization-config": {
          externalRaiPolicies: [
            {
              name: "ext",
              accountName: "oai",
              contentFilters: [...HARM, filter("Jailbreak", "Prompt", true, false), PM_TEXT, PM_CODE],
            },
          ],
        },
      };
      const chat = deployment("chat", "ext", { tags: { ...EVIDENCE, "ccc-use-case": "text-generation" } });
      for (const mode of ["up", "preview"] as const) {
        const { summary } = await findings(dir, [chat, account("oai")], mode, config);
        // The copy reports its own rule under the name it is served as.
        expect(summary).toEqual(["[mandatory] acme-jailbreak chat", "[mandatory] ccc-organization-config chat"]);
      }
    },
  );

  itThroughProtocol(
    "copies renamed and served at stack level only, a stack the pack reads nothing of: the config finding still comes",
    async () => {
      const dir = orgPack(
        "stack-only-renamed",
        `new PolicyPack("stack-only-renamed", { policies: cccPolicies().map((p) => ({ name: "acme-" + p.name,
  description: p.description, enforcementLevel: p.enforcementLevel, configSchema: p.configSchema, validateStack: p.validateStack })) });`,
      );
      const steps = [
        { type: "pulumi:pulumi:Stack", name: "scenario-dev", inputs: {} },
        { type: "random:index/randomString:RandomString", name: "r", inputs: { length: 4 } },
      ];
      for (const mode of ["up", "preview"] as const) {
        const { summary, text } = await findings(dir, steps, mode);
        // Our own policy objects had nothing left for the stack level; the copies still ran and were told apart.
        expect(summary).toEqual(["[mandatory] acme-ccc-organization-config (stack)"]);
        expect(text).toContain("under another name");
      }
    },
  );
});

describeThroughProtocol("another copy of @pulumi/policy", () => {
  itThroughProtocol("serving the pack: secrets stay redacted", async () => {
    const dir = orgPack("own-runtime", `new PolicyPack("own-runtime", { policies: cccPolicies() });`, true);
    const steps = [account("oai"), policy("strict", COMPLIANT), deployment("missing", secret("Qv7pXk-Zr9wLm"))];
    for (const mode of ["up", "preview"] as const) {
      const { summary, text } = await findings(dir, steps, mode);
      expect(summary).toEqual(["[mandatory] ccc-verifiable-rai-policy missing"]);
      expect(text).not.toContain("Qv7pXk");
    }
  });
});
