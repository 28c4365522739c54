import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join, resolve } from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Config } from "@trouw/config";
import type { Clock } from "./common/clock";
import { createErrorFormatter, rateLimited } from "./common/errors";
import { queryCountStore } from "./common/query-count";
import type { Actor } from "./auth/permissions";
import type { Context, SessionCookie } from "./context";
import { runInAuditScope, type AuditScope } from "./modules/audit/audit";
import type { Database } from "./db/database";
import { createLoaders } from "./loaders";
import { buildTrouwSchema } from "./schema";
import { createServices, type Services } from "./services";
import { Metrics } from "./metrics/metrics";
import { tokenBucket, type RateLimiter } from "./hardening/rate-limit";
import { queryLimitsPlugin } from "./hardening/query-limits";
import { textInputPlugin } from "./hardening/text-input";
import { loginRateLimitPlugin } from "./hardening/login-rate-limit";
import { adminContentSecurityPolicy, graphqlBodyErrors, securityHeaders } from "./hardening/http";
import { transferRoutes } from "./modules/imports/http";
import { ExportsService } from "./modules/exports/exports.service";

export const SESSION_COOKIE = "trouw_session";

export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
}

export interface TrouwApp {
  server: Server;
  services: Services;
  metrics: Metrics;
  listen(port?: number, host?: string): Promise<string>;
  /** Starts the job runner and the segment refresh, loyalty upkeep and webhook schedules. */
  startBackgroundWork(): void;
  stop(): Promise<void>;
}

type Counted = Request & {
  queryCounter?: { queries: number };
  requestId?: string;
  auditScope?: AuditScope;
};

