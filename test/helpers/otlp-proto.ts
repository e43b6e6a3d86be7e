import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/**
 * The official OpenTelemetry protocol definitions (opentelemetry-proto), as shipped in the
 * `build/protos` folder of `@opentelemetry/otlp-grpc-exporter-base@0.38.0` (installed under
 * the alias `opentelemetry-proto-files`; none of its code is used). Those files predate
 * opentelemetry-proto v1.5.0, which added `string event_name = 12;` to `LogRecord`; that one
 * field is added below, exactly as v1.5.0 defines it.
 */
const PROTO_ROOT = fileURLToPath(
  new URL('../../node_modules/opentelemetry-proto-files/build/protos/', import.meta.url),
);

const SERVICE_FILES = [
  'opentelemetry/proto/collector/trace/v1/trace_service.proto',
  'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
  'opentelemetry/proto/collector/logs/v1/logs_service.proto',
];

export type Signal = 'traces' | 'metrics' | 'logs';

export interface OtlpTypes {
  readonly requests: Readonly<Record<Signal, protobuf.Type>>;
  readonly responses: Readonly<Record<Signal, protobuf.Type>>;
}

let cached: OtlpTypes | undefined;

/** The OTLP export request and response types, loaded from the official .proto files. */
export function loadOtlpTypes(): OtlpTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(PROTO_ROOT, target));
  root.loadSync(SERVICE_FILES, { keepCase: false });
  const logRecord = root.lookupType('opentelemetry.proto.logs.v1.LogRecord');
  if (!logRecord.fields.eventName) logRecord.add(new protobuf.Field('eventName', 12, 'string'));
  root.resolveAll();
  const type = (name: string) => root.lookupType(name);
  cached = {
    requests: {
      traces: type('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
      metrics: type('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'),
      logs: type('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest'),
    },
    responses: {
      traces: type('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
      metrics: type('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse'),
      logs: type('opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse'),
    },
  };
  return cached;
}
