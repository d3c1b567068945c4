// ESLint for personaflow: typescript-eslint + react-hooks, and the import boundaries of DESIGN.md
// ("Data flows one way: ui → HTTP → server → flows → (prompts, tools, queries) → db. Flows never
// import db directly ... process.env is read in one file (env.ts)").
//
// Boundaries are checked on RESOLVED paths (eslint-plugin-import-x `no-restricted-paths` with the
// TypeScript resolver), so they hold whatever the import looks like: '../../db/queries.js', a
// tsconfig `paths` alias or a package.json `#subpath` import. `import type` counts too: a type
// import still couples the layers. Packages (genkit in the browser, anything but zod in schemas/)
// are checked by name with `no-restricted-imports`.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// Import boundaries (resolved paths). Paths are relative to the repo root.
// ---------------------------------------------------------------------------------------------

/** ui/src/features/<name>: read at lint time, so a new feature is fenced in without editing this file. */
const featuresDir = path.join(root, 'ui/src/features');
// Loud rather than silently unfenced if the folder moves.
if (!fs.existsSync(featuresDir)) throw new Error('eslint.config.js: ui/src/features is gone; point the feature zones at its new home.');
const features = fs
  .readdirSync(featuresDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const FLOWS_NO_DB =
  'Flows never import db (DESIGN.md), type-only imports included: declare the port the flow needs beside the flow and let db/queries implement it.';

const zones = [
  // The UI: features are islands; shared → features → app, never back.
  ...features.map((name) => ({
    target: `ui/src/features/${name}`,
    from: 'ui/src/features',
    except: [`./${name}`],
    message: `A UI feature never imports another feature (ui/src/features/${name} → another feature): move what both need to ui/src/shared/.`,
  })),
  {
    target: 'ui/src/shared',
    from: ['ui/src/features', 'ui/src/app'],
    message: 'ui/src/shared never imports features or app (shared → features → app).',
  },
  {
    target: 'ui/src/features',
    from: 'ui/src/app',
    message: 'A UI feature never imports ui/src/app (shared → features → app).',
  },
  // The UI imports nothing server-side but schemas/ (packages are checked by name below).
  {
    target: 'ui/src',
    from: '.',
    except: ['./ui/src', './schemas', './node_modules'],
    message: 'The UI imports nothing server-side but schemas/ (DESIGN.md): no db/, server/, flows/, models/, jobs/, mail/, lib/, genkit.config, env.ts.',
  },
  // Flows and what they call never reach the database themselves.
  { target: ['flows', 'campaigns', 'tools', 'models', 'lib', 'research'], from: 'db', message: FLOWS_NO_DB },
  // schemas/ depends on zod alone (and other schemas); this zone also covers schemas → db.
  {
    target: 'schemas',
    from: '.',
    except: ['./schemas', './node_modules'], // packages: by name, in schemaImports below
    message: 'schemas/ imports zod and other schemas only: it is shared by db, flows, server AND the browser.',
  },
  // The one-way line, further down: nothing below the server reaches up into it.
  {
    target: ['flows', 'campaigns', 'tools', 'models', 'lib', 'db', 'mail', 'research'],
    from: ['server', 'jobs'],
    message: 'Data flows one way (ui → HTTP → server → flows → tools/queries → db): nothing below server/ imports server/ or jobs/.',
  },
  // db/ implements the ports declared beside the code that needs them (flows/wizard-store.ts,
  // campaigns/ports.ts) and imports nothing else from above.
  {
    target: 'db',
    from: ['tools', 'models', 'mail', 'genkit.config.ts'],
    message: 'db/ is the bottom layer: it imports schemas/ and helpers, never flows, tools, models, mail or the ai instance.',
  },
  { target: 'db', from: 'flows', except: ['./wizard-store.ts'], message: 'db/ imports only the port a flow declares (flows/wizard-store.ts), never a flow.' },
  { target: 'db', from: 'campaigns', except: ['./ports.ts'], message: 'db/ imports only the port campaign runs declare (campaigns/ports.ts).' },
];

// ---------------------------------------------------------------------------------------------
// Restricted packages and syntax. ESLint replaces (does not merge) a rule's options when a later
// config block sets it again, so each block below gets the full list it needs.
// ---------------------------------------------------------------------------------------------

const ENV_ONLY = 'Only env.ts reads process.env (DESIGN.md): add the variable to env.ts (Zod-parsed) and import it from there.';

const envImports = [
  { name: 'node:process', importNames: ['env'], message: ENV_ONLY },
  { name: 'process', importNames: ['env'], message: ENV_ONLY },
];
// no-restricted-properties already covers `process.env.X` and `const { env } = process`.
const envSyntax = [{ selector: "MemberExpression[object.object.name='globalThis'][object.property.name='process'][property.name='env']", message: ENV_ONLY }];
// `typeof import('../db/queries.js')` is not an import declaration, so no-restricted-paths misses it.
const noDbTypeImport = {
  selector: 'TSImportType[argument.literal.value=/(^|\\/)db(\\/|$)/]',
  message: FLOWS_NO_DB,
};

// Matched as anchored regexes on the import string, never as gitignore-style globs: a glob 'http'
// would also match '../api/http'.
const serverPackages = [
  '@genkit-ai/',
  'genkit-cli',
  'drizzle-orm',
  'drizzle-kit',
  'pg',
  'pg-boss',
  '@electric-sql/',
  'express',
  'nodemailer',
  'proper-lockfile',
  'dotprompt',
  'node:',
];
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const packageRe = (names) => `^(${names.map((n) => (n.endsWith('/') || n.endsWith(':') ? `${escapeRe(n)}.*` : `${escapeRe(n)}(/.*)?`)).join('|')})$`;
const uiImports = {
  paths: [...envImports, ...builtinModules.map((name) => ({ name, message: 'A Node built-in in the UI: the UI runs in the browser.' }))],
  patterns: [
    {
      regex: '^genkit(?!/beta/client$)(/.*)?$',
      message: "In the browser use 'genkit/beta/client' only: 'genkit' itself pulls megabytes of server code (DESIGN.md).",
    },
    { regex: packageRe(serverPackages), message: 'A server-side package in the UI: the UI talks to the server over HTTP.' },
  ],
};
const schemaImports = {
  paths: envImports,
  patterns: [
    {
      regex: '^(?!zod(/|$)|\\.{1,2}/)',
      message: 'schemas/ imports zod and other schemas only: it is shared by db, flows, server AND the browser.',
    },
  ],
};

export default defineConfig(
  globalIgnores(['node_modules/', 'dist/', '.data/', '.genkit/', 'test-results/', 'coverage/', 'db/migrations/']),

  {
    linterOptions: {
      // An `eslint-disable` comment must name a rule that exists and still fires.
      reportUnusedDisableDirectives: 'error',
      reportUnusedInlineConfigs: 'error',
    },
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      // The skeleton has no import cycles today; keep it so (about 0.1 s for the whole repo).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { paths: envImports }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: ENV_ONLY }],
      'no-restricted-syntax': ['error', ...envSyntax],

      // --- tuned from the recommended sets (why, each) ---
      // Type-aware rules (no-floating-promises, no-misused-promises ...) are not on: with type
      // information the lint took 24 s instead of 5-11 s on 2 cores, and on today's code they
      // found nothing in server/, flows/, jobs/ or db/ (24 hits, all React event handlers and
      // fire-and-forget navigate()/invalidateQueries() in the UI and two test fakes).
      // Unused code is a real finding; `_`-prefixed names are the codebase's (and tsc's) "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  {
    files: ['flows/**', 'campaigns/**', 'tools/**', 'models/**', 'lib/**'],
    rules: { 'no-restricted-syntax': ['error', ...envSyntax, noDbTypeImport] },
  },
  {
    files: ['schemas/**'],
    rules: {
      'no-restricted-imports': ['error', schemaImports],
      'no-restricted-syntax': ['error', ...envSyntax, noDbTypeImport],
    },
  },

  {
    ...reactHooks.configs.flat.recommended,
    files: ['ui/src/**/*.{ts,tsx}'],
    rules: {
      // The plugin's recommended set (rules of hooks + the React Compiler's checks: purity, refs,
      // set-state-in-effect ...), all on. exhaustive-deps is raised from 'warn' to 'error' so a
      // missing dependency fails the build; the existing disable comments name it on purpose.
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', uiImports],
    },
  },

  {
    files: ['tests/**', 'bench/**'],
    rules: {
      // Test fakes and bench drivers read arbitrary wire JSON (Gemini, OpenAI, our own replies);
      // typing every field there is ceremony with no finding behind it. Product code keeps the rule.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // env.ts is the one reader of process.env. tests/ and bench/ set up child processes and pick
  // drivers from the environment of the test run (DATABASE_URL, CHROMIUM_PATH, BENCH_*), which is
  // not the app's configuration. scripts/ reads none today, so it stays under the rule.
  {
    files: ['env.ts', 'tests/**', 'bench/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
