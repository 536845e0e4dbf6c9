import { describe, expect, it } from 'vitest';
import { type ChannelCommand, channelDecider } from '../../../src/domain/channel/channel.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { ConflictError, NotFoundError } from '../../../src/domain/shared/errors.js';

const now = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-01T10:15:00Z');
const ref = { tenantId: 't1', channelId: 'c1' } as const;
const connect: ChannelCommand = {
  type: 'ConnectChannel',
  ...ref,
  channelType: 'woocommerce',
  name: 'Webshop',
  baseUrl: 'http://shop.test/wp-json/wc/v3',
  credentials: { keyId: 'k1', sealed: 'AAAA' },
  mode: 'automatic',
  pollIntervalMinutes: 15,
  catalog: { supplyType: 'goods', vatClasses: {} },
  now,
};
const given = (...commands: ChannelCommand[]) => {
  const history: ReturnType<typeof channelDecider.decide> = [];
  for (const command of commands)
    history.push(...channelDecider.decide(command, fold(channelDecider, history)));
  return fold(channelDecider, history);
};
const synced = (changedTo: string, advancesCursor = true): ChannelCommand => ({
  type: 'RecordSync',
  ...ref,
  syncId: `s-${changedTo}`,
  range: { changedFrom: '2026-12-01T09:50:00.000Z', changedTo },
  ordersSeen: 3,
  ordersRecorded: 2,
  errors: [],
  advancesCursor,
  now: later,
});

describe('channel connection (given commands, then state)', () => {
  it('starts its cursor at the moment it was connected, and connects once', () => {
    expect(given(connect)).toMatchObject({ status: 'connected', cursor: now.toISOString(), paused: false });
    expect(() => given(connect, connect)).toThrow(ConflictError);
  });

  it('advances the cursor only for regular polls, never backwards, and a sync clears the last error', () => {
    const failed: ChannelCommand = {
      type: 'RecordSyncFailure',
      ...ref,
      syncId: 'x',
      reason: 'HTTP 503',
      now,
    };
    expect(given(connect, failed)).toMatchObject({ lastError: 'HTTP 503' });
    const state = given(connect, failed, synced('2026-12-01T10:15:00.000Z'));
    expect(state).toMatchObject({ cursor: '2026-12-01T10:15:00.000Z', lastSyncAt: later.toISOString() });
    expect(state).not.toHaveProperty('lastError');
    expect(
      given(connect, synced('2026-12-01T10:15:00.000Z'), synced('2026-12-01T10:05:00.000Z')),
    ).toMatchObject({
      cursor: '2026-12-01T10:15:00.000Z',
    });
    expect(given(connect, synced('2026-12-01T10:30:00.000Z', false))).toMatchObject({
      cursor: now.toISOString(),
    });
  });

  it('records only what changed, and nothing for an unknown channel', () => {
    const change: ChannelCommand = {
      type: 'ChangeChannel',
      ...ref,
      mode: 'automatic',
      pollIntervalMinutes: 5,
      now,
    };
    const events = channelDecider.decide(change, given(connect));
    expect(events).toEqual([
      { type: 'ChannelChanged', data: { ...ref, pollIntervalMinutes: 5, at: now.toISOString() } },
    ]);
    expect(channelDecider.decide({ ...change, pollIntervalMinutes: 15 }, given(connect))).toEqual([]);
    expect(() => channelDecider.decide(change, channelDecider.initialState)).toThrow(NotFoundError);
  });
});
