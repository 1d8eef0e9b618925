import { describe, expect, it } from 'vitest';
import { AiSystemCreate, AiSystemListQuery, AiSystemUpdate } from './systems.js';
import { diffRecords } from '../audit/changes.js';

const unit = '11111111-1111-4111-8111-111111111111';

describe('AI system schemas', () => {
  it('fills defaults and trims text', () => {
    const parsed = AiSystemCreate.parse({ name: '  OCR  ', purpose: 'Texterkennung', orgUnitId: unit, roles: ['deployer'] });
    expect(parsed).toMatchObject({ name: 'OCR', lifecycleStage: 'planned', sourcing: 'in-house', autonomy: 'human-in-the-loop', tags: [] });
  });

  it('requires a vendor for procured systems and rejects unknown fields', () => {
    const procured = AiSystemCreate.safeParse({ name: 'x', purpose: 'y', orgUnitId: unit, roles: ['deployer'], sourcing: 'procured' });
    expect(procured.success).toBe(false);
    expect(procured.error?.issues.map((i) => i.path.join('.'))).toEqual(['vendor']);
    // A linked vendor record names the vendor as well.
    expect(AiSystemCreate.safeParse({ name: 'x', purpose: 'y', orgUnitId: unit, roles: ['deployer'], sourcing: 'procured', vendorId: unit }).success).toBe(true);
    expect(AiSystemUpdate.safeParse({ version: 1, colour: 'red' }).success).toBe(false);
  });

  it('accepts only known sort fields, with an optional leading minus', () => {
    expect(AiSystemListQuery.parse({ sort: '-updatedAt' }).sort).toBe('-updatedAt');
    expect(AiSystemListQuery.safeParse({ sort: 'password' }).success).toBe(false);
    expect(AiSystemListQuery.safeParse({ sort: 'name;drop' }).success).toBe(false);
    expect(AiSystemListQuery.parse({ limit: '25', offset: '50' })).toMatchObject({ limit: 25, offset: 50, archived: 'false' });
  });
});

describe('field-level changes', () => {
  it('lists changed fields with before and after, ignoring bookkeeping', () => {
    expect(diffRecords({ name: 'a', tags: ['x'], version: 1 }, { name: 'b', tags: ['x'], version: 2 })).toEqual([{ field: 'name', before: 'a', after: 'b' }]);
    expect(diffRecords(null, { name: 'a' })).toEqual([{ field: 'name', before: null, after: 'a' }]);
  });
});
