import { resolve } from 'node:path';

/**
 * The project's shared reference material: the real-world corpus and the Kafka config catalog.
 * It sits beside the repository (`../shared`); set KAFKALINT_SHARED to use another place.
 */
export const SHARED_DIR = process.env.KAFKALINT_SHARED ? resolve(process.env.KAFKALINT_SHARED) : resolve(__dirname, '..', '..', 'shared');
export const SHARED_CORPUS = resolve(SHARED_DIR, 'corpus');
export const SHARED_CATALOG = resolve(SHARED_DIR, 'kafka-catalog');
