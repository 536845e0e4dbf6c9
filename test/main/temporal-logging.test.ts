import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../src/domain/shared/errors.js';
import { createLogger } from '../../src/main/logger.js';
import { TemporalJsonLogger } from '../../src/main/temporal-logging.js';

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly activityType?: string;
  readonly failure?: { type: string; message: string };
  readonly err?: { type: string; message: string; stack: string };
}

/** Runs a failing activity the way the worker does, and returns what the SDK logged about it. */
async function logsOfFailingActivity(error: Error): Promise<{ raw: string[]; lines: LogLine[] }> {
  const raw: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => raw.push(line) } });
  const env = new MockActivityEnvironment(
    { activityType: 'verifyBuyerVatId' },
    { logger: new TemporalJsonLogger(logger) },
  );
  await expect(
    env.run(async () => {
      throw error;
    }),
  ).rejects.toThrow(error.message);
  return { raw, lines: raw.map((line) => JSON.parse(line) as LogLine) };
}

describe('worker logs (the Temporal SDK through our JSON logger)', () => {
  it('logs VIES being down as one line, without a stack', async () => {
    const { raw, lines } = await logsOfFailingActivity(
      new DependencyUnavailableError('VIES is unavailable for DE (MS_UNAVAILABLE)'),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Activity failed',
        activityType: 'verifyBuyerVatId',
        failure: {
          type: 'DependencyUnavailableError',
          message: 'VIES is unavailable for DE (MS_UNAVAILABLE)',
        },
      }),
    ]);
    expect(raw.join('')).not.toContain('stack');
    expect(raw.join('')).not.toContain('\\n    at ');
  });

  it('logs a refused order (a ValidationError turned Temporal failure) as one line, without a stack', async () => {
    const { raw, lines } = await logsOfFailingActivity(
      ApplicationFailure.create({
        type: 'ValidationError',
        message: 'The seller settings lack a VAT ID',
        nonRetryable: true,
      }),
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        failure: { type: 'ValidationError', message: 'The seller settings lack a VAT ID' },
      }),
    ]);
    expect(raw.join('')).not.toContain('stack');
  });

  it('logs a bug with its stack', async () => {
    const { lines } = await logsOfFailingActivity(
      new TypeError("Cannot read properties of undefined (reading 'lines')"),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'Activity failed', err: { type: 'TypeError' } });
    expect(lines[0]!.err!.stack).toContain('\n    at ');
  });
});
