/** Product version (kept equal to package.json's by a test). */
export const OPENPCS_VERSION = '0.1.0';
