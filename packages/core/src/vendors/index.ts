export * from './names.js';
export * from './owed-documents.js';
export * from './questionnaire.js';
export * from './review.js';
