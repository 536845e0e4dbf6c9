import { z } from 'zod';
import { assertNever, type Decider } from '../shared/decider.js';
import { decimal, formatAmount } from '../shared/money.js';
import { amountString } from '../shared/schemas.js';
import { DISTANCE_SALES_THRESHOLD_EUR } from './vat-decision.js';

/**
 * The tenant's own EU distance sales (B2C goods to other member states) per calendar year, in EUR
 * excl. VAT: the running total that decides when destination taxation starts (art. 59c Directive:
 * "from the supply that crosses it").
 */
export const distanceSalesEventSchemas = {
  DistanceSaleRecorded: z.object({
    tenantId: z.string(),
    year: z.string(),
    invoiceId: z.string(),
    netEur: amountString,
    supplyDate: z.string(),
  }),
};
export type DistanceSalesEvent = {
  [K in keyof typeof distanceSalesEventSchemas]: {
    type: K;
    data: z.infer<(typeof distanceSalesEventSchemas)[K]>;
  };
}[keyof typeof distanceSalesEventSchemas];

export type DistanceSalesCommand = {
  type: 'RecordDistanceSale';
  tenantId: string;
  year: string;
  invoiceId: string;
  netEur: string;
  supplyDate: string;
};

export interface DistanceSalesState {
  readonly totalEur: string;
  readonly invoices: ReadonlySet<string>;
}

export const distanceSalesDecider: Decider<DistanceSalesCommand, DistanceSalesEvent, DistanceSalesState> = {
  initialState: { totalEur: '0.00', invoices: new Set() },
  decide(command, state) {
    switch (command.type) {
      case 'RecordDistanceSale':
        if (state.invoices.has(command.invoiceId)) return [];
        return [
          {
            type: 'DistanceSaleRecorded',
            data: {
              tenantId: command.tenantId,
              year: command.year,
              invoiceId: command.invoiceId,
              netEur: command.netEur,
              supplyDate: command.supplyDate,
            },
          },
        ];
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DistanceSaleRecorded':
        return {
          totalEur: formatAmount(decimal(state.totalEur).plus(event.data.netEur)),
          invoices: new Set(state.invoices).add(event.data.invoiceId),
        };
      default:
        return assertNever(event.type);
    }
  },
};

/** Does a sale of `netEur` on top of `totalEur` cross the EUR 10,000 threshold (or was it crossed already)? */
export const crossesThreshold = (totalEur: string, netEur: string): boolean =>
  decimal(totalEur).plus(netEur).gt(DISTANCE_SALES_THRESHOLD_EUR);

export const passedThreshold = (totalEur: string): boolean =>
  decimal(totalEur).gt(DISTANCE_SALES_THRESHOLD_EUR);
