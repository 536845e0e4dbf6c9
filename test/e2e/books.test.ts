import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkXafXmlReferences } from '../../src/adapters/exports/xaf/xaf-xml-check.js';
import { validateXafAgainstXsd } from '../../src/adapters/exports/xaf/xaf-xsd.js';
import { toAmsterdamDate } from '../../src/domain/shared/dates.js';
import { readModelProjections } from '../../src/main/stack.js';
import { readModelSnapshot, rebuildReadModels } from '../../src/projections/rebuild.js';
import {
  bearer,
  createTenant,
  eventually,
  orderBody,
  SELLER,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';

const amsterdam = { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' };
const berlin = { street: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', countryCode: 'DE' };
const line = (unitPrice: string, vatClass = 'standard') => ({
  description: 'Artikel',
  quantity: '1',
  unitPrice,
  vatClass,
});
const month = (isoDate: string) => isoDate.slice(0, 7);
const quarter = (isoDate: string) => `${isoDate.slice(0, 4)}-Q${Math.ceil(Number(isoDate.slice(5, 7)) / 3)}`;
const utcDate = (instant: Date | string) => new Date(instant).toISOString().slice(0, 10);

describe('books and accountants: ledger, VAT return, ICP, OSS, receivables (PostgreSQL, real Temporal)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  let accountant: string;
  // No date here comes from the test's own clock: every period and range is derived from the dates the
  // system actually gave the documents. The workflow dates the invoices (Temporal's clock), the API the
  // credit note (the API's clock); at a month boundary, or with only one of the clocks shifted, the two
  // can fall in different periods, and then each period must hold exactly its own documents.
  let issueDateOf: string[]; // issue dates of the six invoices b-1 … b-6, in order
  let invoiceDates: string[]; // the distinct ones (one day, unless run across midnight)
  let invoiceDate: string; // the last of them
  let creditNoteDate: string; // issue date of the credit note of b-1
  let period: string; // the month of the invoices
  let creditNotePeriod: string;
  /** Booking dates of the paid orders' payments: the orders' own paidAt (fixed test data). */
  const orderPaymentDate = toAmsterdamDate(orderBody('x').payment.paidAt);

  beforeAll(async () => {
    t = await startTestStack('postgres');
    tenant = await createTenant(t.app, 'Books Shop');
    await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(tenant.apiKey),
      payload: { ...SELLER, ossRegistered: true, ossThresholdExceeded: true },
    });
    t.vies.validVatIds.add('DE136695976');
    const orders = [
      orderBody('b-1', {
        customer: { name: 'Jan', email: 'jan@example.nl', address: amsterdam },
        lines: [line('100.00'), line('50.00', 'reduced')],
        shipping: undefined,
      }),
      orderBody('b-2', {
        customer: { name: 'Erika', address: berlin },
        lines: [line('200.00')],
        shipping: undefined,
      }),
      orderBody('b-3', {
        customer: { name: 'Max', companyName: 'Muster GmbH', vatId: 'DE136695976', address: berlin },
        lines: [line('300.00')],
        shipping: undefined,
      }),
      orderBody('b-4', {
        customer: {
          name: 'Joe',
          address: { street: '5th Ave 1', postalCode: '10001', city: 'New York', countryCode: 'US' },
        },
        lines: [line('400.00')],
        shipping: undefined,
      }),
      orderBody('b-5', {
        customer: { name: 'Piet', address: amsterdam },
        lines: [line('10.00')],
        shipping: undefined,
        payment: { status: 'unpaid' },
      }),
      orderBody('b-6', {
        currency: 'USD',
        exchangeRate: { rate: '1.0850', date: '2026-11-19', source: 'ECB' },
        customer: { name: 'Ann', address: amsterdam },
        lines: [line('108.50')],
        shipping: undefined,
      }),
    ];
    const invoiceIds: string[] = [];
    for (const body of orders) {
      const posted = await t.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: bearer(tenant.apiKey),
        payload: body,
      });
      const orderId = (posted.json() as { id: string }).id;
      invoiceIds.push(
        await eventually(async () => {
          const res = await t.app.inject({
            method: 'GET',
            url: `/v1/orders/${orderId}`,
            headers: bearer(tenant.apiKey),
          });
          return (res.json() as { invoiceId: string | null }).invoiceId ?? undefined;
        }),
      );
    }
    const note = await t.app.inject({
      method: 'POST',
      url: `/v1/invoices/${invoiceIds[0]}/credit-notes`,
      headers: bearer(tenant.apiKey),
      payload: {},
    });
    invoiceIds.push((note.json() as { id: string }).id);
    creditNoteDate = (note.json() as { issueDate: string }).issueDate;
    await eventually(async () => {
      const rows = await t.stack.db
        .selectFrom('invoices')
        .select('status')
        .where('tenant_id', '=', tenant.id)
        .execute();
      return rows.length === 7 && rows.every((r) => r.status === 'booked') ? true : undefined;
    }, 30_000);
    await t.stack.projections!.waitForPosition(
      BigInt(
        (await sql<{ p: string }>`select max(position)::text as p from events`.execute(t.stack.db)).rows[0]!
          .p,
      ),
      10_000,
    );
    issueDateOf = [];
    for (const id of invoiceIds.slice(0, 6)) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${id}`,
        headers: bearer(tenant.apiKey),
      });
      issueDateOf.push((res.json() as { issueDate: string }).issueDate);
    }
    invoiceDates = [...new Set(issueDateOf)].sort();
    invoiceDate = invoiceDates.at(-1)!;
    period = month(invoiceDate);
    creditNotePeriod = month(creditNoteDate);
    if (new Set(invoiceDates.map(month)).size > 1)
      throw new Error(`the invoices were issued across a month boundary (${invoiceDates}): run again`);
    const key = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.apiKey),
      payload: { role: 'accountant' },
    });
    accountant = (key.json() as { apiKey: string }).apiKey;
  }, 90_000);
  afterAll(async () => t?.stop());

  const report = async (path: string) => {
    const res = await t.app.inject({ method: 'GET', url: path, headers: bearer(accountant) });
    expect(res.statusCode).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  /** Booking dates of the later payments, once the test that records them has run. */
  const laterPaymentDates: string[] = [];
  /** The first and the last booking date of everything the tenant booked (YYYY-MM-DD, both inclusive). */
  const bookings = () => {
    const dates = [orderPaymentDate, ...invoiceDates, creditNoteDate, ...laterPaymentDates].sort();
    return { from: dates[0]!, to: dates.at(-1)! };
  };

  it('fills the VAT return boxes exactly from the period’s invoices and credit notes', async () => {
    type Boxes = Record<string, { taxable: string; vat: string; documents?: number }>;
    const vatReturn = async (p: string) =>
      ((await report(`/v1/reports/vat-return?period=${p}`)) as { boxes: Boxes }).boxes;
    const traced = async (p: string) =>
      (
        (await report(`/v1/reports/vat-return/documents?period=${p}&box=1a`)) as {
          documents: { taxable: string }[];
        }
      ).documents
        .map((d) => d.taxable)
        .sort();
    // The invoices: 1a 100.00 (b-1) + 10.00 (b-5) + 100.00 (b-6: 108.50 USD / 1.0850) = 210.00,
    //   VAT 21.00 + 2.10 + 21.00 (22.79 USD → 21.00 EUR) = 44.10; 1b 50.00 / 4.50 (b-1);
    //   3a 400.00 (b-4, export); 3b 300.00 (b-3, intra-EU); b-2 is in the OSS return, not here.
    // The credit note of b-1 takes 100.00 / 21.00 off 1a and 50.00 / 4.50 off 1b, in its own period.
    const boxes = await vatReturn(period);
    if (creditNotePeriod === period) {
      expect(boxes['1a']).toEqual({ taxable: '110.00', vat: '23.10', documents: 4 });
      expect(boxes['1b']).toMatchObject({ taxable: '0.00', vat: '0.00' });
      expect(boxes['5a']).toEqual({ taxable: '0.00', vat: '23.10' });
      expect(await traced(period)).toEqual(['-100.00', '10.00', '100.00', '100.00']);
    } else {
      expect(boxes['1a']).toEqual({ taxable: '210.00', vat: '44.10', documents: 3 });
      expect(boxes['1b']).toMatchObject({ taxable: '50.00', vat: '4.50' });
      expect(boxes['5a']).toEqual({ taxable: '0.00', vat: '48.60' }); // 44.10 + 4.50
      expect(await traced(period)).toEqual(['10.00', '100.00', '100.00']);
      const credited = await vatReturn(creditNotePeriod);
      expect(credited['1a']).toEqual({ taxable: '-100.00', vat: '-21.00', documents: 1 });
      expect(credited['1b']).toMatchObject({ taxable: '-50.00', vat: '-4.50' });
      expect(credited['3a']).toMatchObject({ taxable: '0.00' });
      expect(credited['5a']).toEqual({ taxable: '0.00', vat: '-25.50' });
      expect(await traced(creditNotePeriod)).toEqual(['-100.00']);
    }
    expect(boxes['3a']).toMatchObject({ taxable: '400.00', vat: '0.00' });
    expect(boxes['3b']).toMatchObject({ taxable: '300.00', vat: '0.00' });
    const byQuarter = await vatReturn(quarter(invoiceDate));
    expect(byQuarter['5a']!.vat).toBe(quarter(creditNoteDate) === quarter(invoiceDate) ? '23.10' : '48.60');
  });

  it('lists the intra-EU supply in the ICP listing and the German distance sale in the OSS return', async () => {
    const icp = (await report(`/v1/reports/icp?period=${period}`)) as { lines: unknown[]; total: string };
    expect(icp.lines).toEqual([
      {
        vatId: 'DE136695976',
        countryCode: 'DE',
        kind: 'goods',
        amount: '300.00',
        documents: [expect.any(String)],
      },
    ]);
    expect(icp.total).toBe('300.00');
    const oss = (await report(`/v1/reports/oss?period=${period}`)) as { lines: unknown[] };
    expect(oss.lines).toEqual([{ countryCode: 'DE', rate: '19', taxable: '200.00', vat: '38.00' }]);
    const csv = await t.app.inject({
      method: 'GET',
      url: `/v1/reports/oss?period=${period}&format=csv`,
      headers: bearer(accountant),
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\n')).toEqual(['countryCode,rate,taxable,vat', 'DE,19,200.00,38.00']);
  });

  it('keeps a balanced double-entry ledger that reconciles with the invoices', async () => {
    const entries = await t.stack.db
      .selectFrom('journal_lines')
      .select([
        'entry_id',
        sql<string>`sum(debit)::text`.as('debit'),
        sql<string>`sum(credit)::text`.as('credit'),
      ])
      .where('tenant_id', '=', tenant.id)
      .groupBy('entry_id')
      .execute();
    expect(entries.length).toBe(7 + 5); // 7 sales entries, 5 payments (b-5 unpaid, credit note refund pending)
    for (const e of entries) expect(e.debit).toBe(e.credit);

    const receivables = (await report('/v1/reports/open-receivables')) as {
      total: string;
      lines: { bookingDate: string; document_type: string; open: string }[];
    };
    // b-5 unpaid: 10.00 + 2.10 = 12.10 open; the credit note of the paid b-1 (150.00 + 25.50) is owed back.
    // Oldest booking first (on the same day the invoice number sorts before the credit note's C…).
    const expected = [
      [issueDateOf[4]!, 'invoice', '12.10'],
      [creditNoteDate, 'credit_note', '-175.50'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(receivables.lines.map((l) => [l.bookingDate, l.document_type, l.open])).toEqual(expected);
    expect(receivables.total).toBe('-163.40');

    const revenue = async (p: string) =>
      (
        (await report(`/v1/reports/revenue-by-channel?period=${p}`)) as {
          lines: { channel: string; net: string }[];
        }
      ).lines;
    // net 150 + 200 + 300 + 400 + 10 + 100 = 1160.00; VAT 25.50 + 38.00 + 2.10 + 21.00 = 86.60;
    // the credit note of b-1 takes 150.00 / 25.50 off in its own period: 1010.00 / 61.10 together.
    if (creditNotePeriod === period) {
      expect(await revenue(period)).toEqual([{ channel: 'api', net: '1010.00', vat: '61.10', documents: 7 }]);
    } else {
      expect(await revenue(period)).toEqual([{ channel: 'api', net: '1160.00', vat: '86.60', documents: 6 }]);
      expect(await revenue(creditNotePeriod)).toEqual([
        { channel: 'api', net: '-150.00', vat: '-25.50', documents: 1 },
      ]);
    }

    const journal = await t.app.inject({
      method: 'GET',
      url: `/v1/exports/journal.csv?from=${bookings().from}&to=${bookings().to}`,
      headers: bearer(accountant),
    });
    expect(journal.statusCode).toBe(200);
    expect(journal.body.split('\n')[0]).toBe(
      'booking_date,journal,entry_id,line_no,document_number,document_type,customer_id,account,account_name,debit,credit,vat_category,vat_rate',
    );
  });

  it('shows the chart of accounts in use with RGS codes, and the tenant’s own numbers', async () => {
    const { accounts } = (await report('/v1/ledger/accounts')) as {
      accounts: { key: string; number: string; rgsCode: string; type: string }[];
    };
    expect(accounts.find((a) => a.key === 'BVorDebHad')).toMatchObject({
      number: 'BVorDebHad',
      rgsCode: 'BVorDebHad',
      type: 'B',
    });
    expect(accounts.find((a) => a.key === 'BSchBepBtwOss-DE')).toMatchObject({
      rgsCode: 'BSchBepBtwOss',
      type: 'B',
    });
    expect(accounts.find((a) => a.key === 'WOmzNohOlh')).toMatchObject({ type: 'P' });
    await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(tenant.apiKey),
      payload: {
        ...SELLER,
        ossRegistered: true,
        ossThresholdExceeded: true,
        chartOfAccounts: { BVorDebHad: { number: '1300', name: 'Debiteuren' } },
      },
    });
    const after = (await report('/v1/ledger/accounts')) as { accounts: { key: string; number: string }[] };
    expect(after.accounts.find((a) => a.key === 'BVorDebHad')?.number).toBe('1300');
  });

  it('books payments received later and refunds paid out, settling the receivables', async () => {
    const open = (await report('/v1/reports/open-receivables')) as {
      lines: { document_id: string; document_type: string }[];
    };
    const unpaid = open.lines.find((l) => l.document_type === 'invoice')!.document_id;
    const refund = open.lines.find((l) => l.document_type === 'credit_note')!.document_id;
    const pay = (id: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/invoices/${id}/payments`,
        headers: bearer(tenant.apiKey),
        payload,
      });
    // Received on the day the invoice was issued, refunded on the day of the credit note.
    laterPaymentDates.push(invoiceDate, creditNoteDate);
    const tooMuch = await pay(unpaid, {
      amount: '12.11',
      paidAt: `${invoiceDate}T09:00:00Z`,
      method: 'bank_transfer',
    });
    expect(tooMuch.statusCode).toBe(400);
    const first = await pay(unpaid, {
      amount: '12.10',
      paidAt: `${invoiceDate}T09:00:00Z`,
      method: 'bank_transfer',
      reference: 'BANK-1',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ paidEur: '12.10' });
    const again = await pay(unpaid, {
      amount: '12.10',
      paidAt: `${invoiceDate}T09:00:00Z`,
      method: 'bank_transfer',
      reference: 'BANK-1',
    });
    expect(again.json()).toEqual(first.json());
    expect(
      (await pay(refund, { amount: '175.50', paidAt: `${creditNoteDate}T10:00:00Z`, reference: 'REFUND-1' }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/v1/invoices/${unpaid}/payments`,
          headers: bearer(accountant),
          payload: { amount: '1.00', paidAt: `${invoiceDate}T09:00:00Z` },
        })
      ).statusCode,
    ).toBe(403);

    await t.stack.projections!.waitForPosition(
      BigInt(
        (await sql<{ p: string }>`select max(position)::text as p from events`.execute(t.stack.db)).rows[0]!
          .p,
      ),
      10_000,
    );
    const settled = (await report('/v1/reports/open-receivables')) as { total: string; lines: unknown[] };
    expect(settled).toMatchObject({ total: '0.00', lines: [] });
  });

  it('gives accountant keys read access only: every write route answers 403', async () => {
    const writes = [
      { method: 'POST' as const, url: '/v1/orders', payload: orderBody('acc-x') },
      { method: 'PUT' as const, url: '/v1/settings/seller', payload: SELLER },
      { method: 'POST' as const, url: '/v1/api-keys', payload: { role: 'accountant' } },
      {
        method: 'POST' as const,
        url: '/v1/invoices/00000000-0000-4000-8000-000000000000/credit-notes',
        payload: {},
      },
    ];
    for (const write of writes) {
      const res = await t.app.inject({ ...write, headers: bearer(accountant) });
      expect(res.statusCode, write.url).toBe(403);
    }
    const invoices = await t.app.inject({ method: 'GET', url: '/v1/invoices', headers: bearer(accountant) });
    expect(invoices.statusCode).toBe(200);
  });

  it('exports an XAF 3.2 auditfile that validates against the official XSD and has no dangling references', async () => {
    // From the first booking to the last: the orders' payments, the documents, the later payments.
    const { from, to } = bookings();
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/exports/xaf?from=${from}&to=${to}`,
      headers: bearer(accountant),
    });
    expect(res.statusCode).toBe(200);
    const xml = res.body;
    const xsd = await validateXafAgainstXsd(xml);
    expect(xsd.errors).toEqual([]);
    expect(checkXafXmlReferences(xml)).toEqual({ ok: true, errors: [] });
    expect(xml).toContain('<leadCode>BVorDebHad</leadCode>');
    expect(xml).toContain('<accID>1300</accID>'); // the tenant's own number for the receivables key
    // 7 sales entries, 5 payments with the orders, 2 later (b-5's payment, the refund)
    expect((xml.match(/<transaction>/g) ?? []).length).toBe(14);
  });

  it('exports the audit trail as a hash chain that detects tampering with one byte', async () => {
    // The range is on the instants the event store recorded (the database's clock), as UTC days.
    const recorded = await t.stack.db
      .selectFrom('events')
      .select((e) => [e.fn.min('recorded_at').as('first'), e.fn.max('recorded_at').as('last')])
      .executeTakeFirstOrThrow();
    const from = utcDate(recorded.first as Date);
    const to = utcDate(recorded.last as Date);
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/exports/audit-trail?from=${from}&to=${to}`,
      headers: bearer(accountant),
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n');
    expect(lines.length).toBeGreaterThan(40);
    const verify = (body: string) =>
      t.app
        .inject({
          method: 'POST',
          url: '/v1/exports/audit-trail/verify',
          headers: { ...bearer(accountant), 'content-type': 'application/x-ndjson' },
          payload: body,
        })
        .then((r) => r.json() as { valid: boolean; count: number; firstInvalidLine?: number });
    const intact = await verify(res.body);
    expect(intact.valid).toBe(true);
    expect(intact.count).toBe(lines.length - 2);

    const middle = Math.floor(lines.length / 2);
    const tampered = [...lines];
    // One byte inside the event data: the first digit after "data" becomes another digit.
    const record = tampered[middle]!;
    const at = record.slice(record.indexOf('"data":')).search(/\d/) + record.indexOf('"data":');
    tampered[middle] = `${record.slice(0, at)}${(Number(record[at]) + 1) % 10}${record.slice(at + 1)}`;
    expect(tampered[middle]).not.toBe(lines[middle]);
    const broken = await verify(`${tampered.join('\n')}\n`);
    expect(broken.valid).toBe(false);
    expect(broken.firstInvalidLine).toBe(middle + 1);
    const removed = await verify(`${lines.filter((_l, i) => i !== middle).join('\n')}\n`);
    expect(removed.valid).toBe(false);
  });

  it('rebuilds the ledger and report tables from zero into exactly the live rows', async () => {
    await t.stack.projections!.stop();
    const tables = ['journal_lines', 'vat_lines', 'customers', 'invoices', 'orders'] as const;
    const live = await readModelSnapshot(t.stack.db, tables);
    await rebuildReadModels(t.stack.db, t.stack.eventStore, readModelProjections);
    const rebuilt = await readModelSnapshot(t.stack.db, tables);
    for (const table of tables) expect(rebuilt.tables[table]).toEqual(live.tables[table]);
    expect(rebuilt.sha256).toBe(live.sha256);
  });
});
