import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEInvoice } from '../../src/adapters/einvoice-validation/validate-einvoice.js';
import {
  bearer,
  createTenant,
  eventually,
  orderBody,
  SELLER,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';

interface OrderJson {
  status: string;
  invoiceId: string | null;
  reason: string | null;
}

describe('documents are validated before sending (PGlite, real Temporal, real SMTP)', () => {
  let t: TestStack;
  let tenant: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestStack('pglite');
    tenant = await createTenant(t.app, 'Docs Shop');
  });
  afterAll(async () => t?.stop());

  const post = async (body: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: bearer(tenant.apiKey),
      payload: body,
    });
    return (res.json() as { id: string }).id;
  };
  const settled = (orderId: string) =>
    eventually(async () => {
      const order = (
        await t.app.inject({ method: 'GET', url: `/v1/orders/${orderId}`, headers: bearer(tenant.apiKey) })
      ).json() as OrderJson;
      return order.status === 'needs_attention' || order.status === 'invoiced' ? order : undefined;
    });

  it('parks an order whose e-invoice would break a business rule, with the rule id, before numbering, and sends nothing', async () => {
    const mailsBefore = t.mail.messages.length;
    // 9944 is an electronic-address scheme, not an ISO 6523 legal-registration scheme (BR-CL-11).
    const orderId = await post(
      orderBody('bad-scheme', {
        customer: {
          ...orderBody('x').customer,
          email: 'bad-scheme@example.nl',
          peppolId: '0106:87654321',
          companyId: { scheme: '9944', value: 'NL859498522B01' },
        },
      }),
    );
    // Refused before a number was taken: no invoice exists, so nothing can be sent or numbered.
    const order = await settled(orderId);
    expect(order.status).toBe('needs_attention');
    expect(order.reason).toContain('BR-CL-11');
    expect(order.invoiceId).toBeNull();
    const invoices = await t.app.inject({
      method: 'GET',
      url: '/v1/invoices',
      headers: bearer(tenant.apiKey),
    });
    const numbered = (invoices.json() as { items: { orderId: string }[] }).items.map((i) => i.orderId);
    expect(numbered).not.toContain(orderId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.mail.messages.length).toBe(mailsBefore);
  });

  it('carries the PDF inside the UBL when the tenant asks for it, and the UBL inside the PDF always', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/v1/settings/seller',
      headers: bearer(tenant.apiKey),
      payload: {
        ...SELLER,
        embedPdfInUbl: true,
        branding: { accentColor: '#AA3300', footerText: 'Bedankt voor uw bestelling' },
      },
    });
    const order = await settled(await post(orderBody('embed-1')));
    const invoice = await eventually(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${order.invoiceId}`,
        headers: bearer(tenant.apiKey),
      });
      const body = res.json() as { status: string; number: string };
      return body.status === 'booked' ? body : undefined;
    });
    const ubl = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${order.invoiceId}/ubl`,
        headers: bearer(tenant.apiKey),
      })
    ).body;
    expect(ubl).toContain('<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf"');
    const verdict = await validateEInvoice(ubl);
    expect(verdict.errors).toEqual([]);
    const pdf = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${order.invoiceId}/pdf`,
        headers: bearer(tenant.apiKey),
      })
    ).rawPayload;
    const embedded = /<cbc:EmbeddedDocumentBinaryObject[^>]*>([^<]+)</.exec(ubl)![1]!;
    expect(Buffer.from(embedded, 'base64').equals(pdf)).toBe(true);
    expect(pdf.includes(Buffer.from(`${invoice.number}.xml`))).toBe(true);
  });
});
