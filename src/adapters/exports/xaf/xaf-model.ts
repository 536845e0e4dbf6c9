/**
 * Input of the XAF 3.2 auditfile writer (shared/docs/domain.md §4). Field names follow the XSD elements so the
 * mapping stays 1:1 (and maps onto XAF 4.0 later: `leadCode` becomes `RGScode`). Values are plain strings:
 * amounts are decimal strings ("121.00"), dates are ISO calendar dates ("2026-03-31") — never JavaScript
 * numbers or Date objects, so no float or time-zone conversion sneaks in. Journals deliver their transactions
 * as (async) iterables so an export never holds a year of bookings in memory.
 */

/** `YYYY-MM-DD` (xsd:date without time zone). */
export type XafDate = string;
/** Decimal string with at most two decimals, e.g. "121", "121.5", "121.50" (XSD Amount2decimals). */
export type XafAmount = string;
/** XSD Debitcredittype. */
export type XafDebitCredit = 'D' | 'C';

export interface XafHeader {
  /** XSD String9, e.g. "2026". */
  readonly fiscalYear: string;
  readonly startDate: XafDate;
  readonly endDate: XafDate;
  /** Functional currency; the whole ledger is kept in EUR. */
  readonly curCode: 'EUR';
  readonly dateCreated: XafDate;
  readonly softwareDesc?: string;
  readonly softwareVersion?: string;
}

/** XSD streetAddress / postalAddress; over-long parts are truncated to the XSD lengths. */
export interface XafAddress {
  readonly streetname?: string;
  readonly number?: string;
  readonly numberExtension?: string;
  readonly property?: string;
  readonly city?: string;
  readonly postalCode?: string;
  readonly region?: string;
  /** ISO 3166-1 alpha-2 (Greece is GR, not the VAT prefix EL — see `isoCountryOfVatPrefix`). */
  readonly country?: string;
}

export interface XafCompany {
  /** KvK number (XSD companyIdent, IdentificationString35). */
  readonly companyIdent?: string;
  readonly companyName: string;
  /** ISO 3166 country of the VAT registration: 'NL'. */
  readonly taxRegistrationCountry: string;
  /** VAT ID, e.g. NL123456789B01. */
  readonly taxRegIdent: string;
  readonly streetAddress?: XafAddress;
  readonly postalAddress?: XafAddress;
}

/**
 * XSD Customersuppliercode: B = both customer and supplier, C = customer (debiteur), O = other,
 * S = supplier (crediteur). It says which side of the ledger the relation is on, not consumer vs business:
 * every buyer, consumer or company, is 'C'. A business buyer is recognisable by its `taxRegIdent`/`commerceNr`.
 */
export type XafCustSupTp = 'B' | 'C' | 'O' | 'S';

export interface XafCustomerSupplier {
  readonly custSupID: string;
  /** Truncated to 50 characters (XSD String50) without splitting a character. */
  readonly custSupName?: string;
  readonly contact?: string;
  readonly telephone?: string;
  readonly eMail?: string;
  readonly website?: string;
  /** KvK or foreign trade register number. */
  readonly commerceNr?: string;
  /** ISO 3166 country of the VAT ID (GR for an EL… VAT ID). */
  readonly taxRegistrationCountry?: string;
  /** VAT ID, ≤ 30 characters (XSD String30; rejected, not truncated, when longer). */
  readonly taxRegIdent?: string;
  readonly custSupTp?: XafCustSupTp;
  readonly streetAddress?: XafAddress;
  readonly postalAddress?: XafAddress;
}

/** XSD ledgerAccount/taxonomy: a reference into an XBRL taxonomy (e.g. the RGS/NT taxonomy entry point). */
export interface XafTaxonomyReference {
  readonly taxoRef: string;
  readonly entryPoints?: readonly {
    readonly entryPointRef: string;
    readonly conceptRef: string;
    readonly domainMemberRefs?: readonly string[];
  }[];
}

export interface XafLedgerAccount {
  /** ≤ 35 characters (XSD IdentificationString35). */
  readonly accID: string;
  readonly accDesc: string;
  /** B = balance sheet, P = profit and loss (the XSD also allows M, which our chart does not use). */
  readonly accTp: 'B' | 'P';
  /** RGS code, e.g. `BVorDebHad` (domain.md §7); XAF 4.0 calls this `RGScode`. */
  readonly leadCode?: string;
  readonly leadDescription?: string;
  /** RGS reference number, e.g. `1101010`. */
  readonly leadReference?: string;
  readonly taxonomy?: readonly XafTaxonomyReference[];
}

