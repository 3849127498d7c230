/** A start that cannot go on for a reason the operator fixes: said in one line, no stack. */
export class StartupError extends Error {}

/**
 * `listen` failed: when the port is taken, say which setting names it, so a second instance on
 * one machine is told what to change rather than shown a stack from node:net.
 */
export function listenError(error: unknown, variable: string, host: string, port: number): Error {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return new StartupError(
      `${variable}=${port}: ${host}:${port} is already in use by another process; choose another port with ${variable}`,
    );
  if (code === 'EACCES')
    return new StartupError(
      `${variable}=${port}: not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`,
    );
  return error instanceof Error ? error : new Error(String(error));
}
