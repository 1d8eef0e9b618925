/** The intake contract lives in @konform/core (schemas/intakes.ts); this file names what the UI uses. */
export {
  INTAKE_STATUSES,
  type AdviceEntry as Advice,
  type Intake,
  type IntakeAccept,
  type IntakeAccepted,
  type IntakeCreate,
  type IntakeDecline,
  type IntakeDetail,
  type IntakeStatus,
  type PersonRef,
} from '@konform/core';
