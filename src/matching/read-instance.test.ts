import { describe, expect, it } from 'vitest';
import { InstanceError, readInstance } from './read-instance.ts';

const readError = (text: string): InstanceError => {
  try {
    readInstance(text);
  } catch (error) {
    if (error instanceof InstanceError) return error;
    throw error;
  }
  throw new Error('the instance was accepted');
};

describe('readInstance', () => {
  it('accepts the format of DESIGN.md', () => {
    const instance = readInstance(
      JSON.stringify({
        mentors: [{ id: 'm1', capacity: 2 }],
        mentees: [{ id: 'e1' }],
        pairs: [{ mentee: 'e1', mentor: 'm1', score: 0.83 }],
        preferences: { mentees: { e1: ['m1'] }, mentors: { m1: ['e1'] } },
        exclusions: [{ mentee: 'e1', mentor: 'm1' }],
      }),
    );
    expect(instance.mentors[0]!.capacity).toBe(2);
  });

  it('names the field and the line of a schema error', () => {
    const text = [
      '{',
      '  "mentors": [',
      '    { "id": "m1", "capacity": 1 },',
      '    { "id": "m2", "capacity": "two" }',
      '  ],',
      '  "mentees": []',
      '}',
    ].join('\n');
    const error = readError(text);
    expect(error.where).toBe('mentors[1].capacity');
    expect(error.line).toBe(4);
    expect(error.message).toContain('mentors[1].capacity (line 4');
  });

  it('points at the line of a JSON syntax error', () => {
    const error = readError('{\n  "mentors": [\n    { "id": "m1" "capacity": 1 }\n  ]\n}');
    expect(error.line).toBe(3);
    expect(error.message).toContain('invalid JSON');
  });

  it('reports unknown ids and duplicates with their place', () => {
    const text =
      '{\n"mentors": [{ "id": "m1", "capacity": 1 }],\n"mentees": [{ "id": "e1" }],\n"pairs": [\n{ "mentee": "e1", "mentor": "m9", "score": 1 }\n]\n}';
    const error = readError(text);
    expect(error.where).toBe('pairs[0].mentor');
    expect(error.line).toBe(5);
    expect(
      readError(
        '{"mentors": [{"id": "a", "capacity": 1}, {"id": "a", "capacity": 1}], "mentees": []}',
      ).where,
    ).toBe('mentors[1].id');
  });
});
