import type { ExportOutcome } from '@logweave/core';

const HTTP_STATUS = /^HTTP (\d{3})\b/;
const GRPC_STATUS = /^gRPC ([A-Z_]+)\b/;
const ERRNO_CODE = /^([A-Z][A-Z0-9_]{2,}):/;
const DEADLINE = /^deadline\b/;

/**
 * The `error.type` (and status code) of a failed export, read from the failure a target
 * reported: the HTTP status as the conventions ask (`503`), the gRPC status name, the system
 * error code (`ECONNREFUSED`), `timeout` for a deadline, `_OTHER` otherwise.
 */
export function exportOutcome(error: string | undefined): ExportOutcome {
  if (error === undefined) return { errorType: OTHER };
  const http = HTTP_STATUS.exec(error);
  if (http !== null) return { errorType: http[1], httpStatusCode: Number(http[1]) };
  const named = GRPC_STATUS.exec(error) ?? ERRNO_CODE.exec(error);
  if (named !== null) return { errorType: named[1] };
  return { errorType: DEADLINE.test(error) ? 'timeout' : OTHER };
}

/** The conventions' `error.type` for a failure of no known kind. */
export const OTHER = '_OTHER';
