import { createRedactor, createVitals, type Vitals, type VitalsOptions } from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { createAlertWebhook } from './alert-webhook/alert-webhook.js';
import { resolveConfig } from './config/resolve-config.js';
import { buildOrRefuse } from './config/vitals-configuration-error.js';
import { countingMetricExporter, countingSpanExporter } from './drops/counting-exporters.js';
import { DroppedTelemetry } from './drops/dropped-telemetry.js';
import { spanQueueDropsMeterProvider } from './drops/span-queue-drops.js';
import { createExporters } from './exporters/create-exporters.js';
import { claimProcess } from './lifecycle/active-instance.js';
import { type ExitFlush, installExitFlush } from './lifecycle/exit-flush.js';
import { registerGlobals } from './lifecycle/global-registration.js';
import { installSignalHandlers, type SignalHandlers } from './lifecycle/signal-handlers.js';
import { withTimeout } from './lifecycle/with-timeout.js';
import { createLogger } from './logger/create-logger.js';
import { ThoughtLogProcessor } from './logger/thought-log-processor.js';
import { createLoggerProvider } from './logs/create-logger-provider.js';
import { createMeterProvider } from './metrics/create-meter-provider.js';
import { type ProcessMetrics, startProcessMetrics } from './metrics/process-metrics.js';
import { type RunningPrometheusEndpoint, startPrometheusEndpoint } from './metrics/prometheus-endpoint.js';
import { createResource } from './resource/create-resource.js';
import { createTracerProvider } from './traces/create-tracer-provider.js';
import type { AgentVitalsNode, ResolvedConfig, StartOptions } from './types.js';
import { SCOPE_NAME, SCOPE_VERSION } from './version.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node' });

type ExtraVitalsOptions = Omit<VitalsOptions, 'meterProvider' | 'tracerProvider' | 'loggerProvider'>;

/**
 * Starts Agent Vitals for this process: validates the configuration, binds the Prometheus
 * endpoint, builds the metric, trace and log pipelines, registers them as the OTel globals,
 * and returns `av` with the vitals and a correlated pino logger. Rejects with one clear error
 * for a bad configuration or a port in use, leaving nothing behind.
 */
export async function start(options: StartOptions = {}): Promise<AgentVitalsNode> {
  const config = resolveConfig(options);
  const release = config.disabled ? () => {} : claimProcess(config.serviceName);
  const cleanup: Array<() => unknown> = [release];
  try {
    return await build(config, cleanup);
  } catch (error) {
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch (cleanupError) {
        log.warn('cleanup after a failed start failed', cleanupError);
      }
    }
    throw error;
  }
}

