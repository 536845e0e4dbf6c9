/**
 * `npm run bench [-- N [postgres]]`: the end-to-end benchmark (N orders through the embedded stack),
 * then the document benchmark (PDF and UBL per document size). Each runs in its own process so one
 * does not warm up or slow down the other.
 */
import { spawnSync } from 'node:child_process';

const run = (script: string, args: readonly string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('bench/end-to-end.ts', process.argv.slice(2));
run('bench/documents.ts', []);
