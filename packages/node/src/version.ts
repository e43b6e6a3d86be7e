/** Instrumentation scope of the process metrics: this package, at its version. */
export { PACKAGE_NAME as SCOPE_NAME, PACKAGE_VERSION as SCOPE_VERSION } from './package-version.js';
