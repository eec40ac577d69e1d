export * from './wait.js';
export * from './free-port.js';
export * from './redis-server.js';
export * from './api.js';
export * from './worker.js';
export * from './system.js';
export * from './subscriptions.js';
export * from './models.js';
