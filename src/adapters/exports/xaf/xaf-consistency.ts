import { type Decimal, formatAmount, ZERO } from '../../../domain/shared/money.js';
import type {
  XafCustomerSupplier,
  XafHeader,
  XafLedgerAccount,
  XafOpeningBalance,
  XafPeriod,
  XafTransaction,
  XafTransactions,
  XafVatCode,
} from './xaf-model.js';
import { parseAmount } from './xaf-values.js';

export interface XafCheckResult {
  readonly ok: boolean;
  readonly errors: readonly string[];
}

/**
 * The checks the XSD cannot do (domain.md §4): its xsd:key/keyref selectors are unprefixed XPaths in a
 * namespaced schema, so XSD 1.0 validators never apply them. Enforced here, mirroring the XSD's keyrefs:
 * ctTrLineAccIDRef/ctObLineAccIDRef (accID → ledgerAccount), ctTrLineCustSupIDRef (custSupID →
 * customerSupplier), ctTrLineVatIDRef (vat/vatID → vatCode), ctVatToPayAccIDRef/ctVatToClaimAccIDRef,
 * ctTransactionPeriodNumberRef (periodNumber → period) and the keys' uniqueness; plus what auditors' tools
 * check: debit = credit per transaction and overall, and the declared linesCount/totalDebit/totalCredit.
 *
 * Fed in document order while streaming, it keeps only the master-data ids (needed to resolve references),
 * running totals and at most `maxErrors` messages — memory does not grow with the number of transactions.
 */
export class XafConsistencyChecker {
  private readonly accounts = new Map<string, 'B' | 'P'>();
  private readonly customers = new Set<string>();
  private readonly vatCodes = new Set<string>();
  private readonly periods = new Map<number, XafPeriod>();
  private readonly journals = new Set<string>();
  private fiscalYear: XafHeader | undefined;
  private linesCount = 0;
  private totalDebit: Decimal = ZERO;
  private totalCredit: Decimal = ZERO;
  private readonly errors: string[] = [];
  private droppedErrors = 0;

  constructor(private readonly maxErrors = 100) {}

  header(header: XafHeader): void {
    this.fiscalYear = header;
    if (header.startDate > header.endDate) {
      this.error(`header: startDate ${header.startDate} is after endDate ${header.endDate}`);
    }
  }

  customer(customer: XafCustomerSupplier): void {
    this.unique(this.customers, customer.custSupID, 'custSupID');
  }

  ledgerAccount(account: XafLedgerAccount): void {
    if (this.accounts.has(account.accID)) this.error(`accID "${account.accID}" is defined twice`);
    this.accounts.set(account.accID, account.accTp);
  }

  vatCode(vatCode: XafVatCode): void {
    this.unique(this.vatCodes, vatCode.vatID, 'vatID');
    for (const accID of [vatCode.vatToPayAccID, vatCode.vatToClaimAccID]) {
      if (accID !== undefined && !this.accounts.has(accID)) {
        this.error(`vatCode ${vatCode.vatID}: account "${accID}" is not a ledger account`);
      }
    }
  }

  period(period: XafPeriod): void {
    const what = `period ${period.periodNumber}`;
    if (this.periods.has(period.periodNumber)) this.error(`${what} is defined twice`);
    this.periods.set(period.periodNumber, period);
    if (period.startDatePeriod > period.endDatePeriod) this.error(`${what}: starts after it ends`);
    const year = this.fiscalYear;
    if (year && (period.startDatePeriod < year.startDate || period.endDatePeriod > year.endDate)) {
      this.error(`${what}: lies outside the fiscal year ${year.startDate} … ${year.endDate}`);
    }
  }

  openingBalance(openingBalance: XafOpeningBalance): void {
    let debit: Decimal = ZERO;
    let credit: Decimal = ZERO;
    for (const line of openingBalance.lines) {
      const what = `openingBalance obLine ${line.nr}`;
      const accountType = this.accounts.get(line.accID);
      if (accountType === undefined) this.error(`${what}: accID "${line.accID}" is not a ledger account`);
      // Profit-and-loss accounts start every fiscal year at zero; their result is in equity.
      if (accountType === 'P') this.error(`${what}: accID "${line.accID}" is a profit-and-loss account`);
      const amount = this.amount(line.amnt, `${what} amnt`);
      if (line.amntTp === 'D') debit = debit.plus(amount);
      else credit = credit.plus(amount);
    }
    if (!debit.eq(credit)) {
      this.error(`openingBalance: debit ${formatAmount(debit)} ≠ credit ${formatAmount(credit)}`);
    }
  }

