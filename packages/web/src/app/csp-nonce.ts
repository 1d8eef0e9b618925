import { setNonce } from 'get-nonce';

/**
 * The server replaces the literal `__CSP_NONCE__` in index.html with the request's nonce.
 * Mantine puts it on the <style> tags it injects (getStyleNonce), and react-remove-scroll
 * (used by Mantine's Modal) takes it from get-nonce, so the strict style-src allows both.
 */
export function readCspNonce(): string {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  const nonce = content === '__CSP_NONCE__' ? '' : content;
  if (nonce !== '') setNonce(nonce);
  return nonce;
}
