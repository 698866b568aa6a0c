/** Web accounts' public API (what the CLI and embedding programs use). */
export * from './account-tables';
export * from './password-hash';
export * from './session-principal';
export * from './user-repository';
export * from './user-role';
