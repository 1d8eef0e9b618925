import type { Assignment, Marking, Permission } from '@konform/core';

/** Who acts: passed first to every service method. */
export interface Actor {
  userId: string | null;
  label: string;
  assignments: Assignment[];
  clientAddress: string | null;
  via: 'session' | 'token' | 'system';
  /** The highest classification level the actor may read (the user's clearance; an API token acts with its owner's). */
  clearance: Marking;
  /** Set when the actor is a scoped API token: what it may do on top of (never beyond) its owner's roles. */
  limits?: TokenLimits;
  /** The session's id (SHA-256 of its token) when the actor signed in with a session cookie. */
  sessionId?: string;
  /** A session of an administrator who must enrol TOTP first (policy): only sign-in and enrolment routes answer. */
  mfaEnrolmentRequired?: boolean;
}

/**
 * The limits of an API token. `null` means no limit of that kind. The route gate checks `permissions`;
 * `access/scope.ts` narrows every unit scope by all three and refuses records of other systems.
 */
export interface TokenLimits {
  tokenId: string;
  permissions: readonly Permission[] | null;
  systemIds: readonly string[] | null;
  orgUnitIds: readonly string[] | null;
}

/** The actor for work the platform does itself (first start, demo loader, CLI). */
export function systemActor(label = 'system'): Actor {
  return {
    userId: null,
    label,
    assignments: [{ orgUnitId: '*', role: 'admin' }],
    clientAddress: null,
    via: 'system',
    // The platform's own work (jobs, first start, CLI) handles every record it holds.
    clearance: 'VS-NfD',
  };
}
