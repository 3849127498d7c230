import { ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RpcException, TcpContext } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { DeclaredAccess } from '@app/runtime';
import { verifyRpcCommand } from './rpc-credential';
import { RpcNonces } from './rpc-nonces';
import { ALL_BUT_CREDENTIAL, SIGNED_PART, SignedPartOf } from './signed-part.decorator';

/**
 * RPC message patterns: every command not @Public() carries a credential (rpc-credential.ts)
 * made with the admin key for exactly this pattern and payload, fresh and never seen before.
 * Whoever holds the admin key is the operator, so there is no finer rule here.
 */
@Injectable()
export class RpcAccess {
  private readonly logger = new Logger(RpcAccess.name);
  private readonly adminApiKey: string;
  private readonly nonces = new RpcNonces();

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.adminApiKey = config.secrets.adminApiKey;
  }

  check(rule: DeclaredAccess | undefined, context: ExecutionContext): void {
    if (rule === 'public') return;
    const rpc = context.switchToRpc();
    const transport = rpc.getContext<unknown>();
    // The credential signs the pattern the message came with, which only the TCP transport
    // (the one we listen on) tells; a message on any other is refused.
    const pattern = transport instanceof TcpContext ? transport.getPattern() : undefined;
    const payload = rpc.getData<unknown>();
    const credential = (payload as { credential?: unknown } | null | undefined)?.credential;
    const signedPart =
      this.reflector.get<SignedPartOf | undefined>(SIGNED_PART, context.getHandler()) ??
      ALL_BUT_CREDENTIAL;
    if (
      pattern === undefined ||
      !verifyRpcCommand(this.adminApiKey, pattern, signedPart(payload), credential) ||
      // Only a genuine credential may take a place in the nonces' memory: checked after.
      !this.nonces.accept(credential.nonce, credential.issuedAt)
    ) {
      // Never log what was sent: a near miss could be a real key's credential.
      this.logger.warn(
        `refused a ${pattern ?? 'non-TCP'} command without a valid, fresh, unused credential`,
      );
      throw new RpcException({
        kind: 'unauthenticated',
        message: `${pattern ?? 'these'} commands must carry a fresh, unused credential signed with ADMIN_API_KEY`,
      });
    }
  }
}
