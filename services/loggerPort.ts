/**
 * The logging port the domain uses. pino's Logger satisfies it; tests can pass a
 * recording logger. Kept minimal so services stay free of infrastructure imports.
 */
export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  readonly fatal: LogFn;
  readonly error: LogFn;
  readonly warn: LogFn;
  readonly info: LogFn;
  readonly debug: LogFn;
  readonly trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
