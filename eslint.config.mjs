// Shared lint config for every workspace package (each package's `lint` script runs `eslint`
// from its directory and finds this file): typescript-eslint's type-aware rules, the React hooks
// rules where there is React, Next.js's rules in the two Next apps, and one home for reading
// `process.env` (the env modules). Modelled on create-t3-turbo's tooling/eslint.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const NEXT_APPS = ["apps/guest/**", "apps/dashboard/**"];
const REACT_CODE = [...NEXT_APPS, "packages/client/**"];

const ENV_ACCESS_MESSAGE =
  "Read variables through the package's validated env module (`src/env.ts`, built with @t3-oss/env-core), not `process.env`.";

export default defineConfig(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/next-env.d.ts", ".data/**"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // JSX event handlers may be async (React ignores the returned promise).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `a || b` on strings is deliberate here: an empty variable or header counts as unset.
      "@typescript-eslint/prefer-nullish-coalescing": ["error", { ignorePrimitives: { string: true } }],
    },
  },

  // Tests: vitest's asymmetric matchers (`expect.objectContaining`, `expect.stringMatching`, ...)
  // are typed `any`, so using them inside `toEqual(...)` expectations is not an unsafe assignment.
  {
    files: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },

  // Plain JavaScript (scripts, this file) is in no tsconfig: lint it without type information.
  { files: ["**/*.{js,mjs,cjs}"], extends: [tseslint.configs.disableTypeChecked] },

  // React: the rules of hooks. The React Compiler's checks of the recommended set (refs read in
  // render, setState in an effect, impure calls in render) warn for now: the hooks they flag
  // predate them and are rewritten one by one (tracked in the issue notes).
  {
    files: REACT_CODE,
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      "react-hooks/refs": "warn",
      "react-hooks/set-state-in-effect": "warn",
      "react-hooks/purity": "warn",
    },
  },

  // Next.js apps: Next's recommended and Core Web Vitals rules.
  {
    files: NEXT_APPS,
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      // About the Pages Router's `pages/` directory, which these App Router apps do not have.
      "@next/next/no-html-link-for-pages": "off",
    },
  },

  // One home for the environment: only the env modules read `process.env`.
  {
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: ENV_ACCESS_MESSAGE }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "process", importNames: ["env"], message: ENV_ACCESS_MESSAGE },
            { name: "node:process", importNames: ["env"], message: ENV_ACCESS_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    // Where reading `process.env` directly is legitimate:
    files: [
      // the env modules themselves: each validates its package's variables with env-core;
      "**/src/env.ts",
      "packages/next-server/src/pages-env.ts",
      // Next's start-up hook: `process.env.NEXT_RUNTIME` is how Next documents telling the Node
      // runtime from the Edge one, and Next inlines that exact expression at build time;
      "apps/*/src/instrumentation.ts",
      // the apps' security headers: `process.env.NODE_ENV`, which Next inlines when it compiles
      // the app, tells the dev server from a production build whatever the process's NODE_ENV;
      "packages/next-server/src/security.ts",
      // config files (vitest, next, playwright) run in the tool's process before any app code;
      "**/*.config.ts",
      // tests read the URLs the local service stack exported, or set variables to provoke a fault;
      "**/*.test.ts",
      "**/*.test.tsx",
      // test support modules, imported only by tests (e.g. services built from the test stack's env);
      "**/src/testing.ts",
      "e2e/**",
      // tooling (the local service stack, the shared vitest config) starts services and writes the
      // environment that apps and tests then read.
      "tooling/**",
    ],
    rules: { "no-restricted-properties": "off", "no-restricted-imports": "off" },
  },
);
