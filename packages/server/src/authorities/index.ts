/** Health authorities: what the `bluezone authority` CLI and embedding programs use. */

export * from './authorities-repository';
export * from './authority-certificate';
export { OWN_AUTHORITY_NAME } from './own-authority';
