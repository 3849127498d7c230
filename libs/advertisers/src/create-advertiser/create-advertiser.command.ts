import { Command } from '@nestjs/cqrs';

export interface CreatedAdvertiser {
  readonly advertiserId: string;
  readonly name: string;
  readonly createdAt: Date;
  /** Shown once; only its hash is stored. */
  readonly apiKey: string;
}

export class CreateAdvertiserCommand extends Command<CreatedAdvertiser> {
  constructor(readonly name: string) {
    super();
  }
}
