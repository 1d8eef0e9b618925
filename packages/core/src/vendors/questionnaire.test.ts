import { describe, expect, it } from 'vitest';
import { SUPPLIER_QUESTION_TOPICS, SUPPLIER_QUESTIONS } from './questionnaire.js';

describe('supplier questionnaire', () => {
  it('has unique ids and German and English text for every question', () => {
    expect(new Set(SUPPLIER_QUESTIONS.map((q) => q.id)).size).toBe(SUPPLIER_QUESTIONS.length);
    for (const q of SUPPLIER_QUESTIONS) {
      expect(q.text.de.trim(), q.id).not.toBe('');
      expect(q.text.en.trim(), q.id).not.toBe('');
      expect(q.text.de, q.id).not.toBe(q.text.en);
    }
  });

  it('covers every topic, in topic order', () => {
    const topics = SUPPLIER_QUESTIONS.map((q) => q.topic);
    expect([...new Set(topics)]).toEqual([...SUPPLIER_QUESTION_TOPICS]);
    expect(topics).toEqual([...topics].sort((a, b) => SUPPLIER_QUESTION_TOPICS.indexOf(a) - SUPPLIER_QUESTION_TOPICS.indexOf(b)));
  });
});
