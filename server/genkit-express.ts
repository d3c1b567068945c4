import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// @genkit-ai/express 1.42 lists "default" before "import" in its exports map, so a plain ESM
// import loads the CJS build and a second copy of genkit: `instanceof GenkitError` then fails
// and every error becomes a 500. Load its own ESM build explicitly.
type ExpressModule = typeof import('@genkit-ai/express');

const resolved = createRequire(import.meta.url).resolve('@genkit-ai/express');
const mod = (await import(pathToFileURL(resolved.replace(/index\.js$/, 'index.mjs')).href)) as ExpressModule;

export const expressHandler = mod.expressHandler;
