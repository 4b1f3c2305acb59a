import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root: scripts are started from here, as npm scripts are. */
export const ROOT = join(__dirname, '..', '..', '..');

/** A child process started as a user would, with everything it prints kept for assertions. */
export class RunningProcess {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  /** Runs a TypeScript entry point (relative to the repository root) the way the npm scripts do. */
  constructor(script: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) stream?.on('data', (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get text(): string {
    return this.output.join('\n');
  }

  /** Sends a signal and waits for the exit code; kills it if it does not stop in time. */
  async stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 20_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
