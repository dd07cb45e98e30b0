// How busy the machine was while a scenario ran. On a shared 2-core machine other work
// steals CPU from both the server and the load generator; Linux's pressure-stall information
// says how much: the share of wall time in which some runnable task waited for a CPU.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

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

/**
 * Where `npm run bench` puts its processes: each server on the last CPU, the load generator
 * on the others (on a 2-core machine, one each). Unpinned, Linux's wake-up affinity keeps
 * moving the woken side of a loopback exchange onto the waker's CPU, so server and load
 * generator share one core for stretches while the other idles: rates jumped between runs
 * by up to half. Null on one CPU or without `taskset` (util-linux): the run is then unpinned.
 */
export function cpuPlan() {
  const n = cpus().length;
  if (n < 2 || !hasTaskset()) return null;
  return { server: String(n - 1), load: n === 2 ? '0' : `0-${n - 2}` };
}

/** Pins every thread of process `pid` to `cpuList` (taskset syntax, e.g. "1" or "0-2"). */
export function pin(pid, cpuList) {
  execFileSync('taskset', ['-a', '-c', '-p', cpuList, String(pid)], { stdio: 'ignore' });
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
