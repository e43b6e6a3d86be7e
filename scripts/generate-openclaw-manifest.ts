// Writes packages/openclaw/openclaw.plugin.json (the plugin manifest OpenClaw reads) with the
// configuration's JSON Schema generated from the zod schema the plugin validates with.
// Run `npm run format` afterwards; packages/openclaw/src/plugin.test.ts checks they agree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pluginConfigJsonSchema } from '../packages/openclaw/src/config/plugin-config.js';
import { PLUGIN_DESCRIPTION, PLUGIN_ID, PLUGIN_NAME } from '../packages/openclaw/src/plugin.js';

const target = fileURLToPath(new URL('../packages/openclaw/openclaw.plugin.json', import.meta.url));
const manifest = {
  id: PLUGIN_ID,
  name: PLUGIN_NAME,
  description: PLUGIN_DESCRIPTION,
  activation: { onStartup: true },
  configSchema: pluginConfigJsonSchema(),
};
writeFileSync(target, `${JSON.stringify(manifest, null, 2)}\n`);
