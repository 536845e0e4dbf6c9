import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/main/config.js';
import { productionOptions } from '../../src/main/production-options.js';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  image?: string;
  build?: string;
}

/**
 * No Docker engine runs here, so the production stack is checked for consistency instead: every
 * app service's environment must pass our own config schema, and every host it names must be a service.
 */
describe('docker-compose.yml (production-shaped stack)', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const environmentOf = (service: ComposeService) =>
    Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([key, value]) => [
        key,
        // As compose interpolates with nothing set but ADMIN_API_KEY: `${X:-default}` → default.
        String(value)
          .replace(/\$\{ADMIN_API_KEY[^}]*\}/, 'compose-admin-key-0123456789')
          .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );

  it.each(['api', 'worker'])(
    '%s runs an existing entry point with a configuration our schema accepts',
    (name) => {
      const service = compose.services[name]!;
      expect(service.build).toBe('.');
      const entry = service.command!.at(-1)!;
      expect(existsSync(entry)).toBe(true);

      const env = environmentOf(service);
      const config = loadConfig(env);
      expect(config.EVENT_STORE).toBe('eventstoredb');
      const options = productionOptions(config, { api: name === 'api', worker: name === 'worker' });
      expect(options.eventStoreDbConnectionString).toMatch(/^esdb:\/\//);
      expect(options.database).toMatchObject({ kind: 'postgres' });
      options.mailer.close();

      for (const url of [
        env.EVENTSTORE_CONNECTION_STRING!,
        env.DATABASE_URL!,
        env.SMTP_URL!,
        `tcp://${env.TEMPORAL_ADDRESS}`,
      ]) {
        const host = new URL(url).hostname;
        expect(Object.keys(compose.services)).toContain(host);
        expect(Object.keys(service.depends_on ?? {})).toContain(host);
      }
    },
  );

  it('runs the infrastructure the app needs: EventStoreDB, PostgreSQL, Temporal with its UI', () => {
    expect(compose.services.eventstore?.image).toMatch(/^eventstore\/eventstore:/);
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
    expect(compose.services.temporal?.image).toMatch(/^temporalio\//);
    expect(compose.services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
  });
});
