/** What the redirect needs of an ad: where it goes, and who it belongs to (for the event). */
export interface YardstickAd {
  readonly adId: string;
  readonly advertiserId: string;
  readonly targetUrl: string;
  readonly paused: boolean;
}

/**
 * The ads the bench registered, handed over at start (the yardstick's only argument, as JSON).
 * The tracker answers every lookup of a known ad from memory; so does this, through an async
 * method as the tracker's catalog does, without following the log (which is idle work, not
 * per-click work).
 */
export class YardstickAds {
  private readonly byId: ReadonlyMap<string, YardstickAd>;

  constructor(ads: readonly YardstickAd[]) {
    this.byId = new Map(ads.map((ad) => [ad.adId, ad]));
  }

  static parse(json: string | undefined): YardstickAds {
    if (!json) throw new Error('usage: main.js <ads as JSON: [{ adId, advertiserId, targetUrl }]>');
    const ads = JSON.parse(json) as Omit<YardstickAd, 'paused'>[];
    return new YardstickAds(ads.map((ad) => ({ ...ad, paused: false })));
  }

  async get(adId: string): Promise<YardstickAd | undefined> {
    return this.byId.get(adId);
  }
}
