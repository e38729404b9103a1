import type { Socket } from 'node:net';
import { titleFor } from './error-handler.js';
import { PROBLEM_TYPE } from './problem.js';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a malformed
 * request line, 20 KB of headers, a bad chunk size) still get a problem+json
 * answer on the socket, then the connection is closed.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const title = status === 408 ? 'Request Timeout' : titleFor(status);
  const detail =
    status === 431 ? 'the request headers are too large' : status === 408 ? 'the request took too long to arrive' : 'the request is not valid HTTP/1.1';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
