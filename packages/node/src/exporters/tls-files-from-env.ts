import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diag } from '@opentelemetry/api';
import type { OtlpSignal } from '../config/otlp-endpoints.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/otlp' });

const FILES = {
  ca: 'CERTIFICATE',
  cert: 'CLIENT_CERTIFICATE',
  key: 'CLIENT_KEY',
} as const;

/**
 * The TLS files the OTLP/HTTP exporter specification names, read as the OpenTelemetry JS
 * exporters read them: `OTEL_EXPORTER_OTLP_<SIGNAL>_<FILE>`, else `OTEL_EXPORTER_OTLP_<FILE>`,
 * a path relative to the working directory. A file that cannot be read is left out with a
 * diag warning, so the export fails the TLS handshake rather than the process.
 */
export function tlsFilesFromEnv(
  signal: OtlpSignal,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const files: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  for (const [option, suffix] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
    const specific = `OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_${suffix}`;
    const name = env[specific]?.trim() ? specific : `OTEL_EXPORTER_OTLP_${suffix}`;
    const path = env[name]?.trim();
    if (!path) continue;
    try {
      files[option] = readFileSync(resolve(process.cwd(), path));
    } catch (error) {
      log.warn(`cannot read ${name} (${path}); exporting ${signal} without it`, error);
    }
  }
  return files;
}
