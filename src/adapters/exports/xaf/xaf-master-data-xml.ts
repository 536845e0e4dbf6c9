import { sum } from '../../../domain/shared/money.js';
import type {
  XafAddress,
  XafCompany,
  XafCustomerSupplier,
  XafHeader,
  XafLedgerAccount,
  XafOpeningBalance,
  XafPeriod,
  XafVatCode,
} from './xaf-model.js';
import {
  DEBIT_CREDIT,
  parseAmount,
  xafAmount,
  xafCode,
  xafCount,
  xafCountry,
  xafCurrency,
  xafDate,
  xafIdentifier,
  xafText,
} from './xaf-values.js';
import { XmlFragment } from './xml-fragment.js';

/**
 * The master-data parts of the auditfile, each in the exact child order of its XSD sequence
 * (schemas/xaf-3.2/XmlAuditfileFinancieel3.2.xsd). Max lengths are the XSD types: String50 → 50 etc.
 * Depths: auditfile 0 → header/company 1 → customersSuppliers/generalLedger/… 2 → their items 3.
 */

export const headerXml = (header: XafHeader): string =>
  new XmlFragment(1)
    .open('header')
    .leaf('fiscalYear', xafIdentifier(header.fiscalYear, 9, 'header fiscalYear'))
    .leaf('startDate', xafDate(header.startDate, 'header startDate'))
    .leaf('endDate', xafDate(header.endDate, 'header endDate'))
    .leaf('curCode', xafCurrency(header.curCode, 'header curCode'))
    .leaf('dateCreated', xafDate(header.dateCreated, 'header dateCreated'))
    .optional('softwareDesc', header.softwareDesc, (v) => xafText(v, 50))
    .optional('softwareVersion', header.softwareVersion, (v) => xafText(v, 20))
    .close('header')
    .toString();

const addressXml = (
  fragment: XmlFragment,
  name: string,
  address: XafAddress | undefined,
  what: string,
): void => {
  if (address === undefined) return;
  fragment
    .open(name)
    .optional('streetname', address.streetname, (v) => xafText(v, 999))
    .optional('number', address.number, (v) => xafText(v, 15))
    .optional('numberExtension', address.numberExtension, (v) => xafText(v, 999))
    .optional('property', address.property, (v) => xafText(v, 50))
    .optional('city', address.city, (v) => xafText(v, 50))
    .optional('postalCode', address.postalCode, (v) => xafText(v, 10))
    .optional('region', address.region, (v) => xafText(v, 50))
    .optional('country', address.country, (v) => xafCountry(v, `${what} country`))
    .close(name);
};

/** The company's own fields up to its addresses; the caller writes the sections that follow. */
export const companyStartXml = (company: XafCompany): string => {
  const fragment = new XmlFragment(1)
    .open('company')
    .optional('companyIdent', company.companyIdent, (v) => xafIdentifier(v, 35, 'companyIdent'))
    .leaf('companyName', xafText(company.companyName, 999))
    .leaf(
      'taxRegistrationCountry',
      xafCountry(company.taxRegistrationCountry, 'company taxRegistrationCountry'),
    )
    .leaf('taxRegIdent', xafIdentifier(company.taxRegIdent, 30, 'company taxRegIdent'));
  addressXml(fragment, 'streetAddress', company.streetAddress, 'company streetAddress');
  addressXml(fragment, 'postalAddress', company.postalAddress, 'company postalAddress');
  return fragment.toString();
};

export const customerSupplierXml = (customer: XafCustomerSupplier): string => {
  const what = `customer ${customer.custSupID}`;
  const fragment = new XmlFragment(3)
    .open('customerSupplier')
    .leaf('custSupID', xafIdentifier(customer.custSupID, 35, 'custSupID'))
    .optional('custSupName', customer.custSupName, (v) => xafText(v, 50))
    .optional('contact', customer.contact, (v) => xafText(v, 50))
    .optional('telephone', customer.telephone, (v) => xafText(v, 30))
    .optional('eMail', customer.eMail, (v) => xafText(v))
    .optional('website', customer.website, (v) => xafText(v))
    .optional('commerceNr', customer.commerceNr, (v) => xafIdentifier(v, 999, `${what} commerceNr`))
    .optional('taxRegistrationCountry', customer.taxRegistrationCountry, (v) =>
      xafCountry(v, `${what} taxRegistrationCountry`),
    )
    .optional('taxRegIdent', customer.taxRegIdent, (v) => xafIdentifier(v, 30, `${what} taxRegIdent`))
    .optional('custSupTp', customer.custSupTp, (v) => xafCode(v, ['B', 'C', 'O', 'S'], `${what} custSupTp`));
  addressXml(fragment, 'streetAddress', customer.streetAddress, `${what} streetAddress`);
  addressXml(fragment, 'postalAddress', customer.postalAddress, `${what} postalAddress`);
  return fragment.close('customerSupplier').toString();
};

