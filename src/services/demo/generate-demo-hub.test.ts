import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SLOT_HOLDING_STATUSES, TANDEM_STATUSES, canTransition } from '../../domain/tandems.ts';
import type { TandemStatus } from '../../domain/tandems.ts';
import { DEMO_FIGURES, generateDemoHub, startOfUtcDay } from './generate-demo-hub.ts';

const require = createRequire(import.meta.url);
const DAY_MS = 86_400_000;
const asOf = new Date('2026-09-01T00:00:00Z');
const defaultProgramId = '00000000-0000-4000-8000-000000000001';
const hub = generateDemoHub({ asOf, defaultProgramId });
const { rows } = hub;

const time = (value: Date | null | undefined) => value?.getTime() ?? Number.NaN;
const tandemsById = new Map(rows.tandems.map((tandem) => [tandem.id!, tandem]));
const isCurrent = (status: TandemStatus | undefined) =>
  (SLOT_HOLDING_STATUSES as readonly (TandemStatus | undefined)[]).includes(status);

describe('generateDemoHub: figures', () => {
  it('holds exactly the documented head counts', () => {
    expect(rows.mentorProfiles).toHaveLength(DEMO_FIGURES.mentors);
    expect(rows.menteeProfiles).toHaveLength(DEMO_FIGURES.mentees);
    expect(rows.partners).toHaveLength(DEMO_FIGURES.partners);
    expect(rows.tandems).toHaveLength(DEMO_FIGURES.tandems);
    const withRole = (role: string) => rows.users.filter((user) => user.role === role).length;
    expect(withRole('mentor')).toBe(DEMO_FIGURES.mentors);
    expect(withRole('mentee')).toBe(DEMO_FIGURES.mentees);
    expect(withRole('admin')).toBe(1);
    expect(withRole('coordinator')).toBeGreaterThanOrEqual(2);
  });

  it('has tandems in every status, in the documented numbers', () => {
    const byStatus = Object.fromEntries(
      TANDEM_STATUSES.map((status) => [
        status,
        rows.tandems.filter((tandem) => tandem.status === status).length,
      ]),
    );
    expect(byStatus).toEqual(DEMO_FIGURES.tandemsByState);
    const total = Object.values(DEMO_FIGURES.tandemsByState).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(DEMO_FIGURES.tandems);
  });

  it('has several referrers per partner and mentors in several statuses', () => {
    for (const partner of rows.partners) {
      const referrers = rows.users.filter(
        (user) => user.role === 'referrer' && user.partnerId === partner.id,
      );
      expect(referrers.length, partner.name).toBeGreaterThanOrEqual(2);
    }
    const statuses = new Set(rows.mentorProfiles.map((mentor) => mentor.status));
    expect([...statuses].sort()).toEqual(
      ['active', 'applied', 'charter_signed', 'paused', 'rejected', 'withdrawn'].sort(),
    );
    for (const mentor of rows.mentorProfiles) {
      expect(mentor.capacity).toBeGreaterThanOrEqual(1);
      expect(mentor.capacity).toBeLessThanOrEqual(3);
    }
  });

  it('runs Work’Up Massilia with its cohorts and about twenty dedicated mentors', () => {
    const [workUp] = rows.programs;
    expect(workUp?.name).toBe("Work'Up Massilia");
    expect(rows.cohorts.length).toBeGreaterThanOrEqual(1);
    expect(rows.programMentors).toHaveLength(20);
    const dedicated = new Set(rows.programMentors.map((row) => row.mentorId));
    const workUpTandems = rows.tandems.filter((tandem) => tandem.programId === workUp?.id);
    expect(workUpTandems.length).toBeGreaterThanOrEqual(20);
    for (const tandem of workUpTandems) {
      expect(dedicated.has(tandem.mentorId)).toBe(true);
      expect(tandem.cohortId).toBeTruthy();
    }
  });
});

