/**
 * Vendor names are unique regardless of case and whitespace: "Muster GmbH", " muster  gmbh " and "MUSTER GMBH" name
 * one vendor. The migration of the former free-text field (0013) applies the same rule (a frozen copy of it).
 */

/** The name as stored and shown: trimmed, runs of whitespace collapsed to one space. */
export function normaliseVendorName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** The key that decides uniqueness: the normalised name in lower case (locale-independent). */
export function vendorNameKey(name: string): string {
  return normaliseVendorName(name).toLowerCase();
}
