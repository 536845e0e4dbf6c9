import { z } from 'zod';

/**
 * The tenant's chart of accounts. Journal lines carry a ledger key derived from RGS (domain.md §7:
 * `WOmzNohOlh`, `BSchBepBtwOla`, per-country sub-accounts such as `WOmzNohOlh-OSS-DE`); by default
 * the key is also the account number, and a tenant may map keys to its own numbers and names.
 */
export const chartOfAccountsSchema = z
  .record(
    z
      .string()
      .regex(
        /^[A-Za-z]{3,12}(-[A-Z0-9]{2,4}){0,2}$/,
        'must be a ledger key such as WOmzNohOlh or BSchBepBtwOss-DE',
      ),
    z.object({
      number: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,35}$/, 'must be at most 35 letters, digits, . _ -')
        .optional(),
      name: z.string().min(1).max(100).optional(),
    }),
  )
  .default({});
export type ChartOfAccounts = z.infer<typeof chartOfAccountsSchema>;

export interface LedgerAccount {
  readonly key: string;
  /** The account id in exports (XAF accID ≤ 35 characters). */
  readonly number: string;
  readonly name: string;
  /** The RGS reference code the key belongs to (the part before a per-country suffix). */
  readonly rgsCode: string;
  /** XAF accTp: B balance sheet, P profit and loss; RGS codes start with B or W accordingly. */
  readonly type: 'B' | 'P';
}

export function ledgerAccount(key: string, defaultName: string, chart: ChartOfAccounts): LedgerAccount {
  const override = chart[key];
  return {
    key,
    number: override?.number ?? key,
    name: override?.name ?? defaultName,
    rgsCode: key.split('-')[0]!,
    type: key.startsWith('B') ? 'B' : 'P',
  };
}
