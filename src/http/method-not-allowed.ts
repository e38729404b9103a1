import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * A URL that exists but not for this method answers 405 with `Allow`, not
 * 404. Call `trackRoutes` before registering routes and `answerOtherMethods`
 * on its result after the last one: every route path then gets a hidden
 * route for each method it lacks. That is the router's own matching
 * (parameters, wildcards), so no second URL matcher can disagree with it.
 * The 405 is sent from onRequest, before any body is read or parsed.
 */
export function trackRoutes(app: FastifyInstance) {
  const routes = new Map<string, Set<string>>();
  let done = false;
  app.addHook('onRoute', (route) => {
    if (done || route.url === '*' || route.url === '/*') return;
    const methods = routes.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
    routes.set(route.url, methods);
  });

  return {
    answerOtherMethods(): void {
      done = true;
      for (const [url, methods] of routes) {
        const missing = METHODS.filter((method) => !methods.has(method));
        if (missing.length > 0) addMethodNotAllowed(app, url, missing, [...methods].filter((m) => m !== 'OPTIONS').sort());
      }
    },
  };
}

function addMethodNotAllowed(app: FastifyInstance, url: string, missing: string[], allowed: string[]): void {
  const allow = allowed.join(', ');
  for (const method of missing) {
    try {
      app.route({
        method,
        url,
        schema: { hide: true },
        onRequest: async (request, reply) => {
          reply.header('allow', allow);
          return sendProblem(request, reply, {
            status: 405,
            title: 'Method Not Allowed',
            detail: `${request.method} is not supported here; use ${allow}`,
          });
        },
        handler: async () => undefined,
      });
    } catch (error) {
      // A plugin that registered `/x` with prefixTrailingSlash also owns `/x/` under the same report.
      if ((error as { code?: string }).code !== 'FST_ERR_DUPLICATED_ROUTE') throw error;
    }
  }
}
