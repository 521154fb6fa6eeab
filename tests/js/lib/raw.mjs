// Raw TCP helpers for what fetch() cannot send: truncated requests, malformed request lines,
// unnormalised paths, oversized headers, idle connections.
import { connect } from 'node:net';

// Sends `data` and resolves with everything the server answered once it closes the connection
// (or after `timeoutMs`, with timedOut = true).
export function rawExchange(port, data, { timeoutMs = 5000, endAfterWrite = false } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (timedOut) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: received, timedOut, status: Number(received.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0) });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('data', (d) => { received += d.toString('latin1'); });
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('error', (e) => { if (!settled) { settled = true; clearTimeout(timer); reject(e); } });
    socket.on('connect', () => {
      socket.write(data);
      if (endAfterWrite) socket.end();
    });
  });
}

// Opens a connection and resolves once connected; the socket records when the server closes it.
export function openIdle(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.closedByServer = false;
    socket.on('end', () => { socket.closedByServer = true; });
    socket.on('close', () => { socket.closedByServer = true; });
    socket.on('error', () => { socket.closedByServer = true; });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
