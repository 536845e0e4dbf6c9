import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceWorkflowId } from '../../src/workflows/invoice-order.workflow.js';
import {
  bearer,
  createTenant,
  eventually,
  orderBody,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';
import { validateAgainstUblXsd } from '../support/ubl-xsd.js';

interface OrderJson {
  id: string;
  status: string;
  invoiceId: string | null;
  reason: string | null;
}
interface InvoiceJson {
  id: string;
  number: string;
  status: string;
  totals: Record<string, string>;
  vatBreakdown: { category: string; rate: string; taxable: string; vat: string }[];
  lines: { net: string; unitPrice: string }[];
}

describe.each(['postgres', 'pglite'] as const)(
  'order → invoice end to end (%s, real Temporal, real SMTP)',
  (database) => {
    let t: TestStack;
    let tenant: { id: string; apiKey: string };
    beforeAll(async () => {
      t = await startTestStack(database);
      tenant = await createTenant(t.app);
    });
    afterAll(async () => t?.stop());

    const getOrder = async (id: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: bearer(tenant.apiKey) })
      ).json() as OrderJson;
    const invoicedOrder = (id: string) =>
      eventually(async () => {
        const order = await getOrder(id);
        return order.status === 'invoiced' || order.status === 'needs_attention' ? order : undefined;
      });
    const bookedInvoice = (invoiceId: string) =>
      eventually(async () => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/v1/invoices/${invoiceId}`,
          headers: bearer(tenant.apiKey),
        });
        const invoice = res.json() as InvoiceJson;
        return res.statusCode === 200 && invoice.status === 'booked' ? invoice : undefined;
      });

    it('turns a posted order into a numbered, rendered, e-mailed and booked invoice within seconds', async () => {
      const started = Date.now();
      const posted = await t.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: bearer(tenant.apiKey),
        payload: orderBody('1001'),
      });
      expect(posted.statusCode).toBe(202);
      const { id } = posted.json() as { id: string };

      const order = await invoicedOrder(id);
      expect(order.status).toBe('invoiced');
      const invoice = await bookedInvoice(order.invoiceId!);
      expect(Date.now() - started).toBeLessThan(5_000);

      expect(invoice.number).toMatch(/^\d{4}-000001$/);
      // 2 × 12.50 − 1.00 = 24.00 @ 9 %, 8.00 @ 21 %, shipping 4.95 split 3.71 / 1.24 by goods value.
      expect(invoice.vatBreakdown).toEqual([
        {
          category: 'S',
          rate: '9',
          taxable: '27.71',
          vat: '2.49',
          reporting: { kind: 'nl-return', box: '1b' },
        },
        {
          category: 'S',
          rate: '21',
          taxable: '9.24',
          vat: '1.94',
          reporting: { kind: 'nl-return', box: '1a' },
        },
      ]);
      expect(invoice.totals).toMatchObject({
        lineNet: '32.00',
        charges: '4.95',
        net: '36.95',
        vat: '4.43',
        gross: '41.38',
        payable: '0.00',
      });

      const pdf = await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${invoice.id}/pdf`,
        headers: bearer(tenant.apiKey),
      });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

      const ubl = await t.app.inject({
        method: 'GET',
        url: `/v1/invoices/${invoice.id}/ubl`,
        headers: bearer(tenant.apiKey),
      });
      expect(ubl.statusCode).toBe(200);
      expect(ubl.body).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
      expect(ubl.body).toContain('<cbc:TaxInclusiveAmount currencyID="EUR">41.38</cbc:TaxInclusiveAmount>');
      const xsd = await validateAgainstUblXsd(ubl.body, 'Invoice');
      expect(xsd.errors).toEqual([]);
      expect(xsd.valid).toBe(true);

      // One workflow per order, ever: Temporal itself refuses a second start with the business id.
      await expect(
        t.stack.temporalClient.workflow.start('invoiceOrder', {
          workflowId: invoiceWorkflowId(tenant.id, id),
          taskQueue: 'invoicing',
          args: [{ tenantId: tenant.id, orderId: id }],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        }),
      ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);

      const mails = t.mail.messages.filter((m) => m.raw.includes(invoice.number));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['jan@example.nl']);
      expect(mails[0]!.raw).toContain(`filename=${invoice.number}.pdf`);
      expect(mails[0]!.raw).toContain(`filename=${invoice.number}.xml`);
    });

    it('refuses an order it could never invoice at the door, without consuming a number', async () => {
      const abroad = orderBody('usd-1', { currency: 'USD' });
      const posted = await t.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: bearer(tenant.apiKey),
        payload: abroad,
      });
      expect(posted.statusCode).toBe(400);
      expect(posted.json()).toMatchObject({ errors: [{ field: 'exchangeRate' }] });

      const next = await t.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: bearer(tenant.apiKey),
        payload: orderBody('1002'),
      });
      const order = await invoicedOrder((next.json() as { id: string }).id);
      const invoice = await bookedInvoice(order.invoiceId!);
      expect(invoice.number).toMatch(/-000002$/);
    });
  },
);
