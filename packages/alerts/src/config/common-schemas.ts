import { ALERT_SEVERITIES } from '@agentvitals/core';
import { z } from 'zod';

/** Prometheus/Alertmanager label names. */
export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A duration in milliseconds: finite and not negative. */
export const durationMs = z.number().finite().nonnegative();

/** A duration in milliseconds that must be positive. */
export const positiveDurationMs = z.number().finite().positive();

export const severitySchema = z.enum(ALERT_SEVERITIES);

export const ruleActionSchema = z.enum(['alert', 'trip']);

export const labelsSchema = z.record(
  z.string().regex(LABEL_NAME, 'label names must match [A-Za-z_][A-Za-z0-9_]*'),
  z.string(),
);

export const annotationsSchema = z.record(z.string().min(1), z.string());

/** A finite, non-negative number. */
export const nonNegative = z.number().finite().nonnegative();

/** A positive whole number. */
export const positiveInteger = z.number().int().positive();

/** A ratio in 0..1. */
export const ratio = z.number().finite().min(0).max(1);
