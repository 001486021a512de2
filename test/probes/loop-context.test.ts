import { describe, expect, it } from 'vitest';
import { scanLines } from '../../src/facts/code-lines.js';
import { blockDoesWork } from '../../src/probes/loop-context.js';

const lines = (text: string) => scanLines({ path: 'train.py', text }, 'code');

describe('blockDoesWork: whether a loop or a function body does any work', () => {
  it('an epoch loop that only prints, or passes on one line, does none', () => {
    expect(blockDoesWork(lines('for epoch in range(3):\n    print(epoch)\n'), 0)).toBe(false);
    expect(blockDoesWork(lines('for epoch in range(3): pass\n'), 0)).toBe(false);
  });

  it('a body that calls or updates in place does some', () => {
    expect(blockDoesWork(lines('for epoch in range(3):\n    loss = step(model, batch)\n'), 0)).toBe(true);
    expect(blockDoesWork(lines('def train(w, g):\n    w -= 0.1 * g\n'), 0)).toBe(true);
  });

  it('a header that goes on over the next lines (an annotated signature) is judged by the body after its last line', () => {
    const sig = 'def train_one_epoch(model: nn.Module, loader: DataLoader,\n                    optimizer) -> float:\n';
    expect(blockDoesWork(lines(`${sig}    for x, y in loader:\n        optimizer.step()\n`), 0)).toBe(true);
    expect(blockDoesWork(lines(`${sig}    pass\n`), 0)).toBe(false);
    expect(blockDoesWork(lines('for epoch in range(\n        10):\n    fit_once(model)\n'), 0)).toBe(true);
    expect(blockDoesWork(lines('def train(model,\n          data): pass\n'), 0)).toBe(false);
  });

  it('a header whose brackets never close is not judged', () => {
    expect(blockDoesWork(lines('def train(model,\n'), 0)).toBe(null);
  });

  it('a line that is no block header is not judged', () => {
    expect(blockDoesWork(lines('x = 1\n'), 0)).toBe(null);
  });
});
