// Runs before `npm install`, `npm start` and `npm test`: on a Node.js older than package.json's
// engines.node, say which version is needed and how to get it, instead of failing later with a
// syntax or native-module error. Kept to syntax that old Node versions parse.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const need = /(\d+)\.(\d+)/.exec(pkg.engines.node);
const have = process.versions.node.split('.').map(Number);
const needMajor = Number(need[1]);
const needMinor = Number(need[2]);

if (have[0] < needMajor || (have[0] === needMajor && have[1] < needMinor)) {
  process.stderr.write(
    [
      '',
      `Vigil needs Node.js ${needMajor}.${needMinor} or newer (24 LTS is the one it is tested on).`,
      `This is Node.js ${process.versions.node} (${process.execPath}).`,
      '',
      'Install Node.js 24 LTS, or let this repository fetch it from the npm registry for this shell:',
      '',
      '  eval "$(bash scripts/use-node.sh)"',
      '',
      'then run the command again. (README.md, "Two commands", says more.)',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
