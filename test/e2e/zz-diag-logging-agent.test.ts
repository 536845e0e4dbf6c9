import { afterAll, beforeAll, it } from 'vitest';
import { bearer, createTenant, orderBody, startTestStack, type TestStack } from '../support/test-stack.js';

let t: TestStack;
let tenant: { id: string; apiKey: string };
beforeAll(async () => {
  t = await startTestStack('postgres');
  tenant = await createTenant(t.app, 'Diag');
});
afterAll(async () => t?.stop());

it('diag', async () => {
  const start = Date.now();
  const rs = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: bearer(tenant.apiKey),
        payload: orderBody(`b-${i}`),
      }),
    ),
  );
  console.log('posted', Date.now() - start, rs.map((r) => r.statusCode).join(','));
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const rows = await t.stack.db
      .selectFrom('invoices')
      .select(['status'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    const orders = await t.stack.db
      .selectFrom('orders')
      .select(['status'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    const count = (xs: { status: string }[]) =>
      JSON.stringify(
        xs.reduce<Record<string, number>>((a, r) => ((a[r.status] = (a[r.status] ?? 0) + 1), a), {}),
      );
    console.log(Math.round((Date.now() - start) / 1000), 'invoices', count(rows), 'orders', count(orders));
    if (rows.length === 50 && rows.every((r) => r.status === 'booked')) break;
  }
}, 120_000);