/** Builds the HTTP server (GraphQL, health, optional admin app) without listening. */
export async function createApp({ config, db, clock, logger }: AppDeps): Promise<TrouwApp> {
  const services = createServices(db, clock, config, logger);
  const production = config.NODE_ENV === "production";
  const app = express();
  const server = createServer(app);
  // Idle keep-alive connections stay open longer than clients and load balancers keep theirs
  // (undici 4 s, common proxies 60 s), so a client never reuses a socket the server is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const metrics = new Metrics(db, clock, logger);
  // Per-key and per-address limits; in memory, so per process (see hardening/rate-limit.ts).
  const apiKeyLimiter: RateLimiter = tokenBucket(
    clock,
    config.API_KEY_RATE_LIMIT_PER_SECOND,
    config.API_KEY_RATE_LIMIT_BURST,
  );
  const loginLimiter: RateLimiter = tokenBucket(
    clock,
    config.LOGIN_RATE_LIMIT_PER_MINUTE / 60,
    config.LOGIN_RATE_LIMIT_PER_MINUTE,
  );

  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY);
  app.use(securityHeaders(production));
  app.use(metrics.httpTimer());
  app.use((req: Counted, res, next) => {
    req.requestId =
      (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) || randomUUID();
    res.setHeader("X-Request-Id", req.requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        {
          reqId: req.requestId,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "request",
      );
    });
    next();
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await db.read((em) => em.query("SELECT 1"));
      res.json({ status: "ok", database: db.kind });
    } catch {
      res.status(503).json({ status: "unavailable", database: db.kind });
    }
  });

  if (config.METRICS_TOKEN) app.get("/metrics", metrics.handler(config.METRICS_TOKEN));

  const queryCountPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const counter = contextValue.queryCounter;
          if (!production && counter && response.body.kind === "single") {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              queryCount: counter.queries,
            };
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<Context>({
    schema: await buildTrouwSchema(),
    introspection: config.GRAPHQL_INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown: drain HTTP, stop Apollo, close the database, exit.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, !production),
    // Refuses GETs and form-like POSTs without a preflight-forcing header: with the SameSite
    // cookie, what stops another site from making a signed-in admin's browser call us.
    csrfPrevention: true,
    // Bounds parse and validation work before the depth and cost limits can look.
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      metrics.plugin(),
      queryLimitsPlugin({ maxDepth: config.GRAPHQL_MAX_DEPTH, maxCost: config.GRAPHQL_MAX_COST }),
      textInputPlugin(),
      loginRateLimitPlugin(loginLimiter, () => metrics.countRateLimited("login_ip")),
      queryCountPlugin,
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const graphql = expressMiddleware(apollo, {
    context: async ({ req, res }): Promise<Context> => {
      const session = sessionCookie(req, res, production);
      const actor = await authenticate(req, session, services);
      if (actor?.kind === "apiKey") {
        const decision = apiKeyLimiter.take(`key:${actor.id}`);
        if (!decision.allowed) {
          metrics.countRateLimited("api_key");
          throw rateLimited(
            `Too many requests for this API key; try again in ${decision.retryAfterSeconds} s`,
            decision.retryAfterSeconds,
          ).toGraphQL();
        }
      }
      // The audit log records this caller for every audited change the request makes.
      const scope = (req as Counted).auditScope;
      if (scope) scope.actor = actor;
      return {
        actor,
        services,
        loaders: createLoaders(db, services),
        session,
        requestId: (req as Counted).requestId ?? randomUUID(),
        queryCounter: (req as Counted).queryCounter,
        origin: requestOrigin(req),
        clientIp: req.ip ?? null,
      };
    },
  });
  app.use(
    "/graphql",
    express.json({ limit: `${config.GRAPHQL_BODY_LIMIT_KB}kb` }),
    (req: Counted, res: Response, next: NextFunction) => {
      const counter = { queries: 0 };
      req.queryCounter = counter;
      const scope: AuditScope = { actor: null, requestId: req.requestId ?? null };
      req.auditScope = scope;
      queryCountStore.run(counter, () => runInAuditScope(scope, () => graphql(req, res, next)));
    },
    graphqlBodyErrors(config.GRAPHQL_BODY_LIMIT_KB),
  );

  // CSV imports (streamed uploads) and exports, authenticated like GraphQL.
  app.use(
    transferRoutes(
      services,
      new ExportsService(db),
      (req, res) => authenticate(req, sessionCookie(req, res, production), services),
      (err) => logger.error({ err }, "import/export request failed"),
    ),
  );

  const adminDist = config.ADMIN_DIST ? resolve(config.ADMIN_DIST) : null;
  if (adminDist && existsSync(join(adminDist, "index.html"))) {
    // Everything from here on is the admin app (GraphQL, health and metrics answered above).
    app.use(adminContentSecurityPolicy(production));
    app.use(express.static(adminDist, { index: false, maxAge: "1h" }));
    // Single-page app: every other GET renders index.html; the router takes it from there.
    app.get(/^\/(?!graphql|healthz|metrics|imports\/|exports\/).*/, (_req, res) =>
      res.sendFile(join(adminDist, "index.html")),
    );
  }

  let scheduler: NodeJS.Timeout | null = null;
  return {
    server,
    services,
    metrics,
    listen(port = config.PORT, host = config.HOST) {
      return new Promise((resolveUrl, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actualPort = typeof address === "object" && address ? address.port : port;
          resolveUrl(`http://${host}:${actualPort}`);
        });
      });
    },
    startBackgroundWork() {
      services.jobs.start(config.JOBS_POLL_MS);
      const schedule = () => {
        services.segments
          .scheduleDue(config.SEGMENT_REFRESH_MINUTES * 60_000)
          .catch((err: unknown) => logger.error({ err }, "segment scheduling failed"));
        services.loyaltyMaintenance
          .scheduleDue(config.LOYALTY_MAINTENANCE_MINUTES * 60_000)
          .catch((err: unknown) => logger.error({ err }, "loyalty scheduling failed"));
        services.webhooks
          .scheduleDue()
          .catch((err: unknown) => logger.error({ err }, "webhook scheduling failed"));
      };
      void schedule();
      scheduler = setInterval(schedule, Math.max(config.JOBS_POLL_MS, 1000));
      scheduler.unref();
    },
    async stop() {
      if (scheduler) clearInterval(scheduler);
      await services.jobs.stop();
      // Idle keep-alive sockets would hold the drain open; in-flight requests still finish.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      try {
        await apollo.stop();
      } finally {
        clearInterval(sweep);
      }
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function sessionCookie(req: Request, res: Response, secure: boolean): SessionCookie {
  const cookies = parseCookies(req.headers.cookie ?? "");
  return {
    token: () => cookies[SESSION_COOKIE] ?? null,
    set: (token, expiresAt) =>
      res.append(
        "Set-Cookie",
        serializeCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
          expires: expiresAt,
        }),
      ),
    clear: () =>
      res.append(
        "Set-Cookie",
        serializeCookie(SESSION_COOKIE, "", {
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
          maxAge: 0,
        }),
      ),
  };
}

/** The Origin a browser sent, else the scheme and host the request was addressed to. */
function requestOrigin(req: Request): string | null {
  const origin = req.headers.origin;
  if (origin && URL.canParse(origin) && origin !== "null") return new URL(origin).origin;
  const host = req.get("host");
  return host ? `${req.protocol}://${host}` : null;
}

/** An API key in `Authorization: Bearer`, else the session cookie. */
async function authenticate(
  req: Request,
  session: SessionCookie,
  services: Services,
): Promise<Actor | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return services.users.actorForApiKey(auth.slice(7).trim());
  const token = session.token();
  return token ? services.users.actorForSession(token) : null;
}
