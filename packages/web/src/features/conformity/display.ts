import type { AssessmentStatus, CertificateValidity } from '@konform/core';

/** Dark shades: white badge text on them meets WCAG AA contrast (the default shades do not at badge size). */
export const statusColor = (status: AssessmentStatus) => ({ 'in-progress': 'blue.9', completed: 'teal.9', reopened: 'red.9' })[status];
export const validityColor = (validity: CertificateValidity) => ({ none: 'gray.7', 'not-yet-valid': 'gray.7', valid: 'teal.9', expiring: 'orange.9', expired: 'red.9' })[validity];
