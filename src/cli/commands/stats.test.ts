import { describe, expect, it } from 'vitest';
import { formatStats } from './stats.ts';

describe('formatStats', () => {
  it('aligns the figures, tandem statuses indented in lifecycle order', () => {
    const text = formatStats({
      mentors: 250,
      mentees: 600,
      partners: 34,
      tandems: 150,
      tandemsByState: {
        proposed: 10,
        accepted: 8,
        active: 38,
        completed: 62,
        ended_early: 16,
        declined: 9,
        expired: 7,
      },
    });
    expect(text.split('\n')).toEqual([
      'mentors        250',
      'mentees        600',
      'partners        34',
      'tandems        150',
      '  proposed      10',
      '  accepted       8',
      '  active        38',
      '  completed     62',
      '  ended_early   16',
      '  declined       9',
      '  expired        7',
    ]);
  });
});
