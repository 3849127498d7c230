import { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { Logger } from '@nestjs/common';
import { TcpSocket } from '@nestjs/microservices';

/**
 * The largest command frame (the JSON after the length prefix). The prefix counts characters
 * and the wire carries bytes: both are held to this (commands are a few hundred ASCII bytes).
 */
export const MAX_FRAME = 64 * 1024;
/** A peer that starts a frame must finish it within this long. */
const INCOMPLETE_FRAME_TIMEOUT_MS = 5_000;
/** Replies a peer has not read yet: beyond this the connection goes. */
const MAX_UNSENT_BYTES = 1024 * 1024;
/** The digits of MAX_FRAME: a longer prefix is over the limit whatever its value. */
const MAX_PREFIX_DIGITS = String(MAX_FRAME).length;

/**
 * Nest's JSON-over-TCP framing (`<length>#<json>`, the length counted in UTF-16 code units,
 * as JsonSocket writes it), with the limits JsonSocket lacks for a port strangers can reach.
 * JsonSocket buffers until the length prefix is satisfied, up to 128 M characters per
 * connection: a prefix of 2,000,000,000 and a stream of bytes grew the projector by 330 MB.
 * Here a prefix over MAX_FRAME closes the connection as soon as it is read, and so do more
 * than MAX_FRAME bytes buffered for one frame, a frame left half-sent, and anything that is
 * not a frame at all.
 */
export class BoundedJsonSocket extends TcpSocket {
  private static readonly logger = new Logger('RpcPort');
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  /** Raw bytes received since the last complete frame (what a frame may cost us). */
  private pendingBytes = 0;
  /** The current frame's length once its prefix has been read. */
  private frameLength: number | null = null;
  private stalled: NodeJS.Timeout | null = null;
  /** Frames taken on this connection: the API sends one command per connection. */
  private frames = 0;

  constructor(socket: Socket) {
    super(socket);
    socket.on('close', () => this.clearStallTimer());
  }

  protected handleSend(message: unknown, callback?: (err?: unknown) => void): void {
    const json = JSON.stringify(message);
    this.socket.write(`${json.length}#${json}`, 'utf-8', callback);
    // A peer that sends commands but never reads the answers must not make us hold them.
    if (this.socket.writableLength > MAX_UNSENT_BYTES)
      this.refuse(`peer left ${this.socket.writableLength} bytes of replies unread`);
  }

  protected handleData(data: Buffer | string): void {
    if (this.socket.destroyed) return;
    this.pendingBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.buffer += typeof data === 'string' ? data : this.decoder.write(data);
    if (this.pendingBytes > MAX_FRAME + MAX_PREFIX_DIGITS + 1)
      return this.refuse(`more than ${MAX_FRAME} bytes buffered for one frame`);
    for (;;) {
      if (this.frameLength === null) {
        const hash = this.buffer.indexOf('#');
        const prefix = hash === -1 ? this.buffer : this.buffer.slice(0, hash);
        if (!/^\d*$/.test(prefix) || (hash !== -1 && prefix === ''))
          return this.refuse('a frame must start with its length in digits and "#"');
        // Judged on the digits so far: "2000000000#" is refused at its sixth digit.
        if (prefix.length > MAX_PREFIX_DIGITS || Number(prefix) > MAX_FRAME)
          return this.refuse(
            `frame length ${prefix.slice(0, MAX_PREFIX_DIGITS + 1)}… is over ${MAX_FRAME}`,
          );
        if (hash === -1) break;
        this.frameLength = Number(prefix);
        this.buffer = this.buffer.slice(hash + 1);
      }
      if (this.buffer.length < this.frameLength) break;
      // One command per connection (ProjectorClient connects per command): a second frame is
      // a peer trying to hold the port with junk, so it loses the connection.
      if (this.frames++ > 0) return this.refuse('more than one frame on one connection');
      const frame = this.buffer.slice(0, this.frameLength);
      this.buffer = this.buffer.slice(this.frameLength);
      this.frameLength = null;
      this.pendingBytes = Buffer.byteLength(this.buffer);
      try {
        this.emitMessage(frame);
      } catch {
        return this.refuse('a frame is not JSON');
      }
      if (this.socket.destroyed) return;
    }
    this.armStallTimer();
  }

  private armStallTimer(): void {
    this.clearStallTimer();
    if (this.buffer === '' && this.frameLength === null) return;
    this.stalled = setTimeout(
      () => this.refuse(`frame incomplete after ${INCOMPLETE_FRAME_TIMEOUT_MS} ms`),
      INCOMPLETE_FRAME_TIMEOUT_MS,
    );
    this.stalled.unref();
  }

  private clearStallTimer(): void {
    if (this.stalled) clearTimeout(this.stalled);
    this.stalled = null;
  }

  /**
   * Drops what was buffered and the connection, at once (a peer like this cannot be trusted to
   * answer a FIN). One line, not Nest's stack trace per refused connection.
   */
  private refuse(reason: string): void {
    this.clearStallTimer();
    this.buffer = '';
    this.frameLength = null;
    this.pendingBytes = 0;
    BoundedJsonSocket.logger.warn(
      `closed the connection from ${this.socket.remoteAddress ?? 'unknown'}: ${reason}`,
    );
    this.socket.destroy();
  }
}
