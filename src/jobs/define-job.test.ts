import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './define-job.ts';

describe('retryDelaySeconds', () => {
  const policy = { maxAttempts: 8, baseDelaySeconds: 30, maxDelaySeconds: 3600 };

  it('doubles after each failure, from the base', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelaySeconds(policy, attempt))).toEqual([
      30, 60, 120, 240, 480,
    ]);
  });

  it('never waits longer than the maximum, even after very many failures', () => {
    expect(retryDelaySeconds(policy, 8)).toBe(3600);
    expect(retryDelaySeconds(policy, 10_000)).toBe(3600);
  });
});