export const ledgerAccountXml = (account: XafLedgerAccount): string => {
  const what = `ledger account ${account.accID}`;
  const fragment = new XmlFragment(3)
    .open('ledgerAccount')
    .leaf('accID', xafIdentifier(account.accID, 35, 'accID'))
    .leaf('accDesc', xafText(account.accDesc, 999))
    .leaf('accTp', xafCode(account.accTp, ['B', 'P'], `${what} accTp`))
    .optional('leadCode', account.leadCode, (v) => xafIdentifier(v, 999, `${what} leadCode`))
    .optional('leadDescription', account.leadDescription, (v) => xafText(v, 999))
    .optional('leadReference', account.leadReference, (v) => xafIdentifier(v, 999, `${what} leadReference`));
  for (const taxonomy of account.taxonomy ?? []) {
    fragment.open('taxonomy').leaf('taxoRef', xafText(taxonomy.taxoRef));
    for (const entryPoint of taxonomy.entryPoints ?? []) {
      fragment
        .open('entryPoint')
        .leaf('entryPointRef', xafText(entryPoint.entryPointRef))
        .leaf('conceptRef', xafText(entryPoint.conceptRef));
      for (const member of entryPoint.domainMemberRefs ?? []) {
        fragment.open('domainMember').leaf('domainMemberRef', xafText(member)).close('domainMember');
      }
      fragment.close('entryPoint');
    }
    fragment.close('taxonomy');
  }
  return fragment.close('ledgerAccount').toString();
};

export const vatCodeXml = (vatCode: XafVatCode): string =>
  new XmlFragment(3)
    .open('vatCode')
    .leaf('vatID', xafIdentifier(vatCode.vatID, 35, 'vatID'))
    .leaf('vatDesc', xafText(vatCode.vatDesc, 999))
    .optional('vatToPayAccID', vatCode.vatToPayAccID, (v) => xafIdentifier(v, 35, 'vatToPayAccID'))
    .optional('vatToClaimAccID', vatCode.vatToClaimAccID, (v) => xafIdentifier(v, 35, 'vatToClaimAccID'))
    .close('vatCode')
    .toString();

export const periodXml = (period: XafPeriod): string =>
  new XmlFragment(3)
    .open('period')
    .leaf('periodNumber', xafCount(period.periodNumber, 3, 'periodNumber'))
    .optional('periodDesc', period.periodDesc, (v) => xafText(v, 50))
    .leaf('startDatePeriod', xafDate(period.startDatePeriod, `period ${period.periodNumber} startDatePeriod`))
    .leaf('endDatePeriod', xafDate(period.endDatePeriod, `period ${period.periodNumber} endDatePeriod`))
    .close('period')
    .toString();

/** The opening balance with its counts and totals computed from its (few) lines. */
export const openingBalanceXml = (openingBalance: XafOpeningBalance): string => {
  const side = (amntTp: 'D' | 'C') =>
    sum(
      openingBalance.lines
        .filter((line) => line.amntTp === amntTp)
        .map((line) => parseAmount(line.amnt, `obLine ${line.nr} amnt`)),
    );
  const fragment = new XmlFragment(2)
    .open('openingBalance')
    .leaf('opBalDate', xafDate(openingBalance.opBalDate, 'opBalDate'))
    .optional('opBalDesc', openingBalance.opBalDesc, (v) => xafText(v, 999))
    .leaf('linesCount', xafCount(openingBalance.lines.length, 10, 'openingBalance linesCount'))
    .leaf('totalDebit', xafAmount(side('D').toFixed(2), 'openingBalance totalDebit'))
    .leaf('totalCredit', xafAmount(side('C').toFixed(2), 'openingBalance totalCredit'));
  for (const line of openingBalance.lines) {
    fragment
      .open('obLine')
      .leaf('nr', xafIdentifier(line.nr, 35, 'obLine nr'))
      .leaf('accID', xafIdentifier(line.accID, 35, `obLine ${line.nr} accID`))
      .leaf('amnt', xafAmount(line.amnt, `obLine ${line.nr} amnt`))
      .leaf('amntTp', xafCode(line.amntTp, DEBIT_CREDIT, `obLine ${line.nr} amntTp`))
      .close('obLine');
  }
  return fragment.close('openingBalance').toString();
};
