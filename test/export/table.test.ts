import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/list.js';

describe('terminal tables', () => {
  it('aligns CJK text by display width and cuts the last column to the terminal', () => {
    const table = renderTable(['id', 'title'], [['1', '乡村振兴：全国脱贫人口务工规模达3145万人'], ['22', 'Short']], 24);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('id  title');
    expect(lines[1]).toBe('1   乡村振兴：全国脱贫…');
    expect(lines[2]).toBe('22  Short');
  });
});
