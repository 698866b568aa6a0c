// Every problem code the servers answer with (@bluezone/protocol/api problem-codes.ts) has a
// message in both of the resident app's languages: a new code without its translation fails here.
import { PROBLEM_CODES } from '@bluezone/protocol/api';
import { missingProblemMessages } from '@bluezone/ui-shared';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

describe('problem messages of the resident app', () => {
  it.each([
    ['vi', vi],
    ['en', en],
  ])('%s has one for every problem code, and the generic ones', (_, catalogue) => {
    expect(missingProblemMessages(catalogue, PROBLEM_CODES)).toEqual([]);
  });
});
