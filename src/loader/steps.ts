/**
 * The loader's start-up work, one step per task. On a slow phone the first use of a platform
 * API costs milliseconds on its own (a page's first shadow root, constructed stylesheet,
 * `Intl` call, storage read or `fetch`: 5–25 ms each at 4× CPU throttling, measured in
 * Chromium), so the loader gives each its own task: none of them adds up to a long task on
 * the host page, and the page's own input and rendering run in between.
 *
 * Steps run in the order they were queued, one per `setTimeout` task (a page's first
 * `scheduler.postTask` costs more than a step saves; timers nested five deep wait 4 ms, which
 * only spaces the later steps out). A step that throws is reported as the page's error and
 * does not stop the ones after it. Owns nothing else.
 */
const post = (fn: () => void) => setTimeout(fn);

const queue: (() => void)[] = [];

function next(): void {
  const fn = queue.shift()!;
  if (queue.length) post(next);
  fn();
}

/** Queues `fns`, each to run in a task of its own, after every step queued before them. */
export function step(...fns: (() => void)[]): void {
  const idle = !queue.length;
  queue.push(...fns);
  if (idle && queue.length) post(next);
}
