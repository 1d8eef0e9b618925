/** The questionnaire's data model and its pure functions live in @konform/core; the UI never re-implements them. */
export {
  answersToFacts,
  visibleQuestions,
  type AnswerValue,
  type Answers,
  type Questionnaire,
  type QuestionnaireQuestion,
  type QuestionnaireSection,
} from '@konform/core';
