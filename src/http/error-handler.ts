import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpProblem, sendProblem } from './problem.js';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/**
 * One error shape for everything: our own problems, zod validation failures
 * (400 naming each field), Fastify's 4xx (bad JSON, too large, wrong type)
 * and anything unexpected, which is logged and answered without internals.
 */
export function handleError(error: FastifyError | HttpProblem | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) {
    if (error.extra.headers) reply.headers(error.extra.headers);
    const { headers: _headers, ...extra } = error.extra;
    return sendProblem(request, reply, { status: error.status, title: error.title, detail: error.detail, ...extra });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Fastify says `querystring`; clients (and our docs) say `query.limit`.
    const raw = (error as FastifyError).validationContext ?? 'request';
    const context = raw === 'querystring' ? 'query' : raw;
    const invalidParams = error.validation.map((issue) => ({
      name: [context, ...pathOf(issue.instancePath)].join('.'),
      reason: issue.message ?? 'invalid',
    }));
    const detail = invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; ');
    return sendProblem(request, reply, { status: 400, title: 'Bad Request', detail, invalidParams });
  }
  if (isBusy(error)) {
    // Another process held the write lock past busy_timeout: a retry will succeed, nothing was written.
    request.log.warn({ err: error }, 'database busy');
    reply.header('retry-after', '1');
    return sendProblem(request, reply, { status: 503, title: titleFor(503), detail: 'another write is in progress; retry shortly' });
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    return sendProblem(request, reply, { status, title: titleFor(status), detail: error.message });
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(request, reply, {
    status: status >= 500 && status < 600 ? status : 500,
    title: titleFor(status >= 500 ? status : 500),
    detail: 'the server could not complete the request; it has been logged',
  });
}

function isBusy(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Rejections the router makes before any route runs (a URL that is not valid
 * percent-encoding, a path segment over the router's length limit) get the
 * same problem shape, without echoing the offending URL back.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path segment is too long to be an id'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'the URL is not valid percent-encoding'
        : 'the request could not be routed';
  return sendProblem(request, reply, { status: 400, title: 'Bad Request', detail });
}

function pathOf(instancePath: string): string[] {
  return instancePath.split('/').filter(Boolean);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, title: 'Not Found', detail: `no route for ${request.method} ${truncate(request.url)}` }),
  );
}

function truncate(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
