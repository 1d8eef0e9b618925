/** Polls until the condition holds or the deadline passes; for waiting on background work, never for timing. */
export async function waitFor(condition: () => Promise<boolean> | boolean, deadlineMs = 20_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 20));
  }
}
