/** Web accounts' public API (what the CLI and embedding programs use). */

export * from './accounts-repository';
export * from './accounts-tables';
export * from './password-hash';
export * from './session-principal';
export * from './user-role';
