export { configSchema, loadConfig, loadConfigOrExit, ConfigError, databaseKind } from "./config";
export type { Config, DatabaseKind } from "./config";
