/** Health authorities: what the `bluezone authority` CLI and embedding programs use. */
export * from './authority-certificate';
export * from './authority-repository';
export { OWN_AUTHORITY_NAME } from './own-authority';
