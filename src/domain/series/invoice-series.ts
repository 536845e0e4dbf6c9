import { z } from 'zod';
import { assertNever, type Decider } from '../shared/decider.js';
import { DEFAULT_NUMBERING } from './numbering.js';

/**
 * An invoice series hands out gapless sequence numbers (domain.md §1.3). The number is assigned
 * on the series stream with optimistic concurrency; assigning again for the same invoice returns
 * the number it already has, so a retried issue step never burns a second number.
 */
export const invoiceSeriesEventSchemas = {
  InvoiceNumberAssigned: z.object({
    tenantId: z.string(),
    seriesKey: z.string(),
    invoiceId: z.string(),
    sequence: z.number().int().positive(),
    number: z.string(),
    assignedAt: z.iso.datetime(),
  }),
};
export type InvoiceSeriesEvent = {
  [K in keyof typeof invoiceSeriesEventSchemas]: {
    type: K;
    data: z.infer<(typeof invoiceSeriesEventSchemas)[K]>;
  };
}[keyof typeof invoiceSeriesEventSchemas];

export type InvoiceSeriesCommand = {
  type: 'AssignInvoiceNumber';
  tenantId: string;
  seriesKey: string;
  /** Printed form, e.g. prefix "2026-" → "2026-000001". */
  prefix: string;
  /** Zero-padded width of the sequence; the tenant's numbering setting, 6 when not given. */
  digits?: number;
  invoiceId: string;
  now: Date;
};

export interface InvoiceSeriesState {
  readonly lastSequence: number;
  readonly numberByInvoice: ReadonlyMap<string, string>;
}

export const formatInvoiceNumber = (prefix: string, sequence: number, digits: number) =>
  `${prefix}${String(sequence).padStart(digits, '0')}`;

export const invoiceSeriesDecider: Decider<InvoiceSeriesCommand, InvoiceSeriesEvent, InvoiceSeriesState> = {
  initialState: { lastSequence: 0, numberByInvoice: new Map() },

  decide(command, state) {
    switch (command.type) {
      case 'AssignInvoiceNumber': {
        if (state.numberByInvoice.has(command.invoiceId)) return [];
        const sequence = state.lastSequence + 1;
        return [
          {
            type: 'InvoiceNumberAssigned',
            data: {
              tenantId: command.tenantId,
              seriesKey: command.seriesKey,
              invoiceId: command.invoiceId,
              sequence,
              number: formatInvoiceNumber(
                command.prefix,
                sequence,
                command.digits ?? DEFAULT_NUMBERING.digits,
              ),
              assignedAt: command.now.toISOString(),
            },
          },
        ];
      }
      default:
        return assertNever(command.type);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'InvoiceNumberAssigned':
        return {
          lastSequence: event.data.sequence,
          numberByInvoice: new Map(state.numberByInvoice).set(event.data.invoiceId, event.data.number),
        };
      default:
        return assertNever(event.type);
    }
  },
};
