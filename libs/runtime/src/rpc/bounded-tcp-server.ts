import { Socket } from 'node:net';
import { ServerTCP } from '@nestjs/microservices';
import { BoundedJsonSocket } from './bounded-json-socket';

/** Connections the command port holds at once; more are closed as they arrive. */
export const MAX_RPC_CONNECTIONS = 16;
/** A connection that sends and receives nothing for this long is closed. */
export const RPC_IDLE_TIMEOUT_MS = 10_000;
/** However busy, a connection lives at most this long: a command is answered in far less. */
export const RPC_MAX_CONNECTION_MS = 15_000;

/**
 * The TCP transport of @nestjs/microservices for a port that must survive strangers: frames
 * are bounded (BoundedJsonSocket), so are connections, and idle ones are closed, so that a
 * handful of silent (or chattering) sockets cannot hold the port. The API opens one connection
 * per command, so a connection carries one frame and lives a few seconds at most.
 */
export class BoundedTcpServer extends ServerTCP {
  constructor(options: { readonly host: string; readonly port: number }) {
    super({ ...options, socketClass: BoundedJsonSocket });
    // net.Server closes connections beyond this count at once (and emits 'drop').
    this.server.maxConnections = MAX_RPC_CONNECTIONS;
  }

  override bindHandler(socket: Socket): void {
    socket.setTimeout(RPC_IDLE_TIMEOUT_MS, () => socket.destroy());
    const lifetime = setTimeout(() => socket.destroy(), RPC_MAX_CONNECTION_MS);
    lifetime.unref();
    socket.once('close', () => clearTimeout(lifetime));
    super.bindHandler(socket);
  }
}
