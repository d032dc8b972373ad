export * from './audit.js';
export * from './crypto.js';
export * from './identity.js';
export * from './jobs.js';
export * from './practices.js';
