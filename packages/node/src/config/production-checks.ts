import type { ResolvedConfig } from '../types.js';

/**
 * Settings that are fine on a laptop but leak data in production. Returns one line per
 * violation (empty outside `prod`); `sourceOf` names the environment variable a setting came from.
 */
export function checkProduction(
  config: ResolvedConfig,
  sourceOf: (path: string) => string | undefined,
): string[] {
  if (config.environment !== 'prod') return [];
  const from = (path: string) => {
    const variable = sourceOf(path);
    return variable ? ` (from ${variable})` : '';
  };
  const issues: string[] = [];
  if (config.thoughts.enabled && !config.thoughts.redact) {
    issues.push(
      `thoughts.redact is false${from('thoughts.redact')}: thoughts would leave the process unredacted; remove it or set it to true`,
    );
  }
  if (config.console) {
    issues.push(
      `console is true${from('console')}: console exporters print every span and thought to stdout; remove it or set it to false`,
    );
  }
  const verbose = config.logger.level === 'debug' || config.logger.level === 'trace';
  if (config.thoughts.enabled && config.thoughts.toLogger && verbose) {
    issues.push(
      `thoughts.toLogger is true${from('thoughts.toLogger')} with logger.level=${config.logger.level}${from('logger.level')}: thought content would be written to the debug log; set thoughts.toLogger to false or raise the level to info`,
    );
  }
  return issues;
}
