import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { DevServerStartError } from './dev-server-errors.js';

/**
 * The pid file of a Temporal dev server (`DATA_DIR/temporal.pid`): which server a process started,
 * on which port, so that the next start can stop a server its predecessor left behind instead of
 * adopting it, and never touches a process that is not that server.
 */
export interface DevServerRecord {
  /** The `temporal server start-dev` process. */
  readonly pid: number;
  readonly port: number;
  /** The process that started it; while that one runs, the server is not left behind but in use. */
  readonly parentPid: number;
}

export const writeDevServerRecord = (pidFile: string, record: DevServerRecord): Promise<void> =>
  writeFile(pidFile, `${JSON.stringify(record)}\n`);

/** Removes the pid file if it still describes this server. */
export async function removeDevServerRecord(pidFile: string, pid: number): Promise<void> {
  if ((await readDevServerRecord(pidFile))?.pid === pid) await rm(pidFile, { force: true });
}

/**
 * Stops the dev server a pid file names when it is still running and its parent is gone (the parent
 * was killed with SIGKILL where the server could not be tied to it, see temporal-cli.ts). Returns
 * whether it stopped one. A pid that now belongs to any other process is left alone.
 */
export async function stopLeftoverDevServer(pidFile: string, dbFile: string | undefined): Promise<boolean> {
  const record = await readDevServerRecord(pidFile);
  if (record === undefined) return false;
  const runningServer = () => {
    const info = processInfo(record.pid);
    return info !== undefined && isDevServer(info.commandLine, dbFile) ? info : undefined;
  };
  const leftover = runningServer();
  if (leftover === undefined) {
    await rm(pidFile, { force: true });
    return false;
  }
  if (leftover.parentPid === record.parentPid) {
    throw new DevServerStartError(
      `The Temporal dev server in ${pidFile} (pid ${record.pid}) belongs to process ${record.parentPid}, which is still running: stop that process first, or use another DATA_DIR.`,
    );
  }
  signal(record.pid, 'SIGTERM');
  if (!(await until(() => runningServer() === undefined, 10_000))) {
    signal(record.pid, 'SIGKILL');
    await until(() => runningServer() === undefined, 2_000);
  }
  await rm(pidFile, { force: true });
  return true;
}

async function readDevServerRecord(pidFile: string): Promise<DevServerRecord | undefined> {
  const text = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as Partial<DevServerRecord>;
    const valid = [record.pid, record.port, record.parentPid].every((n) => Number.isInteger(n) && n! > 0);
    return valid ? (record as DevServerRecord) : undefined;
  } catch {
    return undefined;
  }
}

function isDevServer(commandLine: string, dbFile: string | undefined): boolean {
  return commandLine.includes(' server start-dev ') && (dbFile === undefined || commandLine.includes(dbFile));
}

/** A running process's parent and command line; undefined once it has exited (zombies included). */
function processInfo(pid: number): { parentPid: number; commandLine: string } | undefined {
  if (process.platform === 'linux') {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      // The command name in parentheses may contain spaces; the fields after it do not.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return commandLine.trim() === '' ? undefined : { parentPid, commandLine };
    } catch {
      return undefined;
    }
  }
  const ps = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
  const match = /^(\d+)\s+(.*)$/.exec((ps.stdout ?? '').trim());
  return ps.status === 0 && match !== null
    ? { parentPid: Number(match[1]), commandLine: match[2]! }
    : undefined;
}

/** Signals a process that may have exited in the meantime. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
