import { describe, expect, it } from 'vitest';
import { loadOrder, parentsFirst, type TableInfo } from './tables.js';

const table = (name: string, refs: string[] = [], self = false): TableInfo => ({
  name,
  primaryKey: ['id'],
  references: [...refs.map((t) => ({ column: `${t}_id`, table: t })), ...(self ? [{ column: 'parent_id', table: name }] : [])],
});

describe('load order of a restore', () => {
  it('puts referenced tables before the tables that reference them', () => {
    const order = loadOrder([table('risk', ['ai_system']), table('ai_system', ['org_unit']), table('org_unit', [], true), table('setting')]).map((t) => t.name);
    expect(order.indexOf('org_unit')).toBeLessThan(order.indexOf('ai_system'));
    expect(order.indexOf('ai_system')).toBeLessThan(order.indexOf('risk'));
    expect(order).toHaveLength(4);
  });

  it('refuses tables whose foreign keys form a cycle', () => {
    expect(() => loadOrder([table('a', ['b']), table('b', ['a'])])).toThrow(/cycle/);
  });

  it('orders the rows of a self-referencing table parents first', () => {
    const rows = [{ id: 'c', parent_id: 'b' }, { id: 'b', parent_id: 'a' }, { id: 'a', parent_id: null }, { id: 'd', parent_id: 'a' }];
    const ordered = parentsFirst(rows, table('org_unit', [], true)).map((r) => r.id);
    expect(ordered).toHaveLength(4);
    for (const row of rows) if (row.parent_id) expect(ordered.indexOf(row.parent_id)).toBeLessThan(ordered.indexOf(row.id));
  });
});
