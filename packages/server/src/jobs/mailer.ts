import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. X-Konform-Notification with the notification's id (lets receivers spot a duplicate). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Removes credentials from a URL or an error text before anything is logged or stored. */
export function redactCredentials(text: string): string {
  return text.replace(/(\w+:\/\/)[^/@\s]*@/g, '$1***@');
}

/**
 * The outgoing mail of the reminder engine, or null when KONFORM_SMTP_URL is unset (the default: no mail).
 * `smtpUrl` as nodemailer reads it: smtp://host:25, smtps://user:password@host:465, smtp://host:587?requireTLS=true.
 */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, headers: message.headers ?? {} });
    },
    close: () => transport.close(),
  };
}

/**
 * True when an SMTP failure certainly means the message was not accepted: the server refused it with a reply code,
 * or no connection came about. Only then may a later attempt send it again; any other failure (a connection lost
 * mid-transfer, a timeout) might have delivered it, so it is not retried.
 */
export function certainlyNotSent(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  return e.code === 'ECONNECTION' || e.code === 'EDNS' || e.code === 'ECONNREFUSED';
}
