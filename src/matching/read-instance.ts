import type { MatchingInstance } from './instance.ts';
import { instanceSchema } from './instance.ts';

/** A malformed instance: `where` names the field, `line` and `column` point into the text. */
export class InstanceError extends Error {
  constructor(
    message: string,
    readonly where: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${where} (line ${line}, column ${column}): ${message}`);
    this.name = 'InstanceError';
  }
}

/**
 * Parses and validates an instance from JSON text. Errors name the field (`mentors[3].capacity`)
 * and its line; references to unknown ids and duplicate ids are reported the same way.
 */
export function readInstance(text: string): MatchingInstance {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = locateOffset(text, findSyntaxErrorOffset(text));
    throw new InstanceError(`invalid JSON: ${message.split('\n')[0]}`, '(document)', line, column);
  }
  const parsed = instanceSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw createInstanceError(text, issue.path as (string | number)[], issue.message);
  }
  checkReferences(text, parsed.data);
  return parsed.data;
}

function checkReferences(text: string, instance: MatchingInstance): void {
  const mentorIds = new Set<string>();
  const menteeIds = new Set<string>();
  instance.mentors.forEach((mentor, index) => {
    if (mentorIds.has(mentor.id)) {
      throw createInstanceError(
        text,
        ['mentors', index, 'id'],
        `duplicate mentor id "${mentor.id}"`,
      );
    }
    mentorIds.add(mentor.id);
  });
  instance.mentees.forEach((mentee, index) => {
    if (menteeIds.has(mentee.id)) {
      throw createInstanceError(
        text,
        ['mentees', index, 'id'],
        `duplicate mentee id "${mentee.id}"`,
      );
    }
    menteeIds.add(mentee.id);
  });
  const checkPairs = (key: 'pairs' | 'exclusions') => {
    const list = instance[key] ?? [];
    for (let index = 0; index < list.length; index++) {
      const pair = list[index]!;
      if (!menteeIds.has(pair.mentee)) {
        throw createInstanceError(text, [key, index, 'mentee'], `unknown mentee "${pair.mentee}"`);
      }
      if (!mentorIds.has(pair.mentor)) {
        throw createInstanceError(text, [key, index, 'mentor'], `unknown mentor "${pair.mentor}"`);
      }
    }
  };
  checkPairs('pairs');
  checkPairs('exclusions');
  const sides = [
    ['mentees', menteeIds, mentorIds],
    ['mentors', mentorIds, menteeIds],
  ] as const;
  for (const [side, owners, targets] of sides) {
    for (const [owner, ranking] of Object.entries(instance.preferences?.[side] ?? {})) {
      if (!owners.has(owner)) {
        throw createInstanceError(text, ['preferences', side, owner], `unknown id "${owner}"`);
      }
      ranking.forEach((target, index) => {
        if (!targets.has(target)) {
          throw createInstanceError(
            text,
            ['preferences', side, owner, index],
            `unknown id "${target}"`,
          );
        }
      });
    }
  }
}

function createInstanceError(
  text: string,
  path: readonly (string | number)[],
  message: string,
): InstanceError {
  const where = path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key),
    '',
  );
  const { line, column } = locateOffset(text, locateJsonPath(text, path));
  return new InstanceError(message, where || '(document)', line, column);
}

/**
 * Offset of the first JSON syntax error, found by a small recursive-descent reader (the
 * engine's message does not always carry a position).
 */
export function findSyntaxErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxErrorAt(at);
  };
  const space = () => {
    at = skipSpace(text, at);
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return;
        } else fail();
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') {
        at++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    const literal = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(at, at + 400),
    );
    if (!literal) fail();
    at += literal![0].length;
  };
  const string = () => {
    const end = skipString(text, at);
    if (end > text.length) fail();
    at = end;
  };
  try {
    value();
    space();
    return at < text.length ? at : text.length;
  } catch (error) {
    if (error instanceof SyntaxErrorAt) return error.offset;
    throw error;
  }
}

class SyntaxErrorAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

/** 1-based line and column of a character offset. */
export function locateOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Offset of the value at `path` in JSON text (or of the deepest existing ancestor), found by
 * skipping over siblings without building the document again.
 */
export function locateJsonPath(text: string, path: readonly (string | number)[]): number {
  let at = skipSpace(text, 0);
  for (const key of path) {
    const open = text[at];
    if (open === '{') {
      let cursor = skipSpace(text, at + 1);
      let found = -1;
      while (text[cursor] === '"') {
        const keyEnd = skipString(text, cursor);
        const name = JSON.parse(text.slice(cursor, keyEnd)) as string;
        cursor = skipSpace(text, skipSpace(text, keyEnd) + 1);
        if (name === String(key)) {
          found = cursor;
          break;
        }
        cursor = skipSpace(text, skipValue(text, cursor));
        if (text[cursor] === ',') cursor = skipSpace(text, cursor + 1);
      }
      if (found < 0) return at;
      at = found;
    } else if (open === '[' && typeof key === 'number') {
      let cursor = skipSpace(text, at + 1);
      for (let index = 0; index < key && text[cursor] !== ']'; index++) {
        cursor = skipSpace(text, skipValue(text, cursor));
        if (text[cursor] === ',') cursor = skipSpace(text, cursor + 1);
      }
      if (text[cursor] === ']') return at;
      at = cursor;
    } else {
      return at;
    }
  }
  return at;
}

function skipSpace(text: string, at: number): number {
  while (
    at < text.length &&
    (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')
  )
    at++;
  return at;
}

function skipString(text: string, at: number): number {
  let cursor = at + 1;
  while (cursor < text.length && text[cursor] !== '"') cursor += text[cursor] === '\\' ? 2 : 1;
  return cursor + 1;
}

function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first !== '{' && first !== '[') {
    let cursor = at;
    while (cursor < text.length && !',}] \n\r\t'.includes(text[cursor]!)) cursor++;
    return cursor;
  }
  let depth = 0;
  let cursor = at;
  while (cursor < text.length) {
    const char = text[cursor]!;
    if (char === '"') {
      cursor = skipString(text, cursor);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return cursor + 1;
    }
    cursor++;
  }
  return cursor;
}
