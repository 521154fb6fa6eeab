// Reads a test database directly (sqlite3 or psql command-line clients), for checks that must see
// the rows as they are on disk — after a crash, before any server starts on them again — and runs
// the passerelle commands an operator runs on a stopped server.
import { execFileSync, spawnSync } from 'node:child_process';
import { binary, backend } from '../../lib/server.mjs';

const maxBuffer = 256 * 1024 * 1024;

// The rows of one query, each an array of column texts (NULL reads as '').
// The SQL is written by the test itself (no outside input); '|' separates the columns.
export function rows(databaseUrl, sql) {
  const out = backend === 'sqlite'
    ? execFileSync('sqlite3', ['-batch', '-noheader', '-list', '-separator', '|', '-nullvalue', '', databaseUrl, sql],
      { encoding: 'utf8', maxBuffer })
    : execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', databaseUrl, '-c', sql],
      { encoding: 'utf8', maxBuffer });
  return out.split('\n').filter((line) => line !== '').map((line) => line.split('|'));
}

// The text of a whole table's rows (one line each, in no particular order), to compare two states.
export function tableText(databaseUrl, table) {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const sql = `SELECT * FROM ${table}`;
  return backend === 'sqlite'
    ? execFileSync('sqlite3', ['-batch', '-noheader', '-list', '-separator', '|', databaseUrl, sql], { encoding: 'utf8', maxBuffer })
    : execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', databaseUrl, '-c', sql], { encoding: 'utf8', maxBuffer });
}

// Runs `passerelle <command>` on the database; returns { status, output (standard output), errors }.
export function command(databaseUrl, dataDir, ...args) {
  const r = spawnSync(binary, [...args, '--database', databaseUrl, '--data-dir', dataDir, '--log-level', 'warn'],
    { encoding: 'utf8', maxBuffer, timeout: 120000 });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout ?? '', errors: r.stderr ?? '' };
}

// SQL string literal of a text the test generated (letters, digits, '-', '%').
export function literal(text) {
  if (!/^[A-Za-z0-9%_-]*$/.test(text)) throw new Error(`not a test-generated text: ${text}`);
  return `'${text}'`;
}
