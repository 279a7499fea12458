/**
 * The audit of reads, applied once for every `read` route (`access/read-audit.ts`): a route that audits its
 * own reads precisely calls `auditedRead(request, …)`, which marks the request; every other successful read
 * by a member is audited here after the answer was sent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessScope } from '../access/access-scope.js';
import { auditRead, type ReadAuditSink } from '../access/read-audit.js';

const audited = new WeakSet<FastifyRequest>();

/** Audits a read the route can judge (`nonPublic`: count of non-public items returned); once per request. */
export function auditedRead(
  sink: ReadAuditSink,
  request: FastifyRequest,
  scope: AccessScope,
  resource: string,
  nonPublic: number | boolean,
  detail: Record<string, unknown> = {},
): void {
  audited.add(request);
  auditRead(sink, scope, resource, nonPublic, detail);
}

export function readAuditHook(sink: ReadAuditSink) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (request.is404 || request.method !== 'GET' || access?.kind !== 'scope' || access.scope !== 'read') return;
    if (audited.has(request) || reply.statusCode < 200 || reply.statusCode >= 300) return;
    auditRead(sink, request.accessScope, request.url.split('?')[0] ?? request.url, true, {
      route: `${request.method} ${request.routeOptions.url ?? ''}`,
    });
  };
}
