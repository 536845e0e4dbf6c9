import { describe, expect, it } from 'vitest';
import {
  type BolOrderQuery,
  bolQueryParameters,
  bolWindow,
  decodeBolPageToken,
  encodeBolPageToken,
  firstBolQuery,
  nextBolQuery,
} from '../../../../src/adapters/channels/bol/bol-order-window.js';
import { ValidationError } from '../../../../src/domain/shared/errors.js';

const NOW = new Date('2026-11-23T12:00:00.000Z');

/** Every query the range needs, walking pages of `received` orders each. */
const walk = (changedFrom: string, changedTo?: string, received = 0): BolOrderQuery[] => {
  const window = bolWindow({ changedFrom, ...(changedTo && { changedTo }) });
  const queries: BolOrderQuery[] = [];
  for (let query = firstBolQuery(window, NOW); query; query = nextBolQuery(query, received, window, NOW)) {
    queries.push(query);
  }
  return queries;
};

describe('bol order queries', () => {
  it('polls a recent range with change-interval-minute, one minute to spare', () => {
    expect(walk('2026-11-23T11:45:00Z')).toEqual([{ kind: 'interval', minutes: 16, page: 1 }]);
    expect(walk('2026-11-23T11:01:30Z')).toEqual([{ kind: 'interval', minutes: 60, page: 1 }]);
    expect(walk('2026-11-23T11:59:59Z')).toEqual([{ kind: 'interval', minutes: 2, page: 1 }]);
  });

  it('asks an older range day by day, from the UTC date of its start to the Amsterdam date of its end', () => {
    // 23:30 UTC is already the next day in Amsterdam: both days are asked.
    expect(walk('2026-11-19T23:30:00Z', '2026-11-21T23:30:00Z').map((query) => query)).toEqual([
      { kind: 'day', date: '2026-11-19', page: 1 },
      { kind: 'day', date: '2026-11-20', page: 1 },
      { kind: 'day', date: '2026-11-21', page: 1 },
      { kind: 'day', date: '2026-11-22', page: 1 },
    ]);
    // Open-ended: up to today.
    expect(walk('2026-11-22T08:00:00Z').map((query) => query.kind === 'day' && query.date)).toEqual([
      '2026-11-22',
      '2026-11-23',
    ]);
  });

  it('asks the next page after a full one (50 orders)', () => {
    const window = bolWindow({ changedFrom: '2026-11-23T11:50:00Z' });
    const first = firstBolQuery(window, NOW)!;
    expect(nextBolQuery(first, 50, window, NOW)).toEqual({ kind: 'interval', minutes: 11, page: 2 });
    expect(nextBolQuery({ ...first, page: 2 }, 49, window, NOW)).toBeUndefined();
    const day: BolOrderQuery = { kind: 'day', date: '2026-11-20', page: 3 };
    expect(nextBolQuery(day, 50, bolWindow({ changedFrom: '2026-11-20T00:00:00Z' }), NOW)).toEqual({
      ...day,
      page: 4,
    });
  });

  it('starts at the oldest day bol keeps (3 months) and refuses a range entirely before it', () => {
    expect(walk('2026-01-01T00:00:00Z', '2026-08-25T00:00:00Z')[0]).toEqual({
      kind: 'day',
      date: '2026-08-24',
      page: 1,
    });
    expect(() => walk('2026-01-01T00:00:00Z', '2026-08-20T00:00:00Z')).toThrow(ValidationError);
  });

  it('has nothing to ask for an empty range', () => {
    expect(walk('2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')).toEqual([]);
  });

  it('refuses a range that is not made of date-times', () => {
    expect(() => bolWindow({ changedFrom: 'yesterday' })).toThrow(ValidationError);
  });

  it('sends every fulfilment method and status, the change filter and the page', () => {
    expect(Object.fromEntries(bolQueryParameters({ kind: 'interval', minutes: 16, page: 1 }))).toEqual({
      'fulfilment-method': 'ALL',
      status: 'ALL',
      'change-interval-minute': '16',
      page: '1',
    });
    expect(bolQueryParameters({ kind: 'day', date: '2026-11-20', page: 2 }).toString()).toBe(
      'fulfilment-method=ALL&status=ALL&latest-change-date=2026-11-20&page=2',
    );
  });

  it('round-trips page tokens and refuses foreign ones', () => {
    const queries: BolOrderQuery[] = [
      { kind: 'interval', minutes: 16, page: 2 },
      { kind: 'day', date: '2026-11-20', page: 7 },
    ];
    for (const query of queries) expect(decodeBolPageToken(encodeBolPageToken(query))).toEqual(query);
    for (const token of ['2', 'interval:61:2', 'interval:0:1', 'day:2026-11-20:0', 'cursor:abc']) {
      expect(() => decodeBolPageToken(token), token).toThrow(ValidationError);
    }
  });
});
