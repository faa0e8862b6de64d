// Rewrites the rule table in README.md from the built CLI: node scripts/readme-rules.mjs (after npm run package).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const table = execFileSync(process.execPath, ['dist/cli.js', 'rules', '--format', 'markdown'], { encoding: 'utf8' });
const readme = readFileSync('README.md', 'utf8');
const updated = readme.replace(/(<!-- rules:start[^\n]*-->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table}$2`);
writeFileSync('README.md', updated);