export interface XafVatCode {
  readonly vatID: string;
  readonly vatDesc: string;
  /** Liability account the VAT is booked on (must be a ledger account). */
  readonly vatToPayAccID?: string;
  readonly vatToClaimAccID?: string;
}

export interface XafPeriod {
  /** 0–999 (XSD Nonnegativeinteger3). */
  readonly periodNumber: number;
  readonly periodDesc?: string;
  readonly startDatePeriod: XafDate;
  readonly endDatePeriod: XafDate;
}

export interface XafOpeningBalanceLine {
  readonly nr: string;
  readonly accID: string;
  /** Positive; the side is in `amntTp`. */
  readonly amnt: XafAmount;
  readonly amntTp: XafDebitCredit;
}

/** linesCount/totalDebit/totalCredit are computed from `lines` (they are few: one per balance account). */
export interface XafOpeningBalance {
  readonly opBalDate: XafDate;
  readonly opBalDesc?: string;
  readonly lines: readonly XafOpeningBalanceLine[];
}

export interface XafLineVat {
  readonly vatID: string;
  /** Percentage as a decimal string, ≥ 0, ≤ 3 decimals (XSD Decimal8), e.g. "21", "5.5". */
  readonly vatPerc: string;
  readonly vatAmnt: XafAmount;
  readonly vatAmntTp: XafDebitCredit;
}

export interface XafLineCurrency {
  /** ISO 4217 code of the document currency, e.g. USD. */
  readonly curCode: string;
  /** Amount in that currency (positive; the side is the line's `amntTp`). */
  readonly curAmnt: XafAmount;
}

export interface XafTransactionLine {
  readonly nr: string;
  readonly accID: string;
  /** Source document number (invoice or credit note number). */
  readonly docRef: string;
  /** Invoice date. */
  readonly effDate: XafDate;
  readonly desc?: string;
  /** Positive; the side is in `amntTp` (domain.md §4 convention). */
  readonly amnt: XafAmount;
  readonly amntTp: XafDebitCredit;
  readonly matchKeyID?: string;
  readonly custSupID?: string;
  readonly invRef?: string;
  readonly orderRef?: string;
  /** The XSD allows up to 99 `vat` elements per line; our bookings carry one VAT code per line. */
  readonly vat?: XafLineVat;
  readonly currency?: XafLineCurrency;
}

export interface XafTransaction {
  /** Document number (invoice, credit note or payment reference). */
  readonly nr: string;
  readonly desc?: string;
  readonly periodNumber: number;
  /** Booking date. */
  readonly trDt: XafDate;
  /** When given: the transaction total, i.e. the sum of its debit lines. */
  readonly amnt?: XafAmount;
  readonly amntTp?: XafDebitCredit;
  readonly sourceID?: string;
  readonly userID?: string;
  readonly lines: readonly XafTransactionLine[];
}

/** XSD Journaltype: B bank, C cash, G goods, M memo, O/Z other, P purchases, S sales, T production, Y payroll. */
export type XafJournalType = 'B' | 'C' | 'G' | 'M' | 'O' | 'P' | 'S' | 'T' | 'Y' | 'Z';

export interface XafJournal {
  readonly jrnID: string;
  readonly desc: string;
  readonly jrnTp?: XafJournalType;
  readonly offsetAccID?: string;
  readonly bankAccNr?: string;
  /** Consumed once, in order, while writing. */
  readonly transactions: AsyncIterable<XafTransaction> | Iterable<XafTransaction>;
}

/**
 * The XSD puts linesCount/totalDebit/totalCredit before the journals, so a streaming writer must be told them
 * up front (e.g. from a SQL aggregate); the consistency check verifies them against the lines afterwards.
 */
export interface XafTransactions {
  readonly linesCount: number;
  readonly totalDebit: XafAmount;
  readonly totalCredit: XafAmount;
  readonly journals: readonly XafJournal[];
}

export interface XafInput {
  readonly header: XafHeader;
  readonly company: XafCompany;
  /** May be a lazy (async) iterable: a webshop has a customer per consumer order. */
  readonly customers?: AsyncIterable<XafCustomerSupplier> | Iterable<XafCustomerSupplier>;
  readonly ledgerAccounts: readonly XafLedgerAccount[];
  readonly vatCodes?: readonly XafVatCode[];
  readonly periods?: readonly XafPeriod[];
  readonly openingBalance?: XafOpeningBalance;
  readonly transactions?: XafTransactions;
}
