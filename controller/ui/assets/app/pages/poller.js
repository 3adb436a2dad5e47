// Runs `tick` now and then `ms` after each run ends (`ms` may be a function), until
// stopped; never two runs at once. Returns the stop function (a page's cleanup), whose
// `now()` runs the next tick at once.
export function poll(tick, ms) {
  let stopped = false;
  let running = false;
  let again = false;
  let timer = null;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      await tick();
    } catch (e) {
      console.warn('refresh failed:', e.message || e);
    }
    running = false;
    if (stopped) return;
    if (again) {
      again = false;
      run();
    } else {
      timer = setTimeout(run, typeof ms === 'function' ? ms() : ms);
    }
  };
  run();
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  stop.now = () => { if (!stopped) run(); };
  return stop;
}
