import { baseKeyMatching } from './prefixes';

/**
 * Keys that hold secrets (RULES.md §E.1): Kafka's PASSWORD-typed keys, librdkafka's sensitive
 * properties and ZooKeeper's store passwords. Matched under any listener/client/Connect/MM2 prefix.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  // Kafka (ConfigDef PASSWORD type)
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.truststore.password',
  'ssl.keystore.key',
  'ssl.keystore.certificate.chain',
  'ssl.truststore.certificates',
  'sasl.jaas.config',
  'password.encoder.secret',
  'password.encoder.old.secret',
  'delegation.token.secret.key',
  'delegation.token.master.key',
  'zookeeper.ssl.keystore.password',
  'zookeeper.ssl.truststore.password',
  'sasl.oauthbearer.client.credentials.client.secret',
  'sasl.login.callback.handler.client.secret',
  // librdkafka (_RK_SENSITIVE)
  'sasl.password',
  'sasl.username',
  'ssl.key.pem',
  'ssl_key',
  'ssl.ca.pem',
  'sasl.oauthbearer.client.secret',
  'sasl.oauthbearer.config',
  'sasl.oauthbearer.assertion.private.key.pem',
  'sasl.oauthbearer.assertion.private.key.passphrase',
  'sasl.oauthbearer.assertion.private.key.file',
  // ZooKeeper
  'ssl.keyStore.password',
  'ssl.trustStore.password',
  'ssl.quorum.keyStore.password',
  'ssl.quorum.trustStore.password',
]);

/** Secret keys that are masked in output but not reported by `inline-secret` (public material or identifiers). */
export const MASKED_ONLY_KEYS: ReadonlySet<string> = new Set([
  'ssl.truststore.certificates',
  'ssl.keystore.certificate.chain',
  'sasl.username',
  'ssl.ca.pem',
  'sasl.oauthbearer.assertion.private.key.file',
]);

const SECRET_NAME = /(password|passwd|secret|passphrase|credential|token)s?$/i;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The known secret key this key stands for under any prefix, if any. */
export function knownSecretBase(key: string): string | undefined {
  return baseKeyMatching(key, SECRET_KEYS);
}

const secretKeyCache = new Map<string, boolean>();

/** Whether the key alone marks its value as secret (cached: keys repeat across lints). */
function isSecretKey(key: string): boolean {
  let known = secretKeyCache.get(key);
  if (known === undefined) {
    const last = key.split(/[._-]/).pop() ?? key;
    known = !!knownSecretBase(key) || SECRET_NAME.test(last);
    if (secretKeyCache.size > 50_000) secretKeyCache.clear();
    secretKeyCache.set(key, known);
  }
  return known;
}

/** Whether a value under this key must be masked in every output. */
export function isSecretSetting(key: string, value: string): boolean {
  if (isSecretKey(key)) return true;
  return (value.includes('PRIVATE KEY') && PEM_PRIVATE_KEY.test(value)) || (value.trimStart().startsWith('eyJ') && JWT.test(value.trim()));
}

export const MASK = '********';
