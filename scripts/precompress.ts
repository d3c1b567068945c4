// A Vite plugin that writes a brotli (.br) and a gzip (.gz) copy beside each text file of the
// build, at their highest levels: the server (server/http/ui-files.ts) sends the copy a browser
// accepts, so no request pays for compressing the UI.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

const toBrotli = promisify(brotliCompress);
const toGzip = promisify(gzip);

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Writes name.br and name.gz beside each compressible file of `dir` that they make smaller; returns how many files got copies. */
export async function precompressDir(dir: string): Promise<number> {
  const files = (await filesIn(dir)).filter((f) => COMPRESSIBLE.test(f));
  let done = 0;
  await Promise.all(
    files.map(async (file) => {
      const raw = await readFile(file);
      if (raw.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        toBrotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        toGzip(raw, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      // A copy that is not smaller is not written: the server then sends the file as it is.
      if (br.length < raw.length) await writeFile(`${file}.br`, br);
      if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
      done++;
    }),
  );
  return done;
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'personaflow-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
