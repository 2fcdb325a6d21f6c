/** lamsim's version, written into every summary.json. Kept equal to package.json by a test. */
export const LAMSIM_VERSION = '0.1.0';
