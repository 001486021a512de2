import { it } from 'vitest';
import { audit, detected, rule } from './attack-audit.js';
import { noData } from './review15-repos.js';
const GPT = 'import torch\ntext = open("input.txt").read()\ndata = torch.tensor(encode(text))\n';
it('block corpus', async () => {
  const words = Array.from({ length: 110 }, (_, i) => "w" + String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26)) + "ord");
  const para = words.join(' ') + '\n';
  console.log('para len', para.length);
  const base = await audit(noData());
  for (const p of [para, para + 'x', words.join('\n') + '\n']) {
    const r = await audit(noData({ 'input.txt': p.repeat(Math.ceil(120000 / p.length)), 'gpt.py': GPT }));
    console.log(p.length, base.score, r.score, rule(r, 'stage-data').score, detected(r));
  }
}, 60000);
