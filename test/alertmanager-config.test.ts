import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/demo-process.js';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('amtool');
const CONFIG = path.join(REPO_ROOT, 'examples/fleet/alertmanager/alertmanager.yml');

function amtool(...args: string[]): Promise<{ code: number; output: string }> {
  const binary = availability.run ? (availability.paths.amtool as string) : 'amtool';
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
        output: `${stdout}${stderr}`,
      });
    });
  });
}

const receiversFor = async (...labels: string[]) => {
  const result = await amtool('config', 'routes', 'test', `--config.file=${CONFIG}`, ...labels);
  return result.output.split('\n')[0]?.trim();
};

describe.skipIf(!availability.run)('the example Alertmanager configuration, in the real amtool', () => {
  it('passes amtool check-config', async () => {
    const result = await amtool('check-config', CONFIG);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('routes by severity: critical to PagerDuty and Slack, warning to Slack, info to e-mail', async () => {
    expect(
      await receiversFor('severity=critical', 'alertname=AgentCostSpike', 'gen_ai_agent_name=support-bot'),
    ).toBe('pagerduty-oncall,slack-agents');
    expect(await receiversFor('severity=warning', 'alertname=AgentToolErrorRate')).toBe('slack-agents');
    expect(await receiversFor('severity=info', 'alertname=AgentTokenEfficiency')).toBe('email-agents');
  });

  it("sends AgentFleetCostSpike to the replicas' webhooks as well as to on-call", async () => {
    expect(
      await receiversFor('severity=critical', 'alertname=AgentFleetCostSpike', 'gen_ai_agent_name=billing'),
    ).toBe('agent-replicas,pagerduty-oncall,slack-agents');
  });
});
