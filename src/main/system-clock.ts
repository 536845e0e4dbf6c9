import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../domain/shared/clock.js';

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { newId: () => randomUUID() };
