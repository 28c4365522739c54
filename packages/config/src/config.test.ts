import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, databaseKind, loadConfig } from "./config";

const noDotenv = "/nonexistent/.env";

describe("loadConfig", () => {
  it("applies defaults that make a zero-setup start work", () => {
    const c = loadConfig({}, noDotenv);
    expect(c.PORT).toBe(4000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(databaseKind(c)).toBe("pglite-file");
    expect(c.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(c.GRAPHQL_INTROSPECTION).toBe(true);
  });

  it("recognises the three database kinds", () => {
    expect(databaseKind(loadConfig({ DATABASE_URL: "memory://" }, noDotenv))).toBe("pglite-memory");
    expect(databaseKind(loadConfig({ DATABASE_URL: "postgres://u@h:5432/db" }, noDotenv))).toBe(
      "postgres",
    );
  });

  it("names every bad key in one error", () => {
    let error: unknown;
    try {
      loadConfig(
        {
          PORT: "abc",
          DATABASE_URL: "mysql://x",
          ADMIN_ORIGIN: "not a url",
          SESSION_SECRET: "short",
        },
        noDotenv,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((p) => p.key).sort();
    expect(keys).toEqual(["ADMIN_ORIGIN", "DATABASE_URL", "PORT", "SESSION_SECRET"]);
    for (const k of keys) expect((error as ConfigError).message).toContain(k);
  });

  it("requires a session secret in production and turns introspection off there", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, noDotenv)).toThrow(/SESSION_SECRET/);
    const c = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }, noDotenv);
    expect(c.GRAPHQL_INTROSPECTION).toBe(false);
  });

  it("has hardening defaults, each of them configurable", () => {
    const c = loadConfig({}, noDotenv);
    expect(c).toMatchObject({
      GRAPHQL_MAX_DEPTH: 12,
      GRAPHQL_MAX_COST: 10_000,
      GRAPHQL_MAX_TOKENS: 5_000,
      GRAPHQL_BODY_LIMIT_KB: 2048,
      API_KEY_RATE_LIMIT_PER_SECOND: 50,
      API_KEY_RATE_LIMIT_BURST: 100,
      API_KEY_CACHE_SECONDS: 5,
      LOGIN_RATE_LIMIT_PER_MINUTE: 10,
      LOGIN_LOCKOUT_ATTEMPTS: 5,
      LOGIN_LOCKOUT_MINUTES: 15,
      TRUST_PROXY: false,
    });
    expect(c.METRICS_TOKEN).toBeUndefined();
    const set = loadConfig(
      { GRAPHQL_MAX_DEPTH: "8", API_KEY_RATE_LIMIT_PER_SECOND: "0", METRICS_TOKEN: "t".repeat(16) },
      noDotenv,
    );
    expect([set.GRAPHQL_MAX_DEPTH, set.API_KEY_RATE_LIMIT_PER_SECOND]).toEqual([8, 0]);
    expect(() => loadConfig({ METRICS_TOKEN: "short" }, noDotenv)).toThrow(/METRICS_TOKEN/);
  });

  it("sizes the PostgreSQL pool: 10 by default, a whole number from 1 to 200 when set", () => {
    expect(loadConfig({}, noDotenv).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: "32" }, noDotenv).DATABASE_POOL_SIZE).toBe(32);
    for (const bad of ["0", "2.5", "many", "500"])
      expect(() => loadConfig({ DATABASE_POOL_SIZE: bad }, noDotenv)).toThrow(/DATABASE_POOL_SIZE/);
  });

  it("reads TRUST_PROXY as express does: a boolean, a hop count or a list of proxies", () => {
    const trust = (v: string) => loadConfig({ TRUST_PROXY: v }, noDotenv).TRUST_PROXY;
    expect(trust("true")).toBe(true);
    expect(trust("false")).toBe(false);
    expect(trust("2")).toBe(2);
    expect(trust("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
  });

  it("has webhook delivery defaults and refuses a timeout too short to reach anyone", () => {
    expect(loadConfig({}, noDotenv)).toMatchObject({
      WEBHOOK_TIMEOUT_MS: 10_000,
      WEBHOOK_MAX_ATTEMPTS: 12,
      WEBHOOK_RETRY_BASE_MS: 30_000,
    });
    expect(loadConfig({ WEBHOOK_MAX_ATTEMPTS: "3" }, noDotenv).WEBHOOK_MAX_ATTEMPTS).toBe(3);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: "5" }, noDotenv)).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });

  it("keeps settled webhook deliveries 30 days by default, and at least a day", () => {
    expect(loadConfig({}, noDotenv).WEBHOOK_RETENTION_DAYS).toBe(30);
    expect(loadConfig({ WEBHOOK_RETENTION_DAYS: "7" }, noDotenv).WEBHOOK_RETENTION_DAYS).toBe(7);
    for (const bad of ["0", "-1", "1.5", "many", "4000"])
      expect(() => loadConfig({ WEBHOOK_RETENTION_DAYS: bad }, noDotenv)).toThrow(
        /WEBHOOK_RETENTION_DAYS/,
      );
  });

  it("reads a .env file, with the real environment taking precedence", () => {
    const dir = mkdtempSync(join(tmpdir(), "trouw-config-"));
    const path = join(dir, ".env");
    writeFileSync(path, "PORT=5050\nLOG_LEVEL=debug\n");
    const c = loadConfig({ LOG_LEVEL: "warn" }, path);
    expect(c.PORT).toBe(5050);
    expect(c.LOG_LEVEL).toBe("warn");
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "" }, noDotenv).PORT).toBe(4000);
  });

  it("exits non-zero with one message when run from an entry point", () => {
    const script = `require(${JSON.stringify(join(__dirname, "..", "dist", "index.js"))}).loadConfigOrExit({ PORT: "-1", LOG_LEVEL: "loud" })`;
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, ["-e", script], { stdio: "pipe" });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      status = err.status;
      stderr = err.stderr.toString();
    }
    expect(status).not.toBe(0);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("LOG_LEVEL");
  });
});
