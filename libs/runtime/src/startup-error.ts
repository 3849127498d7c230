/** A start that cannot go on for a reason the operator fixes: said in one line, no stack. */
export class StartupError extends Error {}

/**
 * `listen` failed: say in one line which address could not be bound, why, and which setting
 * to change, so the operator is not shown a stack from node:net (or, for a port taken, a second
 * instance on one machine is told what to change).
 */
export function listenError(
  error: unknown,
  variable: string,
  host: string,
  port: number,
  hostVariable = 'HOST',
): Error {
  // app.listen() also runs the modules' start hooks: only errors of the listen itself are ours.
  const { code, syscall, hostname } = error as {
    code?: string;
    syscall?: string;
    hostname?: string;
  };
  const ours =
    syscall === 'listen' || ((code === 'ENOTFOUND' || code === 'EAI_AGAIN') && hostname === host);
  if (!ours) return error instanceof Error ? error : new Error(String(error));
  const where = `${variable}=${port}: cannot listen on ${host}:${port}`;
  switch (code ?? '') {
    case 'EADDRINUSE':
      return new StartupError(
        `${variable}=${port}: ${host}:${port} is already in use by another process; choose another port with ${variable}`,
      );
    case 'EACCES':
      return new StartupError(
        `${variable}=${port}: not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `${where}: ${host} is not an address of this machine (EADDRNOTAVAIL); set ${hostVariable} to one of its interfaces (0.0.0.0 for all)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(
        `${where}: ${host} does not resolve (${code}); check ${hostVariable}`,
      );
    default:
      return new StartupError(
        `${where} (check ${hostVariable} and ${variable}): ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}
