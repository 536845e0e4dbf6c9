/** Stream names, one helper per aggregate; nothing else spells them. */
export const tenantStream = (tenantId: string) => `tenant-${tenantId}`;
export const orderStream = (tenantId: string, orderId: string) => `order-${tenantId}-${orderId}`;
export const invoiceStream = (tenantId: string, invoiceId: string) => `invoice-${tenantId}-${invoiceId}`;
/** The tenant of an invoice stream, read back through `invoiceStream` itself; undefined if it is not one. */
export const tenantOfInvoiceStream = (stream: string, invoiceId: string): string | undefined => {
  const tenantId = stream.slice('invoice-'.length, stream.length - invoiceId.length - 1);
  return invoiceStream(tenantId, invoiceId) === stream ? tenantId : undefined;
};
export const invoiceSeriesStream = (tenantId: string, seriesKey: string) =>
  `invoiceseries-${tenantId}-${seriesKey}`;
export const distanceSalesStream = (tenantId: string, year: string) => `distancesales-${tenantId}-${year}`;
export const channelStream = (tenantId: string, channelId: string) => `channel-${tenantId}-${channelId}`;
