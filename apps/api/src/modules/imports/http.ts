import { Router, type Request, type Response } from "express";
import { stringify } from "csv-stringify";
import { pipeline } from "node:stream/promises";
import { AppError, forbidden, unauthenticated } from "../../common/errors";
import { permissionsOf, type Actor, type Permission } from "../../auth/permissions";
import type { Services } from "../../services";
import type { ExportsService } from "../exports/exports.service";
import { toImportType } from "./imports.resolver";

export type Authenticate = (req: Request, res: Response) => Promise<Actor | null>;

const STATUS: Partial<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** Errors in GraphQL's shape, so clients read `errors[0].extensions.code` as everywhere else. */
function sendError(res: Response, err: unknown): void {
  if (res.headersSent) {
    res.destroy(err instanceof Error ? err : undefined);
    return;
  }
  const e =
    err instanceof AppError ? err : new AppError("INTERNAL_SERVER_ERROR", "Unexpected error");
  res
    .status(STATUS[e.code] ?? 500)
    .json({ errors: [{ message: e.message, extensions: e.publicExtensions }] });
}

/**
 * The REST side of imports and exports, next to /graphql: file bodies are streamed, not
 * JSON. Authenticated exactly like GraphQL (API key in Authorization: Bearer, or the session
 * cookie) and guarded by the same permissions.
 */
export function transferRoutes(
  services: Services,
  exportsService: ExportsService,
  authenticate: Authenticate,
  onError: (err: unknown) => void,
): Router {
  const router = Router();

  const guard = async (req: Request, res: Response, permission: Permission): Promise<Actor> => {
    const actor = await authenticate(req, res);
    if (!actor) throw unauthenticated();
    if (!permissionsOf(actor).has(permission)) throw forbidden(`Requires permission ${permission}`);
    return actor;
  };
  const handle =
    (permission: Permission, work: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        await guard(req, res, permission);
        await work(req, res);
      } catch (err) {
        if (!(err instanceof AppError)) onError(err);
        sendError(res, err);
      }
    };

  // The dry run: the body (text/csv) streams through the parser into staging.
  router.put(
    "/imports/:id/file",
    handle("imports:manage", async (req, res) => {
      const imp = await services.imports.upload(String(req.params.id), req);
      // Enum values as GraphQL spells them, so both answers read the same.
      const view = toImportType(imp);
      res.json({
        import: { ...view, type: view.type.toUpperCase(), status: view.status.toUpperCase() },
      });
    }),
  );

  router.get(
    "/imports/:id/problems.csv",
    handle("imports:manage", async (req, res) => {
      const imp = await services.imports.require(String(req.params.id));
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="import-${imp.id}-problems.csv"`);
      const csv = stringify({ header: true, columns: ["row", "column", "reason"] });
      const writing = pipeline(csv, res);
      for await (const page of services.imports.allProblems(imp.id))
        for (const p of page)
          if (!csv.write({ row: p.row, column: p.column, reason: p.reason }))
            await new Promise((r) => csv.once("drain", r));
      csv.end();
      await writing;
    }),
  );

  const csvExport = (
    name: (req: Request) => string,
    query: (
      req: Request,
    ) => ReturnType<ExportsService["customers"]> | Promise<ReturnType<ExportsService["customers"]>>,
  ) =>
    handle("customers:read", async (req, res) => {
      const q = await query(req);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="${name(req)}.csv"`);
      await exportsService.stream(q, res);
    });

  router.get(
    "/exports/customers.csv",
    csvExport(
      () => "customers",
      () => exportsService.customers(),
    ),
  );
  router.get(
    "/exports/segments/:id/members.csv",
    csvExport(
      (req) => `segment-${String(req.params.id)}-members`,
      (req) => exportsService.segmentMembers(String(req.params.id)),
    ),
  );
  router.get(
    "/exports/ledger.csv",
    csvExport(
      () => "ledger",
      (req) =>
        exportsService.ledger({
          programId: typeof req.query.programId === "string" ? req.query.programId : null,
          customerId: typeof req.query.customerId === "string" ? req.query.customerId : null,
        }),
    ),
  );
  router.get(
    "/exports/surveys/:id/responses.csv",
    csvExport(
      (req) => `survey-${String(req.params.id)}-responses`,
      (req) => exportsService.surveyResponses(String(req.params.id)),
    ),
  );
  return router;
}
