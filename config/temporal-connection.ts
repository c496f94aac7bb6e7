import { readFileSync } from 'node:fs';
import { ConfigError, type Env } from './env';

/** What the API's client and the worker pass to `Connection.connect` / `NativeConnection.connect`. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
}

/**
 * The Temporal connection every process makes, from the environment: plain on a local dev server;
 * TLS when `TEMPORAL_TLS=true`, any `TEMPORAL_TLS_*` file is given or an API key is (a key is never
 * sent in clear); mutual TLS with a client certificate and key, which come together or not at all.
 */
export function temporalConnectionOptions(
  env: Env,
  readFile: (path: string) => Buffer = (path) => readFileSync(path),
): TemporalConnectionOptions {
  const { TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_CERT_FILE: cert, TEMPORAL_TLS_KEY_FILE: key } = env;
  if ((cert === undefined) !== (key === undefined)) {
    throw new ConfigError('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE come together.');
  }
  const tls =
    env.TEMPORAL_TLS === 'true' ||
    (env.TEMPORAL_TLS !== 'false' &&
      [ca, cert, env.TEMPORAL_TLS_SERVER_NAME, env.TEMPORAL_API_KEY].some(Boolean));
  if (env.TEMPORAL_API_KEY && !tls)
    throw new ConfigError('TEMPORAL_API_KEY needs TLS (TEMPORAL_TLS is false).');
  const read = (variable: string, path: string) => {
    try {
      return readFile(path);
    } catch (error) {
      throw new ConfigError(`${variable}: cannot read ${path} (${(error as Error).message})`);
    }
  };
  return {
    address: env.TEMPORAL_ADDRESS,
    ...(tls
      ? {
          tls: {
            ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
            ...(ca ? { serverRootCACertificate: read('TEMPORAL_TLS_CA_FILE', ca) } : {}),
            ...(cert && key
              ? {
                  clientCertPair: {
                    crt: read('TEMPORAL_TLS_CERT_FILE', cert),
                    key: read('TEMPORAL_TLS_KEY_FILE', key),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
