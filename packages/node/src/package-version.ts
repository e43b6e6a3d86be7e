// Generated from package.json by scripts/generate-versions.mjs: do not edit.
export const PACKAGE_NAME = '@agentvitals/node';
export const PACKAGE_VERSION = '0.1.0';
