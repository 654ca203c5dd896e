import { answerValues } from '../bench/peer-queries';
import { databaseName, processCpuMs } from '../bench/proc-cpu';
import { BENCH_BLOCK, PEER_BLOCK, updateBenchmarks } from '../bench/report';

describe('the side-by-side bench (issue 27)', () => {
  it('compares answers by their leaf values, whatever the names, nesting, ids and order of lists', () => {
    const ours = JSON.stringify({ data: { node: { id: 'Rm9ydW06MQ', title: 'A', startDate: { iso: '2024-03', precision: 'MONTH' }, sessions: { totalCount: 2, nodes: [{ title: 'x' }, { title: 'y' }] } } }, extensions: { cost: 1035 } });
    const theirs = JSON.stringify({ data: { forumByRowId: { id: 'WyJGb3J1bSIsIjEiXQ==', title: 'A', startDate: '2024-03', sessionsByForumId: { totalCount: 2, nodes: [{ title: 'y' }, { title: 'x' }] } } } });
    expect(answerValues(ours)).toEqual(answerValues(theirs));
    expect(answerValues(ours)).toEqual(['2', '2024-03', 'A', 'x', 'y']);
    const other = theirs.replace('"y"', '"z"');
    expect(answerValues(other)).not.toEqual(answerValues(ours));
  });

  it('writes its block of BENCHMARKS.md and leaves the main block as it was', () => {
    const existing = `# Benchmarks\n\n${BENCH_BLOCK.begin}\nmain figures\n${BENCH_BLOCK.end}\n\n## hand-written\n\n${PEER_BLOCK.begin}\nold peer\n${PEER_BLOCK.end}\n\nafter\n`;
    const updated = updateBenchmarks(existing, 'new peer', PEER_BLOCK);
    expect(updated).toContain(`${BENCH_BLOCK.begin}\nmain figures\n${BENCH_BLOCK.end}`);
    expect(updated).toContain(`${PEER_BLOCK.begin}\nnew peer\n${PEER_BLOCK.end}\n\nafter\n`);
    expect(updated).not.toContain('old peer');
  });

  it('reads a process CPU time from /proc and a database name from a URL', () => {
    const ms = processCpuMs(process.pid);
    expect(ms).not.toBeNull();
    expect(ms!).toBeGreaterThan(0);
    expect(processCpuMs(2 ** 31 - 1)).toBeNull();
    expect(databaseName('postgres://postgres@127.0.0.1:5432/bench_peer')).toBe('bench_peer');
  });
});
