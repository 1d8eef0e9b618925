/**
 * The server replaces the literal `__CSP_NONCE__` in index.html with the request's nonce;
 * Mantine puts it on the <style> tags it injects so the strict style-src allows them.
 */
export function readCspNonce(): string {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  return content === '__CSP_NONCE__' ? '' : content;
}
