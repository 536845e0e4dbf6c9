import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { validateEInvoice } from '../../src/adapters/einvoice-validation/validate-einvoice.js';
import { renderPdfInvoice } from '../../src/adapters/rendering/pdf-invoice.js';
import { renderUblInvoice } from '../../src/adapters/rendering/ubl-invoice.js';
import { unrecordableFields } from '../../src/domain/events.js';
import { orderSubmissionSchema } from '../../src/domain/order/order.js';
import { calendarDate, isCalendarDate } from '../../src/domain/shared/schemas.js';
import { cleanText, identifierText } from '../../src/domain/shared/text.js';
import { frameworkErrorHandler, registerProblemHandlers } from '../../src/http/problem.js';
import { registerAuditTrailBodyParser } from '../../src/http/routes/exports.js';
import { pdfPageTexts } from '../adapters/rendering/pdf-text.js';
import { unicodeInvoice } from '../fixtures/invoices/unicode-lines.js';
import { orderBody } from '../support/test-stack.js';
import { problemOf } from './harness.js';

/** The defects the API fuzzer found, each pinned down without the whole stack. */
describe('defects found by the API fuzzer', () => {
  it('keeps "&amp;", "&x;" and "&#0;" in a name as written in the UBL, which stays valid', async () => {
    const invoice = unicodeInvoice(1);
    for (const name of ['Tom &amp; Jerry', 'A &x; B', 'A &#0; B', 'Q&A &lt;b&gt;']) {
      const ubl = renderUblInvoice({ ...invoice, buyer: { ...invoice.buyer, name } });
      const escaped = name.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      expect(ubl).toContain(`<cbc:RegistrationName>${escaped}</cbc:RegistrationName>`);
      expect((await validateEInvoice(ubl)).errors).toEqual([]);
    }
  });

  it('maps "z" in a later PDF after an earlier one drew "ź" (a composite of "z") in the same font', async () => {
    const invoice = unicodeInvoice(1);
    const buyerLine = async (name: string) => {
      const pdf = await renderPdfInvoice({ ...invoice, buyer: { ...invoice.buyer, name } });
      const text = (await pdfPageTexts(pdf)).join('\n');
      return text.split('\n')[text.split('\n').indexOf('Customer') + 1];
    };
    expect(await buyerLine('Łódź')).toBe('Łódź');
    expect(await buyerLine('Sz zz')).toBe('Sz zz');
  });

  it('cleans U+FFFE and U+FFFF, which XML 1.0 cannot carry, to U+FFFD like a lone surrogate', () => {
    expect(cleanText('a\uFFFEb\uFFFFc')).toBe('a\uFFFDb\uFFFDc');
    expect(identifierText(10).safeParse('a\uFFFE').success).toBe(false);
  });

  it('refuses an event holding U+0000 or an unpaired surrogate, which jsonb cannot store, with the field', () => {
    const data = {
      tenantId: 't',
      name: 'A\u0000B',
      createdAt: '2026-12-01T00:00:00.000Z',
    };
    expect(unrecordableFields('TenantCreated', data)).toEqual([
      { field: 'name', message: 'must not contain U+0000 or unpaired surrogates' },
    ]);
    expect(unrecordableFields('TenantCreated', { ...data, name: 'A\uD800' })).toHaveLength(1);
    expect(unrecordableFields('TenantCreated', { ...data, name: 'A 😀 B' })).toEqual([]);
  });

  it('refuses an exchange rate dated on a day that does not exist, which would be printed on the invoice', () => {
    const order = (date: string) =>
      orderBody('rate-date', { currency: 'USD', exchangeRate: { rate: '1.0850', date, source: 'ECB' } });
    const issues = orderSubmissionSchema.safeParse(order('2026-02-30')).error?.issues ?? [];
    expect(issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['exchangeRate.date', 'must be a date that exists'],
    ]);
    expect(orderSubmissionSchema.safeParse(order('2026-02-27')).success).toBe(true);
  });

  it('takes only dates that exist, in four-digit years, for report and export ranges', () => {
    for (const date of ['2026-02-28', '2024-02-29', '1000-01-01', '9999-12-30'])
      expect(isCalendarDate(date)).toBe(true);
    for (const date of [
      '2026-02-30',
      '2026-02-29',
      '0000-01-01',
      '0099-05-05',
      '9999-12-31',
      '2026-13-01',
      '2026-1-1',
    ]) {
      expect(isCalendarDate(date)).toBe(false);
    }
    expect(calendarDate.safeParse('2026-11-20').success).toBe(true);
  });

  it('answers a URL the router cannot decode, and a too long path parameter, with problem+json', async () => {
    const app = Fastify({ frameworkErrors: frameworkErrorHandler });
    registerProblemHandlers(app);
    app.get('/v1/orders/:id', async () => ({ ok: true }));
    for (const url of ['/v1/orders/%zz', '/v1/orders/%ED%A0%80', `/v1/orders/${'a'.repeat(5_000)}`]) {
      const res = await app.inject({ method: 'GET', url });
      expect([400, 414]).toContain(res.statusCode);
      expect(problemOf(res.headers['content-type'], res.body, res.statusCode)).toBeUndefined();
    }
    await app.close();
  });

  it('streams text/plain and JSON Lines to the audit-trail check only; a JSON route refuses them (415)', async () => {
    const app = Fastify();
    registerProblemHandlers(app);
    registerAuditTrailBodyParser(app);
    app.post('/v1/exports/audit-trail/verify', async (request) => {
      let length = 0;
      for await (const chunk of request.body as AsyncIterable<Buffer>) length += chunk.length;
      return { length };
    });
    app.patch('/v1/channels/:id', async (request) => ({ body: request.body ?? null }));
    const verify = await app.inject({
      method: 'POST',
      url: '/v1/exports/audit-trail/verify',
      headers: { 'content-type': 'text/plain' },
      payload: 'line 1\nline 2\n',
    });
    expect(verify.json()).toEqual({ length: 14 });
    for (const type of ['text/plain', 'application/x-ndjson']) {
      const res = await app.inject({
        method: 'PATCH',
        url: '/v1/channels/x',
        headers: { 'content-type': type },
        payload: 'garbage',
      });
      expect(res.statusCode).toBe(415);
      expect(problemOf(res.headers['content-type'], res.body, 415)).toBeUndefined();
    }
    await app.close();
  });
});
