export * from './audit.js';
export * from './clients.js';
export * from './crypto.js';
export * from './identity.js';
export * from './jobs.js';
export * from './library.js';
export * from './practices.js';
export * from './programs.js';
