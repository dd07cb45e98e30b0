import type { Writable } from 'node:stream';
import type { Config } from '../config/env';

/** Where a command writes: data to `out`, messages and progress to `err`. */
export interface CliIo {
  out: Writable;
  err: Writable;
}

export interface CliEnv {
  config: Config;
  io: CliIo;
}

export const say = (io: CliIo, line: string) => void io.err.write(`${line}\n`);

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
