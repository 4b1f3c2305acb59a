import { ConfigError } from '@cz/config';
import { readConfig } from './config';

function problemWith(source: NodeJS.ProcessEnv): string {
  try {
    readConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('assessment config', () => {
  it('opens cycles on the first working day of January, with 20 + 15 working days and a reminder 5 days before a rectification deadline', () => {
    expect(readConfig({})).toMatchObject({
      PORT: 4004,
      ASSESSMENT_CYCLE_OPENS_ON: { kind: 'FIRST_WORKING_DAY' },
      ASSESSMENT_SUBMISSION_WORKING_DAYS: 20,
      ASSESSMENT_REVIEW_WORKING_DAYS: 15,
      ASSESSMENT_RECTIFICATION_REMINDER_WORKING_DAYS: 5,
    });
    expect(readConfig({ ASSESSMENT_CYCLE_OPENS_ON: '02-15', ASSESSMENT_SUBMISSION_WORKING_DAYS: '30' })).toMatchObject({ ASSESSMENT_CYCLE_OPENS_ON: { kind: 'FIXED', monthDay: '02-15' }, ASSESSMENT_SUBMISSION_WORKING_DAYS: 30 });
  });

  it.each([
    ['ASSESSMENT_CYCLE_OPENS_ON', '04-01'],
    ['ASSESSMENT_CYCLE_OPENS_ON', 'soon'],
    // The first reminder goes out 10 working days before the deadline: the period must be longer.
    ['ASSESSMENT_SUBMISSION_WORKING_DAYS', '10'],
    ['ASSESSMENT_REVIEW_WORKING_DAYS', '0'],
    ['ASSESSMENT_RECTIFICATION_REMINDER_WORKING_DAYS', 'five'],
  ])('refuses %s=%p, naming the variable', (variable, value) => {
    expect(problemWith({ [variable]: value })).toContain(variable);
  });
});
