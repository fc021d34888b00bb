import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      ".tools/**",
      ".stryker-tmp/**",
      "policy-pack/bin/**",
      "coverage/**",
      "reports/**",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // Tooling (CLIs, harness, report), docs scripts and benchmarks use the pack only through its public API.
    files: ["tooling/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "policy-pack/src/(?!api$|wire$)",
              message:
                "Import the pack through its public API, policy-pack/src/api (or the wire constants, policy-pack/src/wire).",
            },
          ],
        },
      ],
    },
  },
);
