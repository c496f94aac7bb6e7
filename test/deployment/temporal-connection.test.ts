import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env';
import { temporalConnectionOptions } from '../../config/temporal-connection';

describe('the Temporal connection of the API and the worker', () => {
  const directory = mkdtempSync(join(tmpdir(), 'dim-tls-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    writeFileSync(join(directory, name), content);
    return join(directory, name);
  };
  const options = (env: Record<string, string>) =>
    temporalConnectionOptions(loadEnv({ TEMPORAL_ADDRESS: 'temporal.example:7233', ...env }));

  it('is plain by default, TLS with mutual certificates and an API key when configured', () => {
    expect(options({})).toEqual({ address: 'temporal.example:7233' });
    expect(options({ TEMPORAL_TLS: 'true' })).toEqual({ address: 'temporal.example:7233', tls: {} });
    const configured = options({
      TEMPORAL_TLS_CA_FILE: file('ca.pem', 'CA'),
      TEMPORAL_TLS_CERT_FILE: file('client.pem', 'CERT'),
      TEMPORAL_TLS_KEY_FILE: file('client.key', 'KEY'),
      TEMPORAL_TLS_SERVER_NAME: 'frontend.internal',
      TEMPORAL_API_KEY: 'key-1',
    });
    expect(configured).toEqual({
      address: 'temporal.example:7233',
      tls: {
        serverNameOverride: 'frontend.internal',
        serverRootCACertificate: Buffer.from('CA'),
        clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
      },
      apiKey: 'key-1',
    });
    expect(options({ TEMPORAL_API_KEY: 'key-1' }).tls).toEqual({});
  });

  it('refuses half a certificate pair, an API key in clear and an unreadable file, naming the variable', () => {
    expect(() => options({ TEMPORAL_TLS_CERT_FILE: file('only.pem', 'CERT') })).toThrow(
      'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE come together',
    );
    expect(() => options({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).toThrow(
      'TEMPORAL_API_KEY needs TLS',
    );
    expect(() => options({ TEMPORAL_TLS_CA_FILE: join(directory, 'missing.pem') })).toThrow(
      'TEMPORAL_TLS_CA_FILE: cannot read',
    );
  });
});