describe('generateDemoHub: determinism', () => {
  it('gives the same rows for the same seed and reference date', () => {
    expect(generateDemoHub({ asOf, defaultProgramId })).toEqual(hub);
  });

  it('gives other people for another seed', () => {
    const other = generateDemoHub({ asOf, defaultProgramId, seed: 7 });
    expect(other.rows.users[0]?.id).not.toBe(rows.users[0]?.id);
    expect(other.rows.tandems).toHaveLength(DEMO_FIGURES.tandems);
  });

  it('shifts the same hub in time for another reference date', () => {
    const later = generateDemoHub({
      asOf: new Date(asOf.getTime() + 30 * DAY_MS),
      defaultProgramId,
    });
    expect(later.rows.tandems.map((tandem) => tandem.id)).toEqual(
      rows.tandems.map((tandem) => tandem.id),
    );
    later.rows.meetings.forEach((meeting, index) => {
      expect(time(meeting.occursAt) - time(rows.meetings[index]!.occursAt)).toBe(30 * DAY_MS);
    });
  });

  it('truncates the reference date to midnight UTC', () => {
    expect(startOfUtcDay(new Date('2026-09-01T17:45:12Z'))).toEqual(asOf);
    const fromAfternoon = generateDemoHub({
      asOf: new Date('2026-09-01T17:45:12Z'),
      defaultProgramId,
    });
    expect(fromAfternoon.rows.tandems).toEqual(rows.tandems);
  });
});

describe('generateDemoHub: invariants the database enforces', () => {
  it('never gives a mentor more slot-holding tandems than their capacity', () => {
    for (const mentor of rows.mentorProfiles) {
      const holding = rows.tandems.filter(
        (tandem) => tandem.mentorId === mentor.userId && isCurrent(tandem.status),
      );
      expect(holding.length).toBeLessThanOrEqual(mentor.capacity!);
      if (holding.length > 0) expect(mentor.status).toBe('active');
    }
  });

  it('gives a mentee at most one current tandem per programme', () => {
    const current = rows.tandems
      .filter((tandem) => isCurrent(tandem.status))
      .map((tandem) => `${tandem.menteeId}/${tandem.programId}`);
    expect(new Set(current).size).toBe(current.length);
  });

  it('references only people, partners and programmes it creates', () => {
    const users = new Map(rows.users.map((user) => [user.id!, user]));
    const partners = new Set(rows.partners.map((partner) => partner.id));
    const programs = new Set([defaultProgramId, ...rows.programs.map((program) => program.id)]);
    for (const tandem of rows.tandems) {
      expect(users.get(tandem.menteeId)?.role).toBe('mentee');
      expect(users.get(tandem.mentorId)?.role).toBe('mentor');
      expect(programs.has(tandem.programId)).toBe(true);
    }
    for (const mentee of rows.menteeProfiles) {
      expect(partners.has(mentee.partnerId!)).toBe(true);
      expect(users.get(mentee.referrerId!)?.partnerId).toBe(mentee.partnerId);
    }
    for (const user of rows.users) {
      expect(user.role === 'referrer').toBe(Boolean(user.partnerId));
    }
    for (const id of [
      ...rows.meetings.map((row) => row.tandemId),
      ...rows.checkIns.map((row) => row.tandemId),
      ...rows.tandemStatusHistory.map((row) => row.tandemId),
      ...rows.goals.map((row) => row.tandemId),
    ]) {
      expect(tandemsById.has(id)).toBe(true);
    }
  });

  it('gives everyone a unique e-mail address on the reserved .test domain', () => {
    const emails = rows.users.map((user) => user.email!.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.-]+@demo\.tandem\.test$/);
  });

  it('keeps open alerts unique per dedupe key', () => {
    const keys = rows.alerts
      .filter((alert) => alert.status !== 'resolved')
      .map((alert) => alert.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses real reference codes of the Métropole and of NAF and ROME', () => {
    const epcis = require('@etalab/decoupage-administratif/data/epci.json') as {
      code: string;
      membres: { code: string }[];
    }[];
    const metropole = new Set(
      epcis.find((epci) => epci.code === '200054807')!.membres.map((m) => m.code),
    );
    const arrondissements = new Set(
      Array.from({ length: 16 }, (_, index) => String(13201 + index)),
    );
    const naf = new Set(
      (require('@socialgouv/codes-naf/index.json') as { id: string }[]).map((code) => code.id),
    );
    const communeCodes = [
      ...rows.partners.map((row) => row.communeCode),
      ...rows.mentorProfiles.map((row) => row.communeCode),
      ...rows.menteeProfiles.map((row) => row.communeCode),
    ];
    for (const code of communeCodes) {
      expect(metropole.has(code!) || arrondissements.has(code!), code!).toBe(true);
    }
    const sectorCodes = [
      ...rows.mentorProfiles.map((row) => row.sectorCode),
      ...rows.menteeProfiles.map((row) => row.businessSectorCode),
    ].filter((code) => code != null);
    for (const code of sectorCodes) expect(naf.has(code), code).toBe(true);
    const occupationCodes = [
      ...rows.mentorProfiles.map((row) => row.occupationCode),
      ...rows.menteeProfiles.map((row) => row.targetOccupationCode),
    ].filter((code) => code != null);
    for (const code of occupationCodes) expect(code).toMatch(/^[A-N][0-9]{4}$/);
  });
});

