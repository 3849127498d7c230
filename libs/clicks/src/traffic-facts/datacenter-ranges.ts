import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AddressClass } from '@app/contracts';
import { AddressRanges } from './address-ranges';

/**
 * The operator's list of data-centre and cloud address ranges (QUALITY_DATACENTER_RANGES: a
 * file of CIDR ranges, one a line; scripts/refresh-datacenter-ranges.mjs writes one from the
 * cloud providers' published feeds). Read once at start into a structure searched by bisection;
 * a tracker picks up a refreshed file when it restarts. No file configured: every click's
 * address class is "unchecked" and the data-centre rule judges none.
 */
@Injectable()
export class DatacenterRanges {
  private readonly logger = new Logger(DatacenterRanges.name);
  private readonly ranges: AddressRanges | undefined;

  constructor(@Inject(AppConfig) config: AppConfig) {
    const path = config.get('QUALITY_DATACENTER_RANGES');
    if (path === undefined) return;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(
        `QUALITY_DATACENTER_RANGES: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        { cause: error },
      );
    }
    this.ranges = AddressRanges.parse(text, `QUALITY_DATACENTER_RANGES (${path})`);
    this.logger.log(`${this.ranges.size} data-centre address ranges loaded from ${path}`);
  }

  classify(ip: string): AddressClass {
    if (!this.ranges) return 'unchecked';
    return this.ranges.contains(ip) ? 'datacenter' : 'other';
  }
}
