// Summarises a V8 CPU profile (node --cpu-prof) the way bench/RESULTS.md shows it: self time by function,
// then inclusive time by file. Usage: node --import tsx bench/profile-summary.ts file.cpuprofile [top=25]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function summariseProfile(p: Profile, top = 25): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (const [i, id] of p.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const file = (n: Node) => n.callFrame.url.split('/').pop() || n.callFrame.url || '';
  const fnSelf = new Map<string, number>();
  const fileIncl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${file(n)}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
    const files = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = file(byId.get(cur)!);
      if (f) files.add(f);
    }
    for (const f of files) fileIncl.set(f, (fileIncl.get(f) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)} ${k}`);
  return [
    `total ms ${(total / 1000).toFixed(0)}`,
    '--- self time by function',
    ...rows(fnSelf),
    '--- inclusive by file',
    ...rows(fileIncl),
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const [path, top] = process.argv.slice(2);
  process.stdout.write(`${summariseProfile(JSON.parse(readFileSync(path, 'utf8')), Number(top ?? 25))}\n`);
}
