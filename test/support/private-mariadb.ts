import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from './wait.js';

/**
 * A MariaDB server that one test file owns: its own data directory and port on 127.0.0.1, so the
 * test can stop it and start it again without touching the shared server on port 3306.
 */

const run = promisify(execFile);

const SERVER_BINARIES = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld', '/usr/bin/mariadbd'];
const INSTALL_BINARIES = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'];

/** Milliseconds a start or a stop may take before the harness gives up. */
const STARTUP_TIMEOUT_MS = 30_000;

function findBinary(candidates: string[]): string | null {
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** Why the private MariaDB tests cannot run here, or null when the binaries are installed. */
export function privateMariadbSkipReason(): string | null {
  if (!findBinary(SERVER_BINARIES))
    return `No MariaDB server binary found (looked for ${SERVER_BINARIES.join(', ')}); install mariadb-server.`;
  if (!findBinary(INSTALL_BINARIES))
    return `No mariadb-install-db found (looked for ${INSTALL_BINARIES.join(', ')}); install mariadb-server.`;
  return null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class PrivateMariadb {
  private server: ChildProcess | null = null;
  private output = '';

  private constructor(
    private readonly serverBinary: string,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  /** Creates the data directory with a passwordless root user and picks a free port; starts nothing. */
  static async create(): Promise<PrivateMariadb> {
    const serverBinary = findBinary(SERVER_BINARIES);
    const installBinary = findBinary(INSTALL_BINARIES);
    if (!serverBinary || !installBinary) throw new Error(privateMariadbSkipReason() ?? 'MariaDB missing');
    const dataDir = mkdtempSync(join(tmpdir(), 'exit-mariadb-'));
    await run(
      installBinary,
      [
        '--no-defaults',
        `--datadir=${join(dataDir, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...userArguments(),
      ],
      { timeout: STARTUP_TIMEOUT_MS },
    );
    return new PrivateMariadb(serverBinary, dataDir, await freePort());
  }

  /** mysql:// URL of database `name` on this server, as root without a password. */
  url(name: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${name}`;
  }

  get pid(): number | null {
    return this.server?.pid ?? null;
  }

  /** Starts the server on the same port and data directory, and waits until it accepts connections. */
  async start(): Promise<void> {
    if (this.server) throw new Error('The private MariaDB is already running');
    this.output = '';
    const child = spawn(
      this.serverBinary,
      [
        '--no-defaults',
        `--datadir=${join(this.dataDir, 'data')}`,
        `--socket=${join(this.dataDir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dataDir, 'mysqld.pid')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=16M',
        '--skip-log-bin',
        ...userArguments(),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    this.server = child;
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        this.server = null;
        throw new Error(
          `The private MariaDB exited with code ${child.exitCode}:\n${this.output.slice(-2000)}`,
        );
      }
      try {
        const connection = await createConnection({
          host: '127.0.0.1',
          port: this.port,
          user: 'root',
          connectTimeout: 1000,
        });
        await connection.end();
        return;
      } catch {
        await sleep(100);
      }
    }
    await this.stop();
    throw new Error(`The private MariaDB did not accept connections within ${STARTUP_TIMEOUT_MS} ms`);
  }

  /** Stops the server by its PID (SIGTERM, then SIGKILL after the timeout) and waits until it exits. */
  async stop(): Promise<void> {
    const child = this.server;
    if (!child || child.pid === undefined) return;
    this.server = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    }, STARTUP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Creates database `name`. */
  async createDatabase(name: string): Promise<void> {
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    try {
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await connection.end();
    }
  }

  /** Stops the server and deletes its data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** MariaDB refuses to run as root without --user=root; any other user runs the server as itself. */
function userArguments(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}
