import pkg from '../package.json' with { type: 'json' };

/** The running version, reported by /healthz and logged at start. */
export const APP_VERSION: string = pkg.version;
export const APP_NAME: string = pkg.name;
