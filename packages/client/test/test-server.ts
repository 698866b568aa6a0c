// The key server's test addresses, shared with test-support's field-test runs.
export { TEST_SERVER } from '@bluezone/test-support';
