import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTenant,
  eventually,
  orderBody,
  SELLER,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';
import { validateAgainstUblXsd } from '../support/ubl-xsd.js';

interface DocumentJson {
  id: string;
  type: string;
  number: string;
  status: string;
  issueDate: string;
  correctsInvoiceId?: string;
  correctsInvoiceNumber?: string;
  totals: Record<string, string>;
  vatBreakdown: { category: string; rate: string; taxable: string; vat: string }[];
  lines: { id: string; quantity: string; net: string }[];
}

describe('credit notes through the API (PGlite, real Temporal, real SMTP)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('pglite');
    tenant = await createTenant(t.app, 'Returns Shop');
  });
  afterAll(async () => t?.stop());

  const get = async (id: string) =>
    (
      await t.app.inject({ method: 'GET', url: `/v1/invoices/${id}`, headers: bearer(tenant.apiKey) })
    ).json() as DocumentJson;
  const booked = (id: string) =>
    eventually(async () => ((await get(id)).status === 'booked' ? get(id) : undefined));
  const invoiceFor = async (externalId: string) => {
    const posted = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: bearer(tenant.apiKey),
      payload: orderBody(externalId),
    });
    const orderId = (posted.json() as { id: string }).id;
    const order = await eventually(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/orders/${orderId}`,
        headers: bearer(tenant.apiKey),
      });
      const body = res.json() as { invoiceId: string | null };
      return body.invoiceId ?? undefined;
    });
    return booked(order);
  };
  const credit = (invoiceId: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/invoices/${invoiceId}/credit-notes`,
      headers: { ...bearer(tenant.apiKey), ...headers },
      payload,
    });

  it('cancels an invoice in full with a credit note of its own series that mirrors it, then renders, mails and books it', async () => {
    const invoice = await invoiceFor('cn-1');
    const res = await credit(invoice.id, {});
    expect(res.statusCode).toBe(201);
    const note = res.json() as DocumentJson;
    expect(note).toMatchObject({
      type: 'credit_note',
      correctsInvoiceId: invoice.id,
      correctsInvoiceNumber: invoice.number,
    });
    expect(note.number).toMatch(/^C\d{4}-000001$/);
    const { prepaid: _prepaid, payable: _payable, ...amounts } = invoice.totals;
    expect(note.totals).toMatchObject(amounts);
    // The paid original is refunded: nothing prepaid on the credit note, the whole amount due back.
    expect(note.totals).toMatchObject({ prepaid: '0.00', payable: invoice.totals.gross });
    expect(note.vatBreakdown).toEqual(invoice.vatBreakdown);

    const processed = await booked(note.id);
    expect(processed.status).toBe('booked');
    const ubl = await t.app.inject({
      method: 'GET',
      url: `/v1/invoices/${note.id}/ubl`,
      headers: bearer(tenant.apiKey),
    });
    expect(ubl.body).toContain('<CreditNote');
    expect(ubl.body).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
    expect((await validateAgainstUblXsd(ubl.body, 'CreditNote')).errors).toEqual([]);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/v1/invoices/${note.id}/pdf`,
      headers: bearer(tenant.apiKey),
    });
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(t.mail.messages.some((m) => m.raw.includes(`Creditnota ${note.number}`))).toBe(true);

    const again = await credit(invoice.id, {});
    expect(again.statusCode).toBe(400);
  });

  it('credits part of a line, then an amount, never more than is left', async () => {
    const invoice = await invoiceFor('cn-2');
    // Line 1: 2 × 12.50 − 1.00 = 24.00 at 9 %; credit one of the two → 12.00 net.
    const byLine = await credit(invoice.id, { lines: [{ lineId: '1', quantity: '1' }], reason: 'Retour' });
    expect(byLine.statusCode).toBe(201);
    const lineNote = byLine.json() as DocumentJson;
    expect(lineNote.lines.map((l) => [l.id, l.quantity, l.net])).toEqual([['1', '1', '12.00']]);
    expect(lineNote.number).toMatch(/-000002$/);

    const tooMany = await credit(invoice.id, { lines: [{ lineId: '1', quantity: '2' }] });
    expect(tooMany.statusCode).toBe(400);
    expect((tooMany.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'lines.0.quantity',
    ]);

    const byAmount = await credit(invoice.id, { amount: '5.00', reason: 'Coulance' });
    expect(byAmount.statusCode).toBe(201);
    expect((byAmount.json() as DocumentJson).totals.gross).toBe('5.00');

    const tooMuch = await credit(invoice.id, { amount: '1000.00', reason: 'Te veel' });
    expect(tooMuch.statusCode).toBe(400);
  });

  it('lets only one of several concurrent full credit notes through, and repeats an Idempotency-Key answer', async () => {
    const invoice = await invoiceFor('cn-3');
    const results = await Promise.all(Array.from({ length: 5 }, () => credit(invoice.id, {})));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400]);

    const other = await invoiceFor('cn-4');
    const first = await credit(other.id, { amount: '1.00', reason: 'x' }, { 'idempotency-key': 'refund-1' });
    const repeat = await credit(other.id, { amount: '1.00', reason: 'x' }, { 'idempotency-key': 'refund-1' });
    expect(first.statusCode).toBe(201);
    expect((repeat.json() as DocumentJson).id).toBe((first.json() as DocumentJson).id);
  });

  it('numbers with the tenant’s own series format, which is frozen once documents carry it', async () => {
    const shop = await createTenant(t.app, 'Numbered Shop');
    const numbering = {
      invoicePrefix: 'WS{YYYY}-',
      creditNotePrefix: 'CN{YYYY}-',
      yearlyRestart: true,
      digits: 5,
    };
    const put = (payload: object) =>
      t.app.inject({ method: 'PUT', url: '/v1/settings/seller', headers: bearer(shop.apiKey), payload });
    expect((await put({ ...SELLER, numbering })).statusCode).toBe(200);
    const posted = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: bearer(shop.apiKey),
      payload: orderBody('ws-1'),
    });
    const orderId = (posted.json() as { id: string }).id;
    const invoiceId = await eventually(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/orders/${orderId}`,
        headers: bearer(shop.apiKey),
      });
      return (res.json() as { invoiceId: string | null }).invoiceId ?? undefined;
    });
    const invoice = (
      await t.app.inject({ method: 'GET', url: `/v1/invoices/${invoiceId}`, headers: bearer(shop.apiKey) })
    ).json() as DocumentJson;
    expect(invoice.number).toMatch(/^WS\d{4}-00001$/);
    const note = await t.app.inject({
      method: 'POST',
      url: `/v1/invoices/${invoiceId}/credit-notes`,
      headers: bearer(shop.apiKey),
      payload: {},
    });
    expect((note.json() as DocumentJson).number).toMatch(/^CN\d{4}-00001$/);

    const changed = await put({ ...SELLER, numbering: { ...numbering, yearlyRestart: false } });
    expect(changed.statusCode).toBe(400);
    expect((changed.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'numbering',
    ]);
  });

  it('answers 404 for an unknown invoice and refuses to credit a credit note', async () => {
    expect((await credit('00000000-0000-4000-8000-000000000000', {})).statusCode).toBe(404);
    const invoice = await invoiceFor('cn-5');
    const note = (await credit(invoice.id, { amount: '1.00', reason: 'x' })).json() as DocumentJson;
    expect((await credit(note.id, {})).statusCode).toBe(404);
  });
});
