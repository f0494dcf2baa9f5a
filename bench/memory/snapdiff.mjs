// `node bench/memory/snapdiff.mjs a.heapsnapshot b.heapsnapshot`: what grew from snapshot a to b, by
// node type and constructor name (size in bytes, count), largest first (TOP=40 rows).
import { readFileSync } from 'node:fs';
function summary(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const n = f.length;
  const iType = f.indexOf('type'),
    iName = f.indexOf('name'),
    iSize = f.indexOf('self_size');
  const out = new Map();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += n) {
    const type = types[nodes[i + iType]];
    let name = snap.strings[nodes[i + iName]];
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string')
      name = `(string) ${name.slice(0, 60)}`;
    else name = `${type}:${name.slice(0, 80)}`;
    const e = out.get(name) ?? { count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + iSize];
    out.set(name, e);
  }
  return out;
}
const a = summary(process.argv[2]);
const b = summary(process.argv[3]);
const rows = [];
for (const [k, v] of b) {
  const o = a.get(k) ?? { count: 0, size: 0 };
  if (v.count !== o.count || v.size !== o.size) rows.push([k, v.count - o.count, v.size - o.size]);
}
rows.sort((x, y) => y[2] - x[2]);
for (const r of rows.slice(0, Number(process.env.TOP ?? 40)))
  console.log(String(r[2]).padStart(9), String(r[1]).padStart(6), r[0]);
