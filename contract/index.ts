/**
 * The contract of the Footnote API: its value lists, error codes and request and answer
 * shapes, in one place that the server (schema, services, routes), the widget and the admin
 * page all import. It imports nothing (the linter holds it to that), so the browser bundles
 * can take it whole.
 */
export * from './enums';
export * from './errors';
export * from './public';
export * from './admin';
export * from './stats';
