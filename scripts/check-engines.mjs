// Says which Node runs what: npm itself (the system Node) and npm scripts (the pinned Node 24
// from the `node` devDependency), and whether the scripts' Node meets the packages' engines.
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const required = root.engines.node;
const [major, minor] = process.versions.node.split('.').map(Number);
const [needMajor, needMinor] = required.replace('>=', '').split('.').map(Number);
const meets = major > needMajor || (major === needMajor && minor >= needMinor);
const npmNode = process.env.npm_node_execpath ?? '(not run through npm)';
console.log(`npm scripts run on Node ${process.version} (${process.execPath})`);
console.log(`npm itself runs on ${npmNode}`);
console.log(`the packages need Node ${required}: ${meets ? 'met' : 'NOT met'} by the scripts' Node`);
process.exit(meets ? 0 : 1);
