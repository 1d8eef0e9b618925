// Table types of account hygiene (migration 0033): the per-account lockout after failed sign-ins.
export interface AccountLockoutTable {
  /** The normalised e-mail address as typed at sign-in (also for addresses without an account). */
  email: string;
  /** Failed attempts since the last success (or unlock); from the fifth on each one locks the account. */
  failures: number;
  /** Until when sign-in is refused (ISO); null below the threshold. */
  locked_until: string | null;
  last_failure_at: string;
}