async function build(config: ResolvedConfig, cleanup: Array<() => unknown>): Promise<AgentVitalsNode> {
  const live = !config.disabled;
  let prometheus: RunningPrometheusEndpoint | undefined;
  if (live && config.prometheus.enabled) {
    prometheus = await startPrometheusEndpoint({
      ...config.prometheus,
      ...(config.alertWebhook ? { extraRoute: createAlertWebhook(config.alertWebhook) } : {}),
    });
    cleanup.push(() => prometheus?.close());
  }
  const resource = await createResource(config);
  const exporters = await createExporters(config);
  cleanup.push(() => exporters.abandon());

  // One redactor for every exported string outside thoughts: the built-ins and the configured patterns.
  const redact = buildOrRefuse(() => createRedactor({ patterns: config.thoughts.patterns }), 'thoughts.');
  const dropped = new DroppedTelemetry(config.agentName);

  let vitals: Vitals | undefined;
  const logger = createLogger({
    level: config.logger.level,
    serviceName: config.serviceName,
    agentName: config.agentName,
    destination: config.logger.destination,
    requestId: () => vitals?.currentRequestId(),
    redact,
  });

  // Disabled: a bare provider (no reader, no view) for `av.meterProvider`; nothing records into it.
  const meterProvider = !live
    ? new MeterProvider({ resource })
    : createMeterProvider({
        resource,
        cardinalityLimit: config.metrics.cardinalityLimit,
        genAiStreams: config.metrics.genAiStreams,
        exportIntervalMs: config.metrics.exportIntervalMs,
        exportTimeoutMs: config.otlp.timeoutMs,
        pullReaders: prometheus ? [prometheus.reader] : [],
        pushExporters: exporters.metrics.map((exporter) => countingMetricExporter(exporter, dropped)),
      });
  dropped.bind(meterProvider.getMeter(SCOPE_NAME, SCOPE_VERSION));
  const tracerProvider = createTracerProvider(
    resource,
    exporters.spans.map((exporter) => countingSpanExporter(exporter, dropped)),
    spanQueueDropsMeterProvider(dropped),
  );
  const thoughtsToLogger = config.thoughts.enabled && config.thoughts.toLogger;
  const logPipeline = createLoggerProvider({
    resource,
    exporters: exporters.logs,
    extra: thoughtsToLogger ? [new ThoughtLogProcessor(logger)] : [],
    redact,
    dropped,
    exportTimeoutMillis: config.otlp.timeoutMs,
  });
  const loggerProvider = logPipeline.provider;
  const providers = { meterProvider, tracerProvider, loggerProvider };
  // Disabled, the vitals get no providers: they record through the OTel API's no-ops (or whatever
  // SDK the application registered itself), the same path as vitals created without start().
  const vitalsProviders = live ? providers : {};
  // Metrics last, so that what the log and span pipelines lost while shutting down is counted and exported.
  const shutdownProviders = async () => {
    const first = await Promise.allSettled([tracerProvider.shutdown(), loggerProvider.shutdown()]);
    return [...first, ...(await Promise.allSettled([meterProvider.shutdown()]))];
  };
  cleanup.push(shutdownProviders);

  const globals = registerGlobals(live ? providers : undefined);
  cleanup.push(() => globals.undo());

  const thoughts = {
    enabled: config.thoughts.enabled,
    redact: config.thoughts.redact,
    patterns: config.thoughts.patterns,
    maxBytes: config.thoughts.maxBytes,
  };
  const makeVitals = (options: ExtraVitalsOptions): Vitals => {
    if (config.environment === 'prod' && options.thoughts?.redact === false) {
      throw new TypeError(
        'thoughts.redact=false is refused in prod: thoughts would leave the process unredacted',
      );
    }
    return createVitals({
      tracing: config.tracing,
      ...options,
      thoughts: { ...thoughts, ...options.thoughts },
      ...vitalsProviders,
    });
  };
  vitals = buildOrRefuse(
    () => makeVitals({ ...config.vitals, agentName: config.agentName, guard: config.guard }),
    'vitals.',
  );

  let processMetrics: ProcessMetrics | undefined;
  if (live && config.metrics.processMetrics) {
    processMetrics = startProcessMetrics(meterProvider.getMeter(SCOPE_NAME, SCOPE_VERSION), {
      heartbeatIntervalMs: config.metrics.heartbeatIntervalMs,
      clock: config.vitals?.clock,
    });
    cleanup.push(() => processMetrics?.stop());
  }

  const timeoutMs = config.shutdownTimeoutMs;
  const flush = async () => {
    const flushed = Promise.allSettled([
      tracerProvider.forceFlush(),
      loggerProvider.forceFlush(),
      meterProvider.forceFlush(),
    ]).then(reportFailures('flush'));
    if (!(await withTimeout(flushed, timeoutMs))) log.warn(`flush did not finish within ${timeoutMs} ms`);
  };

  let signalHandlers: SignalHandlers | undefined;
  let exitFlush: ExitFlush | undefined;
  let shuttingDown: Promise<void> | undefined;
  const release = cleanup[0]!;
  const shutdown = () => {
    shuttingDown ??= (async () => {
      signalHandlers?.remove();
      exitFlush?.remove();
      processMetrics?.stop();
      const finished = await withTimeout(
        Promise.allSettled([shutdownProviders().then(reportFailures('shutdown')), prometheus?.close()]),
        timeoutMs,
      );
      if (!finished) {
        logPipeline.abandon();
        log.warn(`shutdown did not finish within ${timeoutMs} ms; telemetry still buffered was dropped`);
        logger.warn(
          { timeout_ms: timeoutMs },
          'Agent Vitals shutdown timed out; telemetry still buffered was dropped',
        );
      }
      // Whatever is still in flight was given up: its connections must not hold the process open.
      exporters.abandon();
      globals.undo();
      release();
      logger.flush();
    })();
    return shuttingDown;
  };

  if (live && config.signals.length > 0) signalHandlers = installSignalHandlers(config.signals, shutdown);
  if (live) exitFlush = installExitFlush(shutdown);

  return {
    vitals,
    logger,
    config,
    ...(prometheus ? { prometheus: prometheus.endpoint } : {}),
    meterProvider,
    tracerProvider,
    loggerProvider,
    createVitals: makeVitals,
    flush,
    shutdown,
  };
}

function reportFailures(operation: string) {
  return (results: PromiseSettledResult<unknown>[]) => {
    for (const result of results) {
      if (result.status === 'rejected')
        log.warn(`${operation} of a telemetry pipeline failed`, result.reason);
    }
  };
}
