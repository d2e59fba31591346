/**
 * The records CLI.
 *   npm run records -- build [--out DIR] [--quiet] [SOURCE...]   (default: data/ → public/index)
 *   npm run records -- match [--index DIR]          titles on stdin → one JSON line each
 *   npm run records -- author [--index DIR] "NAME"  the name's cluster as JSON
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildIndex } from '../src/records/build-index';
import { RecordIndex } from '../src/records/record-index';

const DEFAULT_SOURCES = ['data'];
const DEFAULT_INDEX = 'public/index';
const USAGE = `usage:
  npm run records -- build [--out DIR] [--quiet] [SOURCE...]
  npm run records -- match [--index DIR] < titles.txt
  npm run records -- author [--index DIR] "NAME"`;

async function loadIndex(dir: string): Promise<RecordIndex> {
  try {
    return await RecordIndex.load((name) => readFile(join(dir, name), 'utf8'));
  } catch (error) {
    throw new Error(`cannot load the index in ${dir}: ${(error as Error).message} (run \`npm run records -- build\` first)`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, index: { type: 'string' }, quiet: { type: 'boolean' } },
  });
  switch (command) {
    case 'build': {
      const report = buildIndex(positionals.length ? positionals : DEFAULT_SOURCES, values.out ?? DEFAULT_INDEX);
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
