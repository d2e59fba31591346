/**
 * The records CLI.
 *   npm run records -- build [--out DIR] [--quiet] [--strict] [SOURCE...]   (default: data/ → public/index)
 *     an entry with a problem is left out and listed on stderr; --strict fails the build on it instead;
 *     --if-changed does nothing when the sources and the record code are as at the last build
 *   npm run records -- match [--index DIR]          titles on stdin → one JSON line each
 *   npm run records -- author [--index DIR] "NAME"  the name's cluster as JSON
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildIndex, indexDirReader } from '../src/records/build-index';
import { builtKey, indexBuildKey, recordBuiltKey } from '../src/records/build-cache';
import { RecordIndex } from '../src/records/record-index';

const DEFAULT_SOURCES = ['data'];
const DEFAULT_INDEX = 'public/index';
const USAGE = `usage:
  npm run records -- build [--out DIR] [--quiet] [--strict] [--if-changed] [SOURCE...]
  npm run records -- match [--index DIR] < titles.txt
  npm run records -- author [--index DIR] "NAME"`;

async function loadIndex(dir: string): Promise<RecordIndex> {
  try {
    return await RecordIndex.load(indexDirReader(dir));
  } catch (error) {
    throw new Error(`cannot load the index in ${dir}: ${(error as Error).message} (run \`npm run records -- build\` first)`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, index: { type: 'string' }, quiet: { type: 'boolean' }, strict: { type: 'boolean' }, 'if-changed': { type: 'boolean' } },
  });
  switch (command) {
    case 'build': {
      const sources = positionals.length ? positionals : DEFAULT_SOURCES;
      const out = values.out ?? DEFAULT_INDEX;
      const key = indexBuildKey(process.cwd(), sources, { strict: values.strict ?? false });
      if (values['if-changed'] && builtKey(process.cwd(), out) === key) {
        console.log(`${out} is up to date (sources and record code unchanged)`);
        return 0;
      }
      const report = buildIndex(sources, out, { strict: values.strict });
      if (report.ok) recordBuiltKey(process.cwd(), out, key);
      if (report.ok && report.problems.length > 0) {
        console.error(`left out of the index, each with its problem (--strict fails the build instead):`);
        for (const line of report.problems) console.error(`  ${line}`);
      }
      if (!report.ok) {
        for (const line of report.problems) console.error(line);
        console.error(`records build failed: ${report.problems.length} problem(s); the previous index is unchanged`);
        return 1;
      }
      const lines = values.quiet ? report.log.slice(-1) : report.log;
      for (const line of lines) console.log(line);
      return 0;
    }
    case 'match': {
      const index = await loadIndex(values.index ?? DEFAULT_INDEX);
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        const result = index.matchTitle(line);
        console.log(JSON.stringify({ query: line, id: result?.paper.id ?? null, title: result?.paper.title ?? null, score: result?.score ?? 0, rule: result?.rule ?? null }));
      }
      return 0;
    }
    case 'author': {
      const name = positionals.join(' ');
      if (!name.trim()) {
        console.error('records author: give a name, e.g. npm run records -- author "Lorenzo Basile"');
        return 1;
      }
      const index = await loadIndex(values.index ?? DEFAULT_INDEX);
      const cluster = await index.cluster(name);
      if (!cluster) {
        const close = (await index.suggestAuthors(name, 3)).map((s) => s.name);
        console.error(`no author named "${name}" in the records${close.length ? ` (did you mean: ${close.join(', ')}?)` : ''}`);
        return 1;
      }
      const papers = await Promise.all(
        cluster.papers.map(async (p) => ({ id: p.id, title: p.title, venue: p.venue, year: p.year, type: p.type, authors: p.authors, abstract: (await index.abstractOf(p.id)) ?? '' })),
      );
      console.log(JSON.stringify({ name: cluster.name, papers, authorRows: cluster.authorRows }, null, 2));
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 1 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`records: ${error.message}`);
    process.exitCode = 1;
  },
);
