/**
 * Hash-chained audit trail export and verification, e.g.
 *   npm run -s audit-trail -- export --tenant t-1 --from 2026-01-01 --to 2027-01-01 > trail.jsonl
 *   npm run -s audit-trail -- verify < trail.jsonl
 * (`-s` keeps npm's banner out of stdout). Exit codes: 0 done/valid, 1 invalid or failed, 2 usage error.
 */
import { runAuditTrailCli } from '../adapters/exports/audit-trail/audit-trail-cli.js';

try {
  process.exitCode = await runAuditTrailCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  process.stderr.write(`audit-trail: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
