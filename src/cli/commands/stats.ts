import type { Command } from 'commander';
import { TANDEM_STATUSES } from '../../domain/tandems.ts';
import { getHubStats, type HubStats } from '../../services/stats/get-hub-stats.ts';
import { withDatabase } from '../context.ts';

/** `tandem stats`: the hub's head counts, as a table or (`--json`) one JSON object. */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('print the hub’s figures: mentors, mentees, partners, tandems by state')
    .option('--json', 'print one JSON object instead of a table')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (handle) => {
        const stats = await getHubStats(handle.db);
        console.log(options.json ? JSON.stringify(stats) : formatStats(stats));
      });
    });
}

/** The figures as an aligned table, tandem statuses in lifecycle order. */
export function formatStats(stats: HubStats): string {
  const lines: [string, number][] = [
    ['mentors', stats.mentors],
    ['mentees', stats.mentees],
    ['partners', stats.partners],
    ['tandems', stats.tandems],
    ...TANDEM_STATUSES.map((status): [string, number] => [
      `  ${status}`,
      stats.tandemsByState[status],
    ]),
  ];
  const labelWidth = Math.max(...lines.map(([label]) => label.length));
  const valueWidth = Math.max(...lines.map(([, value]) => String(value).length));
  return lines
    .map(([label, value]) => `${label.padEnd(labelWidth)}  ${String(value).padStart(valueWidth)}`)
    .join('\n');
}
