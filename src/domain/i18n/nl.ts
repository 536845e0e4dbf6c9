import type { Translation } from './translation.js';

export const nl: Translation = {
  locale: 'nl-NL',
  numbers: {
    decimal: ',',
    group: '.',
    money: (symbol, amount, sign) => `${symbol} ${sign}${amount}`,
    date: (year, month, day) => `${day}-${month}-${year}`,
  },
  labels: {
    title: 'Factuur',
    invoiceNumber: 'Factuurnummer',
    issueDate: 'Factuurdatum',
    supplyDate: 'Leverdatum',
    dueDate: 'Vervaldatum',
    orderReference: 'Bestelling',
    buyerReference: 'Uw referentie',
    customer: 'Klant',
    deliveryAddress: 'Afleveradres',
    kvk: 'KvK',
    vatId: 'Btw-nr.',
    iban: 'IBAN',
    email: 'E-mail',
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Prijs excl. btw',
    vatRate: 'Btw',
    rate: 'Tarief',
    net: 'Bedrag',
    sku: 'Art.nr.',
    discount: 'Korting',
    shipping: 'Verzending',
    allowancesCharges: 'Kortingen en toeslagen',
    vatBreakdown: 'Btw-specificatie',
    vatCategories: {
      Z: 'Nultarief',
      E: 'Vrijgesteld',
      AE: 'Btw verlegd',
      K: 'Intracommunautaire levering',
      G: 'Uitvoer',
      O: 'Niet onderworpen aan btw',
    },
    taxable: 'Grondslag',
    vat: 'Btw',
    lineNet: 'Subtotaal',
    allowances: 'Kortingen',
    charges: 'Toeslagen',
    totalNet: 'Totaal excl. btw',
    gross: 'Totaal incl. btw',
    prepaid: 'Reeds betaald',
    payable: 'Te betalen',
    notes: 'Opmerkingen',
    paid: 'Deze factuur is al betaald.',
    transfer: (amount, iban, payee, reference, due) =>
      `Graag ${amount} ${due ? `uiterlijk ${due} ` : ''}overmaken naar ${iban} t.n.v. ${payee} o.v.v. ${reference}.`,
    due: (amount, due) => `Te betalen: ${amount}${due ? ` uiterlijk ${due}` : ''}.`,
    pageOf: (page, pages) => `Pagina ${page} van ${pages}`,
    vatInEuro: 'Btw in EUR',
    exchangeRate: (rate, currency, date, source) =>
      `Wisselkoers: 1 EUR = ${rate} ${currency} (${date}, ${source})`,
    creditNote: {
      title: 'Creditnota',
      number: 'Creditnotanummer',
      issueDate: 'Datum',
      corrects: (number, date) => `Correctie op factuur ${number} van ${date}`,
      reason: 'Reden',
      payable: 'Gecrediteerd bedrag',
      refund: 'Wordt terugbetaald via de oorspronkelijke betaalwijze.',
      setOff: (number) => `Wordt verrekend met factuur ${number}.`,
      lineReference: (number, date) => `Creditnota voor factuur ${number} van ${date}`,
      refundedEarlier: 'Eerder terugbetaald',
      remainder: (number) => `Restant factuur ${number}`,
    },
  },
  vatNotes: {
    AE: 'Btw verlegd',
    K: 'Intracommunautaire levering, vrijgesteld (art. 138 Richtlijn 2006/112/EG)',
    G: 'Uitvoer buiten de EU, 0 % (art. 146 Richtlijn 2006/112/EG)',
    E: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
    O: 'Niet onderworpen aan btw in Nederland (dienst aan een ondernemer buiten de EU)',
  },
  email: {
    subject: ({ type, number, seller }) =>
      `${type === 'credit_note' ? 'Creditnota' : 'Factuur'} ${number} van ${seller}`,
    body: ({ type, number, issueDate, orderReference, recipient, seller, total, due }) =>
      `Beste ${recipient},\n\n` +
      `In de bijlage vindt u ${type === 'credit_note' ? 'creditnota' : 'factuur'} ${number} van ${issueDate} ` +
      `voor uw bestelling ${orderReference}, als PDF en als e-factuur (UBL).\n\n` +
      (type === 'credit_note'
        ? `Gecrediteerd bedrag: ${total}.`
        : due === undefined
          ? `Totaalbedrag: ${total}. Deze factuur is al betaald.`
          : `Te betalen: ${due.amount}${due.date ? ` uiterlijk ${due.date}` : ''}.`) +
      `\n\nMet vriendelijke groet,\n${seller}\n`,
  },
};
