// How busy the machine was while a scenario ran. On a shared 2-core machine other work
// steals CPU from both the server and the load generator; Linux's pressure-stall information
// says how much: the share of wall time in which some runnable task waited for a CPU.
import { readFileSync } from 'node:fs';

const stallTotalUs = () => {
  try {
    return Number(readFileSync('/proc/pressure/cpu', 'utf8').match(/^some .*total=(\d+)/m)?.[1]);
  } catch {
    return NaN;
  }
};

/** Starts a stopwatch; `stop()` returns the CPU-stall share (0-1) since, or null without PSI. */
export function cpuStall() {
  const t0 = performance.now();
  const s0 = stallTotalUs();
  return {
    stop() {
      const s1 = stallTotalUs();
      const ms = performance.now() - t0;
      return Number.isFinite(s0) && Number.isFinite(s1) && ms > 0 ? Math.min(1, (s1 - s0) / 1000 / ms) : null;
    },
  };
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere.
 * CPU per request is the figure that stays meaningful when other work shares the machine:
 * a contended run is slower, but each request costs the server about the same CPU.
 */
export function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

// USER_HZ: 100 on every mainstream Linux build.
const CLOCK_TICKS = 100;
