import type { Assignment } from '@konform/core';

/** Who acts: passed first to every service method. */
export interface Actor {
  userId: string | null;
  label: string;
  assignments: Assignment[];
  clientAddress: string | null;
  via: 'session' | 'token' | 'system';
}

/** The actor for work the platform does itself (first start, demo loader, CLI). */
export function systemActor(label = 'system'): Actor {
  return {
    userId: null,
    label,
    assignments: [{ orgUnitId: '*', role: 'admin' }],
    clientAddress: null,
    via: 'system',
  };
}
