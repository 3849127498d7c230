import { CanActivate, INestApplication } from '@nestjs/common';
import { CustomStrategy, NestMicroservice } from '@nestjs/microservices';

/**
 * Connects the command port with `guard` in front of every message pattern. Nest applies an
 * app's global guards to a hybrid app's microservice only when it inherits the app's whole
 * config, filters and pipes included, which would send RPC errors through the HTTP filter. So
 * the port gets the guard alone, set before its handlers are bound: this is what
 * connectMicroservice does when not deferred, with the guard put in first. The handlers'
 * guards are fixed when they are bound, so a guard added later would never run.
 */
export function connectGuardedMicroservice(
  app: INestApplication,
  strategy: CustomStrategy['strategy'],
  guard: CanActivate,
): void {
  const microservice = app.connectMicroservice<CustomStrategy>(
    { strategy },
    { deferInitialization: true },
  ) as NestMicroservice;
  microservice.useGlobalGuards(guard);
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  // The container is the app's: its own init runs the lifecycle hooks, once.
  microservice.setIsInitHookCalled(true);
}
