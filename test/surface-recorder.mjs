// Test-only: loaded into an app under test with NODE_OPTIONS=--import (test/e2e/access-walk),
// it records every HTTP route Fastify registers and every RPC message pattern Nest binds, and
// writes them to SURFACE_FILE as they come. So the access walk reads what the running process
// really serves, not a list kept by hand, and the product carries no hook for it.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const file = process.env.SURFACE_FILE;
if (!file) throw new Error('surface-recorder: SURFACE_FILE is not set');

const surface = { http: [], rpc: [] };
const save = () => writeFileSync(file, JSON.stringify(surface));
save();

// Fastify announces each instance it creates, before anything is registered on it; routes of
// plugins registered later (Apollo's /graphql) pass through the root's onRoute hook too.
subscribe('fastify.initialization', ({ fastify }) => {
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) surface.http.push({ method, url: route.url });
    save();
  });
});

// Every message or event pattern, whoever declares it, is bound through Server#addHandler.
// Resolved from the app's directory, so this is the very class the app loads.
const require = createRequire(join(process.cwd(), 'package.json'));
const { Server } = require('@nestjs/microservices');
const addHandler = Server.prototype.addHandler;
Server.prototype.addHandler = function (pattern, callback, isEventHandler = false, extras) {
  surface.rpc.push({ pattern: this.normalizePattern(pattern), event: isEventHandler });
  save();
  return addHandler.call(this, pattern, callback, isEventHandler, extras);
};