  journal(jrnID: string): void {
    this.unique(this.journals, jrnID, 'jrnID');
  }

  transaction(jrnID: string, transaction: XafTransaction): void {
    const what = `journal ${jrnID} transaction ${transaction.nr}`;
    this.checkPeriod(transaction, what);
    if (transaction.lines.length === 0) this.error(`${what}: has no lines`);
    let debit: Decimal = ZERO;
    let credit: Decimal = ZERO;
    const lineNumbers = new Set<string>();
    for (const line of transaction.lines) {
      const where = `${what} line ${line.nr}`;
      if (lineNumbers.has(line.nr)) this.error(`${where}: line nr is used twice`);
      lineNumbers.add(line.nr);
      if (!this.accounts.has(line.accID))
        this.error(`${where}: accID "${line.accID}" is not a ledger account`);
      if (line.custSupID !== undefined && !this.customers.has(line.custSupID)) {
        this.error(`${where}: custSupID "${line.custSupID}" is not a customer/supplier`);
      }
      if (line.vat !== undefined && !this.vatCodes.has(line.vat.vatID)) {
        this.error(`${where}: vatID "${line.vat.vatID}" is not a VAT code`);
      }
      const amount = this.amount(line.amnt, `${where} amnt`);
      if (line.amntTp === 'D') debit = debit.plus(amount);
      else credit = credit.plus(amount);
      this.linesCount++;
    }
    if (!debit.eq(credit))
      this.error(`${what}: debit ${formatAmount(debit)} ≠ credit ${formatAmount(credit)}`);
    if (transaction.amnt !== undefined && !this.amount(transaction.amnt, `${what} amnt`).eq(debit)) {
      this.error(`${what}: amnt ${transaction.amnt} ≠ its debit lines ${formatAmount(debit)}`);
    }
    this.totalDebit = this.totalDebit.plus(debit);
    this.totalCredit = this.totalCredit.plus(credit);
  }

  /** The declared totals (written before the journals) against what the lines added up to. */
  finish(declared: Omit<XafTransactions, 'journals'> | undefined): XafCheckResult {
    if (declared !== undefined) {
      if (declared.linesCount !== this.linesCount) {
        this.error(
          `transactions: linesCount ${declared.linesCount} declared, ${this.linesCount} lines found`,
        );
      }
      const declaredDebit = this.amount(declared.totalDebit, 'transactions totalDebit');
      const declaredCredit = this.amount(declared.totalCredit, 'transactions totalCredit');
      if (!declaredDebit.eq(this.totalDebit)) {
        this.error(
          `transactions: totalDebit ${declared.totalDebit} declared, lines total ${formatAmount(this.totalDebit)}`,
        );
      }
      if (!declaredCredit.eq(this.totalCredit)) {
        this.error(
          `transactions: totalCredit ${declared.totalCredit} declared, lines total ${formatAmount(this.totalCredit)}`,
        );
      }
    }
    if (!this.totalDebit.eq(this.totalCredit)) {
      this.error(
        `transactions: total debit ${formatAmount(this.totalDebit)} ≠ total credit ${formatAmount(this.totalCredit)}`,
      );
    }
    const errors = [...this.errors];
    if (this.droppedErrors > 0) errors.push(`… and ${this.droppedErrors} more problem(s)`);
    return { ok: errors.length === 0, errors };
  }

  private checkPeriod(transaction: XafTransaction, what: string): void {
    const period = this.periods.get(transaction.periodNumber);
    if (period === undefined) {
      this.error(`${what}: periodNumber ${transaction.periodNumber} is not a period`);
    } else if (transaction.trDt < period.startDatePeriod || transaction.trDt > period.endDatePeriod) {
      this.error(
        `${what}: trDt ${transaction.trDt} is outside period ${period.periodNumber} ` +
          `(${period.startDatePeriod} … ${period.endDatePeriod})`,
      );
    }
  }

  /** Line amounts are positive with the side in amntTp (domain.md §4); a bad amount is reported, not thrown. */
  private amount(value: string, what: string): Decimal {
    try {
      const amount = parseAmount(value, what);
      if (amount.lt(0))
        this.error(`${what}: ${value} is negative; amounts are positive with a D/C indicator`);
      return amount;
    } catch (error) {
      this.error((error as Error).message);
      return ZERO;
    }
  }

  private unique(seen: Set<string>, id: string, what: string): void {
    if (seen.has(id)) this.error(`${what} "${id}" is defined twice`);
    seen.add(id);
  }

  private error(message: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push(message);
    else this.droppedErrors++;
  }
}
