/** Web accounts' public API (what the CLI and embedding programs use). */

export * from './accounts-repository';
export * from './accounts-tables';
export * from './demo-password';
export * from './first-run';
export * from './password-hash';
export * from './session-principal';
export { formatSetupCode, setupCode } from './setup-code';
export * from './user-role';
