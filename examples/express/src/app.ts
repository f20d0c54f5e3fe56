import { randomUUID } from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SeverityNumber, type Logger } from '@opentelemetry/api';
import { withLogContext } from '@logweave/enrich';
import express, { type Express } from 'express';

/**
 * An orders API. Two middlewares open log contexts: every record emitted while a request is
 * handled, in its handler and in the async work that handler starts, carries that request's id
 * and user, and never another request's.
 */
export function ordersApp(logger: Logger): Express {
  const app = express();
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id') ?? randomUUID();
    res.set('x-request-id', requestId);
    const context = { 'http.request.header.x-request-id': [requestId], 'http.request.method': req.method, 'url.path': req.path };
    withLogContext(context, next);
  });
  // An authentication middleware would put the verified user here; the nested context inherits the outer one.
  app.use((req, _res, next) => withLogContext({ 'user.id': req.get('x-user-id') }, next));
  app.use((_req, res, next) => {
    // 'finish' fires outside the handler's call: bind the listener to the request's context.
    const started = performance.now();
    res.on('finish', AsyncResource.bind(() => {
      const attributes = { 'http.response.status_code': res.statusCode, 'http.server.request.duration_ms': Math.round(performance.now() - started) };
      logger.emit({ severityNumber: SeverityNumber.INFO, body: 'request handled', attributes });
    }));
    next();
  });
  app.get('/orders/:id', async (req, res) => {
    const orderId = req.params.id;
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'loading order', attributes: { 'order.id': orderId } });
    await sleep(Number(req.query['delay'] ?? 0));
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'order loaded', attributes: { 'order.id': orderId } });
    res.json({ id: orderId, status: 'shipped' });
  });
  return app;
}
