// The model table (rule data) must know every Azure OpenAI model the examples and test fixtures deploy: a
// model no row matches is treated as producing text and code, so a missing row would make the examples'
// verdicts rest on that fallback instead of on a sourced row.
import * as fs from "fs";
import * as path from "path";
import { modelRow } from "../../policy-pack/src/api";
import { captureProgram } from "../../tooling/harness/capture";
import { EXAMPLES_DIR, exampleNames } from "../support/examples";
import { describeUnlessMutating } from "../support/mutation";

const ROOT = path.join(__dirname, "..", "..");
const rowFor = (model: string) => modelRow(model);
/** Model names that look like Azure OpenAI's; anything else in fixtures is a deliberately unknown or non-OpenAI model. */
const OPENAI_LIKE =
  /^(gpt|o[1-9]|dall-e|whisper|tts|text-embedding|sora|codex|davinci|babbage|computer-use|model-router|chatgpt)/i;

describeUnlessMutating(
  "every Azure OpenAI model the examples deploy has a row",
  "the examples are not copied into the mutation sandbox",
  () => {
    it.each(exampleNames())("%s", async (name) => {
      const capture = await captureProgram(path.join(EXAMPLES_DIR, name));
      const models = capture.resources
        .map((r) => {
          const i = r.inputs as {
            properties?: { model?: { name?: unknown; format?: unknown } };
            model?: { name?: unknown; format?: unknown };
          };
          return i.properties?.model ?? i.model;
        })
        .filter(
          (m): m is { name: string; format?: string } =>
            typeof m?.name === "string" && (m.format === undefined || String(m.format).toLowerCase() === "openai"),
        );
      expect(models.map((m) => m.name).filter((m) => rowFor(m) === undefined)).toEqual([]);
    });
  },
);

it("every OpenAI-looking model name in the test fixtures has a row", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) files.push(p);
    }
  };
  walk(path.join(ROOT, "test"));
  const names = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bmodel(?:Name)?: "([^"]+)"|\bmodel: \{[^}]*?\bname: "([^"]+)"/g)) {
      const name = m[1] ?? m[2];
      if (OPENAI_LIKE.test(name)) names.add(name);
    }
  }
  expect(names.size).toBeGreaterThan(3);
  expect([...names].filter((n) => rowFor(n) === undefined)).toEqual([]);
});
