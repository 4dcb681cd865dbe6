import { describe, expect, it } from 'vitest';
import { setImmediate as tick } from 'node:timers/promises';
import { HostScheduler, hostKey } from '../../src/fetch/politeness.js';

/** A task that runs until the test opens its gate, recording that it started. */
function gatedTask(started: string[], name: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    open: () => open(),
    run: async () => {
      started.push(name);
      await gate;
      return name;
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await tick();
}

describe('HostScheduler', () => {
  it('keeps at most perHost requests in flight per host, first come first served', async () => {
    const scheduler = new HostScheduler({ perHost: 2, delayMs: 0 });
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => gatedTask(started, name));
    const done = tasks.map((t) => scheduler.schedule('https://news.example/x', t.run));
    await settle();
    expect(started).toEqual(['a', 'b']);
    tasks[1].open();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const t of tasks) t.open();
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets another host go while one host is saturated', async () => {
    const scheduler = new HostScheduler({ perHost: 1, delayMs: 0 });
    const started: string[] = [];
    const slow = gatedTask(started, 'slow');
    const queued = gatedTask(started, 'queued');
    const other = gatedTask(started, 'other');
    const all = [
      scheduler.schedule('http://a.example/1', slow.run),
      scheduler.schedule('http://a.example/2', queued.run),
      scheduler.schedule('http://b.example/1', other.run),
    ];
    await settle();
    expect(started).toEqual(['slow', 'other']);
    for (const t of [slow, queued, other]) t.open();
    await Promise.all(all);
  });

  it('spaces request starts to one host by at least delayMs', async () => {
    const scheduler = new HostScheduler({ perHost: 4, delayMs: 40 });
    const starts: number[] = [];
    await Promise.all(
      [1, 2, 3].map(() => scheduler.schedule('http://a.example/', async () => void starts.push(performance.now()))),
    );
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(38);
  });

  it('raises the delay of one host (Crawl-delay) but never lowers it below the crawl delay', () => {
    const scheduler = new HostScheduler({ perHost: 2, delayMs: 1_000 });
    scheduler.raiseDelay('https://slow.example/robots.txt', 5_000);
    scheduler.raiseDelay('https://fast.example/robots.txt', 10);
    expect(scheduler.delayFor('http://slow.example/article/1')).toBe(5_000);
    expect(scheduler.delayFor('https://fast.example/')).toBe(1_000);
    expect(scheduler.delayFor('https://other.example/')).toBe(1_000);
  });

  it('pauses one host (Retry-After) without holding up others', async () => {
    const scheduler = new HostScheduler({ perHost: 2, delayMs: 0 });
    const pausedAt = performance.now();
    scheduler.pause('http://busy.example/a', 60);
    const started: string[] = [];
    const busy = scheduler.schedule('http://busy.example/b', async () => {
      started.push('busy');
      return performance.now();
    });
    await scheduler.schedule('http://calm.example/', async () => void started.push('calm'));
    expect(started).toEqual(['calm']);
    expect((await busy) - pausedAt).toBeGreaterThanOrEqual(59);
  });

  it('drops a waiting request whose signal aborts, without running it', async () => {
    const scheduler = new HostScheduler({ perHost: 1, delayMs: 0 });
    const started: string[] = [];
    const first = gatedTask(started, 'first');
    const running = scheduler.schedule('http://a.example/', first.run);
    const controller = new AbortController();
    const waiting = scheduler.schedule('http://a.example/', async () => started.push('never'), controller.signal);
    controller.abort(new Error('crawl stopped'));
    await expect(waiting).rejects.toThrow('crawl stopped');
    first.open();
    await running;
    expect(started).toEqual(['first']);
  });

  it('frees the slot when a task fails', async () => {
    const scheduler = new HostScheduler({ perHost: 1, delayMs: 0 });
    await expect(scheduler.schedule('http://a.example/', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await scheduler.schedule('http://a.example/', async () => 'next')).toBe('next');
  });

  it('keys hosts by host and port, not scheme or path', () => {
    expect(hostKey('https://news.example/a?b')).toBe(hostKey('http://news.example/c'));
    expect(hostKey('http://news.example:8080/')).not.toBe(hostKey('http://news.example/'));
  });
});
