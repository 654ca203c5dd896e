import { Rerun } from './rerun';

/** Work that waits until released, counting its runs. */
function gatedWork() {
  const gates: (() => void)[] = [];
  let runs = 0;
  const work = () =>
    new Promise<void>((resolve) => {
      runs += 1;
      gates.push(resolve);
    });
  const release = async () => {
    gates.shift()?.();
    // Let the loop decide whether to run again.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { work, release, runs: () => runs };
}

describe('Rerun', () => {
  it('runs once for a call while idle, and once more for any number of calls while it runs', async () => {
    const { work, release, runs } = gatedWork();
    const rerun = new Rerun(work, () => false);
    const first = rerun.run();
    expect(runs()).toBe(1);
    const second = rerun.run();
    const third = rerun.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await release();
    expect(runs()).toBe(2);
    await release();
    await Promise.all([first, second, third]);
    expect(runs()).toBe(2);
    await rerun.settled();
    void rerun.run();
    expect(runs()).toBe(3);
    await release();
    await rerun.settled();
  });

  it('runs no more once done says so, and settles', async () => {
    const { work, release, runs } = gatedWork();
    let done = false;
    const rerun = new Rerun(work, () => done);
    const running = rerun.run();
    void rerun.run();
    done = true;
    await release();
    await running;
    expect(runs()).toBe(1);
    await expect(rerun.settled()).resolves.toBeUndefined();
  });
});