describe('generateDemoHub: a coherent story', () => {
  const now = asOf.getTime();

  it('dates every past event before the reference date', () => {
    const past = [
      ...rows.users.flatMap((row) => [row.createdAt, row.lastSignInAt]),
      ...rows.menteeProfiles.map((row) => row.referredAt),
      ...rows.consents.map((row) => row.givenAt),
      ...rows.tandems.flatMap((row) => [
        row.proposedAt,
        row.acceptedAt,
        row.startedAt,
        row.endedAt,
        row.menteeDecidedAt,
        row.mentorDecidedAt,
      ]),
      ...rows.tandemStatusHistory.map((row) => row.changedAt),
      ...rows.meetings.filter((row) => row.status !== 'planned').map((row) => row.occursAt),
      ...rows.meetings.map((row) => row.createdAt),
      ...rows.checkIns.flatMap((row) => [row.sentAt, row.answeredAt]),
      ...rows.outcomes.map((row) => row.recordedAt),
      ...rows.alerts.map((row) => row.createdAt),
      ...rows.notes.map((row) => row.createdAt),
    ].filter((value) => value != null);
    for (const value of past) expect(time(value)).toBeLessThan(now);
  });

  it('has a status history that follows the lifecycle, in order, to the current status', () => {
    for (const tandem of rows.tandems) {
      const steps = rows.tandemStatusHistory.filter((row) => row.tandemId === tandem.id);
      expect(steps[0]?.fromStatus).toBeNull();
      expect(steps[0]?.toStatus).toBe('proposed');
      for (let index = 1; index < steps.length; index += 1) {
        const [previous, step] = [steps[index - 1]!, steps[index]!];
        expect(step.fromStatus).toBe(previous.toStatus);
        expect(canTransition(step.fromStatus!, step.toStatus)).toBe(true);
        expect(time(step.changedAt)).toBeGreaterThanOrEqual(time(previous.changedAt));
      }
      expect(steps.at(-1)?.toStatus).toBe(tandem.status);
    }
  });

  it('orders each tandem’s milestones and its meetings between start and end', () => {
    for (const tandem of rows.tandems) {
      const milestones = [tandem.proposedAt, tandem.acceptedAt, tandem.startedAt, tandem.endedAt]
        .filter((value) => value != null)
        .map(time);
      expect(milestones).toEqual([...milestones].sort((a, b) => a - b));
      const meetings = rows.meetings.filter((meeting) => meeting.tandemId === tandem.id);
      if (!tandem.startedAt) {
        expect(meetings.every((meeting) => meeting.status === 'planned')).toBe(true);
        continue;
      }
      expect(meetings.length).toBeGreaterThan(0);
      for (const meeting of meetings) {
        expect(time(meeting.occursAt)).toBeGreaterThanOrEqual(time(tandem.startedAt));
        if (tandem.endedAt) expect(time(meeting.occursAt)).toBeLessThan(time(tandem.endedAt));
        if (meeting.status === 'planned') {
          expect(['active', 'accepted']).toContain(tandem.status);
          expect(time(meeting.occursAt)).toBeGreaterThan(now);
        }
      }
    }
  });

  it('schedules check-ins from the start, answered or missed in the past and pending ahead', () => {
    for (const checkIn of rows.checkIns) {
      const tandem = tandemsById.get(checkIn.tandemId)!;
      expect(time(checkIn.dueAt)).toBeGreaterThan(time(tandem.startedAt));
      if (checkIn.kind === 'scheduled') expect([1, 3, 6]).toContain(checkIn.monthNumber);
      if (time(checkIn.dueAt) > now) expect(checkIn.status).toBe('scheduled');
      if (checkIn.status === 'answered') {
        expect(time(checkIn.answeredAt)).toBeGreaterThan(time(checkIn.dueAt));
        expect(checkIn.satisfaction).toBeGreaterThanOrEqual(1);
        expect(checkIn.satisfaction).toBeLessThanOrEqual(5);
      }
    }
    const statuses = new Set(rows.checkIns.map((checkIn) => checkIn.status));
    expect([...statuses].sort()).toEqual(['answered', 'missed', 'scheduled', 'sent']);
  });

  it('records an outcome for every completed tandem', () => {
    for (const tandem of rows.tandems.filter((row) => row.status === 'completed')) {
      const outcomes = rows.outcomes.filter((outcome) => outcome.tandemId === tandem.id);
      expect(outcomes.map((outcome) => outcome.milestone)).toContain('end');
    }
    const kinds = new Set(rows.outcomes.map((outcome) => outcome.kind));
    expect(kinds).toContain('job_permanent');
    expect(kinds).toContain('business_created');
  });

  it('records each mentee’s consent, by their referrer, when they were referred', () => {
    for (const mentee of rows.menteeProfiles) {
      const consent = rows.consents.find(
        (row) => row.userId === mentee.userId && row.purpose === 'mentoring',
      );
      expect(consent?.recordedBy).toBe(mentee.referrerId);
      expect(time(consent?.givenAt)).toBe(time(mentee.referredAt));
    }
  });

  it('refers mentees before their proposals, vets mentors before theirs, over three years', () => {
    const mentees = new Map(rows.menteeProfiles.map((row) => [row.userId, row]));
    const mentors = new Map(rows.mentorProfiles.map((row) => [row.userId, row]));
    for (const tandem of rows.tandems) {
      expect(time(mentees.get(tandem.menteeId)!.referredAt)).toBeLessThan(time(tandem.proposedAt));
      expect(time(mentors.get(tandem.mentorId)!.vettedAt)).toBeLessThan(time(tandem.proposedAt));
    }
    const oldest = Math.min(...rows.menteeProfiles.map((row) => time(row.referredAt)));
    expect(now - oldest).toBeLessThanOrEqual(1096 * DAY_MS);
    expect(now - oldest).toBeGreaterThan(900 * DAY_MS);
  });

  it('raises open alerts for silent tandems', () => {
    const silent = rows.alerts.filter(
      (alert) => alert.kind === 'no_meeting' && alert.status === 'open',
    );
    expect(silent.length).toBeGreaterThan(0);
    for (const alert of silent) {
      const meetings = rows.meetings.filter(
        (meeting) => meeting.tandemId === alert.tandemId && meeting.status === 'held',
      );
      const last = Math.max(...meetings.map((meeting) => time(meeting.occursAt)));
      expect(now - last).toBeGreaterThan(30 * DAY_MS);
      expect(tandemsById.get(alert.tandemId!)?.status).toBe('active');
    }
  });

  it('offers one login per role, pointing at people of the demo', () => {
    expect(hub.logins.map((login) => login.role)).toEqual([
      'admin',
      'coordinator',
      'referrer',
      'mentor',
      'mentee',
    ]);
    for (const login of hub.logins) {
      const user = rows.users.find((row) => row.email === login.email);
      expect(user?.role).toBe(login.role);
    }
  });
});
