/**
 * Bundles the API and the worker into one ES module each (`server/dist/index.mjs`,
 * `worker/dist/index.mjs`), which `npm start` runs with plain `node`.
 *
 * Why: through tsx, every one of the ~1,300 modules a process loads passes the loader hooks
 * (a worker thread and a message round trip each) and keeps its transpiled text and source
 * map in memory; that was most of the API's start-up time and a third of its idle memory.
 * Bundled, the project's own TypeScript is one file; third-party packages stay in
 * node_modules (`external`), loaded by Node as they are, so native add-ons and lazy
 * imports (`@huggingface/transformers`) behave exactly as under tsx.
 *
 * `npm run dev` and the tests run the sources through tsx; one integration test runs the
 * bundles (tests/integration/bundled-services.test.ts).
 *
 * Usage: tsx scripts/bundle.ts [entry.ts ...]   (default: the API and the worker)
 * An entry `<dir>/…/<name>.ts` is written to `<dir>/dist/<name>.mjs`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const SERVICE_ENTRIES = ['server/src/index.ts', 'worker/src/index.ts'] as const;

/** Where {@link bundle} writes an entry (relative to the repository): `<top dir>/dist/<name>.mjs`. */
export function bundledPath(entry: string): string {
  const [top] = entry.split('/');
  return `${top}/dist/${path.basename(entry).replace(/\.tsx?$/, '')}.mjs`;
}

/** Every bare import but the workspaces' own (`@iq/…`) stays an import of node_modules. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@iq/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Modules find their files next to them (`new URL('../lua/', import.meta.url)`, the lexicon
 * through `createRequire(import.meta.url)`). In a bundle `import.meta.url` is the bundle's,
 * so each source's occurrences become its own location, relative to the bundle: the
 * repository can still be moved after a build.
 */
function sourceLocatedImportMeta(outFile: string): Plugin {
  return {
    name: 'source-located-import-meta',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const relative = path.relative(path.dirname(outFile), args.path).split(path.sep).join('/');
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/** Bundles each entry (paths relative to the repository); resolves to the written files. */
export async function bundle(entries: readonly string[] = SERVICE_ENTRIES): Promise<string[]> {
  return Promise.all(
    entries.map(async (entry) => {
      const outfile = path.join(repoRoot, bundledPath(entry));
      await build({
        entryPoints: [path.join(repoRoot, entry)],
        outdir: path.dirname(outfile),
        entryNames: '[name]',
        // Code split at dynamic imports: a lazily imported module (the transformer scorer)
        // becomes a chunk of its own, loaded with the packages it imports only when used.
        // Chunks sit beside the entry, so import.meta.url-relative paths hold for them too.
        splitting: true,
        chunkNames: '[name]-[hash]',
        outExtension: { '.js': '.mjs' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // Readable stack traces without a source-map runtime: names and layout are kept.
        minify: false,
        sourcemap: 'linked',
        logLevel: 'warning',
        plugins: [externalPackages, sourceLocatedImportMeta(outfile)],
      });
      return outfile;
    }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const written = await bundle(args.length ? args : SERVICE_ENTRIES);
  for (const file of written) console.log(`bundled ${path.relative(repoRoot, file)}`);
}
