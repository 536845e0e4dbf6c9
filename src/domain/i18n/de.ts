import type { Translation } from './translation.js';

export const de: Translation = {
  locale: 'de-DE',
  numbers: {
    decimal: ',',
    group: '.',
    // German writes the symbol after the amount (DIN 5008), as de-DE in Intl does for the e-mail.
    money: (symbol, amount, sign) => `${sign}${amount} ${symbol}`,
    date: (year, month, day) => `${day}.${month}.${year}`,
  },
  labels: {
    title: 'Rechnung',
    invoiceNumber: 'Rechnungsnummer',
    issueDate: 'Rechnungsdatum',
    supplyDate: 'Lieferdatum',
    dueDate: 'Fällig am',
    orderReference: 'Bestellung',
    buyerReference: 'Ihre Referenz',
    customer: 'Kunde',
    deliveryAddress: 'Lieferadresse',
    kvk: 'Handelsregister (KvK)',
    vatId: 'USt-IdNr.',
    iban: 'IBAN',
    email: 'E-Mail',
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis netto',
    vatRate: 'USt.',
    rate: 'Steuersatz',
    net: 'Betrag',
    sku: 'Art.-Nr.',
    discount: 'Rabatt',
    shipping: 'Versand',
    allowancesCharges: 'Nachlässe und Zuschläge',
    vatBreakdown: 'Umsatzsteuer',
    vatCategories: {
      Z: 'Nullsatz',
      E: 'Steuerfrei',
      AE: 'Steuerschuldnerschaft des Leistungsempfängers',
      K: 'Innergemeinschaftliche Lieferung',
      G: 'Ausfuhrlieferung',
      O: 'Nicht steuerbar',
    },
    taxable: 'Bemessungsgrundlage',
    vat: 'USt.',
    lineNet: 'Zwischensumme',
    allowances: 'Nachlässe',
    charges: 'Zuschläge',
    totalNet: 'Gesamtbetrag netto',
    gross: 'Gesamtbetrag brutto',
    prepaid: 'Bereits bezahlt',
    payable: 'Zu zahlen',
    notes: 'Hinweise',
    paid: 'Diese Rechnung ist bereits bezahlt.',
    transfer: (amount, iban, payee, reference, due) =>
      `Bitte überweisen Sie ${amount}${due ? ` bis zum ${due}` : ''} auf ${iban} (${payee}) mit dem Verwendungszweck ${reference}.`,
    due: (amount, due) => `Zu zahlen: ${amount}${due ? ` bis zum ${due}` : ''}.`,
    pageOf: (page, pages) => `Seite ${page} von ${pages}`,
    vatInEuro: 'USt. in EUR',
    exchangeRate: (rate, currency, date, source) =>
      `Wechselkurs: 1 EUR = ${rate} ${currency} (${date}, ${source})`,
    // Not "Gutschrift": in German VAT law (§ 14 Abs. 2 UStG) that word means a self-billed invoice.
    creditNote: {
      title: 'Rechnungskorrektur',
      number: 'Nummer der Rechnungskorrektur',
      issueDate: 'Datum',
      corrects: (number, date) => `Korrektur der Rechnung ${number} vom ${date}`,
      reason: 'Grund',
      payable: 'Erstattungsbetrag',
      refund: 'Wird über die ursprüngliche Zahlungsart erstattet.',
      setOff: (number) => `Wird mit der Rechnung ${number} verrechnet.`,
      lineReference: (number, date) => `Rechnungskorrektur zur Rechnung ${number} vom ${date}`,
      refundedEarlier: 'Bereits erstattet',
      remainder: (number) => `Restbetrag der Rechnung ${number}`,
    },
  },
  vatNotes: {
    AE: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)',
    K: 'Steuerfreie innergemeinschaftliche Lieferung (Art. 138 Richtlinie 2006/112/EG)',
    G: 'Steuerfreie Ausfuhrlieferung (Art. 146 Richtlinie 2006/112/EG)',
    E: 'Von der Umsatzsteuer befreit (Art. 11 niederländisches UStG 1968)',
    O: 'In den Niederlanden nicht steuerbar (Leistung an einen Unternehmer außerhalb der EU)',
  },
  email: {
    subject: ({ type, number, seller }) =>
      `${type === 'credit_note' ? 'Rechnungskorrektur' : 'Rechnung'} ${number} von ${seller}`,
    body: ({ type, number, issueDate, orderReference, recipient, seller, total, due }) =>
      `Guten Tag ${recipient},\n\n` +
      `anbei erhalten Sie die ${type === 'credit_note' ? 'Rechnungskorrektur' : 'Rechnung'} ${number} vom ${issueDate} ` +
      `zu Ihrer Bestellung ${orderReference} als PDF und als E-Rechnung (UBL).\n\n` +
      (type === 'credit_note'
        ? `Erstattungsbetrag: ${total}.`
        : due === undefined
          ? `Gesamtbetrag: ${total}. Diese Rechnung ist bereits bezahlt.`
          : `Zu zahlen: ${due.amount}${due.date ? ` bis zum ${due.date}` : ''}.`) +
      `\n\nMit freundlichen Grüßen\n${seller}\n`,
  },
};
