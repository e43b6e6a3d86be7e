import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolvePrometheusRuleOptions } from '../generate/prometheus-rule-options.js';
import { generatePrometheusRules } from '../generate/prometheus-rules.js';
import { durationSeconds } from '../generate/promql.js';
import { defaultRules } from '../rules/default-rules.js';
import { ALERT_CATALOG, type AlertCatalogEntry, formatDuration } from './alert-catalog.js';

const entries = Object.entries(ALERT_CATALOG) as [string, AlertCatalogEntry][];
const inProcess = new Map(defaultRules().map((rule) => [rule.name, rule]));
const generated = new Map(
  (generatePrometheusRules({ runbookUrl: false }).groups[0]?.rules ?? []).map((rule) => [rule.alert, rule]),
);
const resolved = new Map(resolvePrometheusRuleOptions().rules.map((rule) => [rule.name, rule]));

describe('ALERT_CATALOG', () => {
  it('is the set of alerts on both sides: every default rule and every generated rule has an entry', () => {
    expect([...inProcess.keys()].sort()).toEqual(
      entries
        .filter(([, entry]) => entry.inProcess !== undefined)
        .map(([name]) => name)
        .sort(),
    );
    expect([...generated.keys()]).toEqual(
      entries.filter(([, entry]) => entry.prometheus).map(([name]) => name),
    );
  });

  it.each(entries)(
    '%s: the in-process and the generated rule agree with the table and with each other',
    (name, entry) => {
      const rule = inProcess.get(name);
      const prometheus = generated.get(name);
      const settings = resolved.get(name as never);
      if (rule !== undefined) {
        const binding = entry.inProcess!;
        const thresholds = rule.thresholds as Record<string, number>;
        expect(rule.severity).toBe(entry.severity);
        expect(rule.forMs).toBe(entry.forMs);
        expect(rule.action).toBe(binding.action);
        expect(thresholds[binding.thresholdOption]).toBe(
          (entry.threshold ?? Number.NaN) * binding.thresholdScale,
        );
        if (binding.windowOption !== undefined) expect(thresholds[binding.windowOption]).toBe(entry.windowMs);
        if (binding.minCountOption !== undefined)
          expect(thresholds[binding.minCountOption]).toBe(entry.minCount);
        expect(rule.annotations.description).toBe(
          entry.description({
            threshold: entry.threshold ?? Number.NaN,
            window: formatDuration(entry.windowMs ?? 0),
            for: formatDuration(entry.forMs),
            minCount: entry.minCount ?? 0,
          }),
        );
      }
      if (prometheus !== undefined && settings !== undefined) {
        expect(prometheus.labels.severity).toBe(entry.severity);
        expect(durationSeconds(prometheus.for ?? '0s') * 1000).toBe(entry.forMs);
        expect(settings.threshold).toBe(entry.threshold);
        expect(settings.window === undefined ? undefined : durationSeconds(settings.window) * 1000).toBe(
          entry.windowMs,
        );
        expect(settings.minCount).toBe(entry.minCount);
        if (entry.threshold !== undefined) expect(prometheus.expr).toContain(`> ${entry.threshold}`);
      }
      if (rule !== undefined && prometheus !== undefined) {
        expect(prometheus.labels.severity).toBe(rule.severity);
        expect(durationSeconds(prometheus.for ?? '0s') * 1000).toBe(rule.forMs);
        expect(prometheus.annotations.description).toBe(rule.annotations.description);
      }
    },
  );

  it('describes an overridden threshold as it is, on both sides', () => {
    const [rule] = defaultRules({
      costRate: { maxUsdPerHour: 20 },
      staleHeartbeat: false,
      consecutiveFailures: false,
      repeatedCalls: false,
      tokenEfficiency: false,
      runDuration: false,
      negativeSentiment: false,
      escalationBacklog: false,
      errorRate: false,
    });
    const cost = generatePrometheusRules({
      rules: { AgentCostSpike: { threshold: 20 } },
    }).groups[0]?.rules.find((candidate) => candidate.alert === 'AgentCostSpike');
    expect(rule?.annotations.description).toContain('above 20 USD per hour');
    expect(cost?.annotations.description).toBe(rule?.annotations.description);
  });

  it('is what the alert table of docs/prometheus.md says (`for` and severity)', () => {
    const doc = readFileSync(new URL('../../../../docs/prometheus.md', import.meta.url), 'utf8');
    for (const [name, entry] of entries.filter(([, candidate]) => candidate.prometheus)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| ${name} |`));
      expect(row, name).toBeDefined();
      const cells = row!.split('|').map((cell) => cell.trim());
      expect(cells[4], `${name} for`).toBe(formatDuration(entry.forMs));
      expect(cells[5], `${name} severity`).toBe(entry.severity);
    }
  });

  it('writes durations the way Prometheus does', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(600_000)).toBe('10m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(5_400_250)).toBe('1h30m250ms');
    for (const ms of [1, 999, 61_000, 86_400_000])
      expect(durationSeconds(formatDuration(ms)) * 1000).toBe(ms);
  });
});
