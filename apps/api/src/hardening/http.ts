import type { ErrorRequestHandler, RequestHandler } from "express";
import helmet from "helmet";

/**
 * Headers on every response: no sniffing, no framing, same-origin referrers and resource
 * loading, and HSTS in production (the API is served over TLS there, by it or a proxy).
 * The content security policy is separate because only the admin app needs one.
 */
export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: production
      ? { maxAge: 365 * 24 * 3600, includeSubDomains: true }
      : false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
  });
}

/**
 * CSP for the admin app served from ADMIN_DIST: scripts, fonts, images and API calls from
 * this origin only. Styles also allow inline, because the UI library (naive-ui) injects its
 * styles at run time. No framing, no plugins, no foreign form targets.
 */
export function adminContentSecurityPolicy(production: boolean): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'", "data:"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
      ...(production ? { "upgrade-insecure-requests": [] } : {}),
    },
  });
}

/**
 * Body parser failures at /graphql as GraphQL-shaped JSON rather than an HTML page: 413
 * PAYLOAD_TOO_LARGE over GRAPHQL_BODY_LIMIT_KB, 400 BAD_REQUEST for JSON that does not parse.
 */
export function graphqlBodyErrors(limitKb: number): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, next) => {
    const reply = (status: number, code: string, message: string) =>
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    if (err.type === "entity.too.large")
      return reply(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limitKb} KB`);
    if (err.type === "entity.parse.failed")
      return reply(400, "BAD_REQUEST", "The request body is not valid JSON");
    if (err.status && err.status >= 400 && err.status < 500)
      return reply(err.status, "BAD_REQUEST", "The request body could not be read");
    next(err);
  };
}
