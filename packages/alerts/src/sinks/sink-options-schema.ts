import { z } from 'zod';
import { positiveDurationMs, positiveInteger } from '../config/common-schemas.js';

export const sinkOptionsShape = {
  name: z.string().min(1).optional(),
  maxQueueSize: positiveInteger.optional(),
  repeatIntervalMs: positiveDurationMs.optional(),
};

export const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

export const httpDeliveryShape = {
  headers: z.record(z.string().min(1), z.string()).optional(),
  timeoutMs: positiveDurationMs.optional(),
  retries: z.number().int().min(0).max(10).optional(),
  backoffMs: z.number().finite().nonnegative().optional(),
};
