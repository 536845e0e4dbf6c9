import type { Translation } from './translation.js';

export const en: Translation = {
  locale: 'en-GB',
  numbers: {
    decimal: '.',
    group: ',',
    money: (symbol, amount, sign) => `${sign}${symbol}${symbol.length === 1 ? '' : ' '}${amount}`,
    // ISO order: British and American readers would each misread the other's "03/04/2026".
    date: (year, month, day) => `${year}-${month}-${day}`,
  },
  labels: {
    title: 'Invoice',
    invoiceNumber: 'Invoice number',
    issueDate: 'Invoice date',
    supplyDate: 'Delivery date',
    dueDate: 'Due date',
    orderReference: 'Order',
    buyerReference: 'Your reference',
    customer: 'Customer',
    deliveryAddress: 'Delivery address',
    kvk: 'CoC (KvK)',
    vatId: 'VAT ID',
    iban: 'IBAN',
    email: 'Email',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price excl. VAT',
    vatRate: 'VAT',
    rate: 'Rate',
    net: 'Amount',
    sku: 'SKU',
    discount: 'Discount',
    shipping: 'Shipping',
    allowancesCharges: 'Allowances and charges',
    vatBreakdown: 'VAT breakdown',
    vatCategories: {
      Z: 'Zero rated',
      E: 'Exempt',
      AE: 'Reverse charge',
      K: 'Intra-Community supply',
      G: 'Export',
      O: 'Outside the scope of VAT',
    },
    taxable: 'Taxable amount',
    vat: 'VAT',
    lineNet: 'Subtotal',
    allowances: 'Allowances',
    charges: 'Charges',
    totalNet: 'Total excl. VAT',
    gross: 'Total incl. VAT',
    prepaid: 'Already paid',
    payable: 'Amount due',
    notes: 'Notes',
    paid: 'This invoice has already been paid.',
    transfer: (amount, iban, payee, reference, due) =>
      `Please transfer ${amount}${due ? ` by ${due}` : ''} to ${iban} (${payee}), quoting ${reference}.`,
    due: (amount, due) => `Amount due: ${amount}${due ? ` by ${due}` : ''}.`,
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
    vatInEuro: 'VAT in EUR',
    exchangeRate: (rate, currency, date, source) =>
      `Exchange rate: 1 EUR = ${rate} ${currency} (${date}, ${source})`,
    creditNote: {
      title: 'Credit note',
      number: 'Credit note number',
      issueDate: 'Credit note date',
      corrects: (number, date) => `Corrects invoice ${number} of ${date}`,
      reason: 'Reason',
      payable: 'Amount credited',
      refund: 'Refunded to the original means of payment.',
      setOff: (number) => `Set off against invoice ${number}.`,
      lineReference: (number, date) => `Credit note for invoice ${number} of ${date}`,
      refundedEarlier: 'Refunded earlier',
      remainder: (number) => `Remainder of invoice ${number}`,
    },
  },
  vatNotes: {
    AE: 'Reverse charge',
    K: 'Intra-Community supply, exempt (art. 138 Directive 2006/112/EC)',
    G: 'Export outside the EU, exempt (art. 146 Directive 2006/112/EC)',
    E: 'Exempt from VAT (art. 11 Dutch VAT Act 1968)',
    O: 'Not subject to VAT in the Netherlands (service to a business outside the EU)',
  },
  email: {
    subject: ({ type, number, seller }) =>
      `${type === 'credit_note' ? 'Credit note' : 'Invoice'} ${number} from ${seller}`,
    body: ({ type, number, issueDate, orderReference, recipient, seller, total, due }) =>
      `Dear ${recipient},\n\n` +
      `Please find attached ${type === 'credit_note' ? 'credit note' : 'invoice'} ${number} of ${issueDate} ` +
      `for your order ${orderReference}, as a PDF and as an e-invoice (UBL).\n\n` +
      (type === 'credit_note'
        ? `Amount credited: ${total}.`
        : due === undefined
          ? `Total: ${total}. This invoice has already been paid.`
          : `Amount due: ${due.amount}${due.date ? ` by ${due.date}` : ''}.`) +
      `\n\nKind regards,\n${seller}\n`,
  },
};
