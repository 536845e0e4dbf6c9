import type { Translation } from './translation.js';

export const fr: Translation = {
  locale: 'fr-FR',
  numbers: {
    decimal: ',',
    group: ' ',
    money: (symbol, amount, sign) => `${sign}${amount} ${symbol}`,
    date: (year, month, day) => `${day}/${month}/${year}`,
  },
  labels: {
    title: 'Facture',
    invoiceNumber: 'Numéro de facture',
    issueDate: 'Date de facture',
    supplyDate: 'Date de livraison',
    dueDate: "Date d'échéance",
    orderReference: 'Commande',
    buyerReference: 'Votre référence',
    customer: 'Client',
    deliveryAddress: 'Adresse de livraison',
    kvk: 'N° KvK (registre du commerce)',
    vatId: 'N° TVA',
    iban: 'IBAN',
    email: 'E-mail',
    description: 'Désignation',
    quantity: 'Qté',
    unitPrice: 'Prix unitaire HT',
    vatRate: 'TVA',
    rate: 'Taux',
    net: 'Montant HT',
    sku: 'Réf.',
    discount: 'Remise',
    shipping: 'Livraison',
    allowancesCharges: 'Remises et frais',
    vatBreakdown: 'Détail de la TVA',
    vatCategories: {
      Z: 'Taux zéro',
      E: 'Exonéré',
      AE: 'Autoliquidation',
      K: 'Livraison intracommunautaire',
      G: 'Exportation',
      O: 'Hors champ de la TVA',
    },
    taxable: 'Base HT',
    vat: 'TVA',
    lineNet: 'Sous-total HT',
    allowances: 'Remises',
    charges: 'Frais',
    totalNet: 'Total HT',
    gross: 'Total TTC',
    prepaid: 'Déjà payé',
    payable: 'Net à payer',
    notes: 'Remarques',
    paid: 'Cette facture a déjà été payée.',
    transfer: (amount, iban, payee, reference, due) =>
      `Merci de virer ${amount}${due ? ` au plus tard le ${due}` : ''} sur le compte ${iban} (${payee}) en indiquant la référence ${reference}.`,
    due: (amount, due) => `Net à payer : ${amount}${due ? ` au plus tard le ${due}` : ''}.`,
    pageOf: (page, pages) => `Page ${page} sur ${pages}`,
    vatInEuro: 'TVA en EUR',
    exchangeRate: (rate, currency, date, source) =>
      `Taux de change : 1 EUR = ${rate} ${currency} (${date}, ${source})`,
    creditNote: {
      title: 'Avoir',
      number: "Numéro d'avoir",
      issueDate: "Date de l'avoir",
      corrects: (number, date) => `Avoir sur la facture ${number} du ${date}`,
      reason: 'Motif',
      payable: 'Montant crédité',
      refund: "Remboursé via le moyen de paiement d'origine.",
      setOff: (number) => `Imputé sur la facture ${number}.`,
      lineReference: (number, date) => `Avoir sur la facture ${number} du ${date}`,
      refundedEarlier: 'Déjà remboursé',
      remainder: (number) => `Solde de la facture ${number}`,
    },
  },
  vatNotes: {
    AE: 'Autoliquidation',
    K: 'Livraison intracommunautaire exonérée (art. 138 directive 2006/112/CE)',
    G: 'Exportation hors UE exonérée (art. 146 directive 2006/112/CE)',
    E: 'Exonéré de TVA (art. 11 loi néerlandaise sur la TVA 1968)',
    O: 'Non soumis à la TVA aux Pays-Bas (service à un assujetti hors UE)',
  },
  email: {
    // "Facture … de …" would need elision before a vowel ("d'Acme"); the dash needs none.
    subject: ({ type, number, seller }) =>
      `${type === 'credit_note' ? 'Avoir' : 'Facture'} ${number} – ${seller}`,
    body: ({ type, number, issueDate, orderReference, recipient, seller, total, due }) =>
      `Bonjour ${recipient},\n\n` +
      `Veuillez trouver ci-joint ${
        type === 'credit_note'
          ? `l'avoir ${number} du ${issueDate}, relatif`
          : `la facture ${number} du ${issueDate}, relative`
      } à votre commande ${orderReference}, au format PDF et sous forme de facture électronique (UBL).\n\n` +
      (type === 'credit_note'
        ? `Montant crédité : ${total}.`
        : due === undefined
          ? `Montant total : ${total}. Cette facture a déjà été payée.`
          : `Net à payer : ${due.amount}${due.date ? ` au plus tard le ${due.date}` : ''}.`) +
      `\n\nCordialement,\n${seller}\n`,
  },
};
