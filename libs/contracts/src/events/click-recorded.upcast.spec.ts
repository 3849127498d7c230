import { parseClickRecorded } from './click-recorded.upcast';

const common = {
  impressionId: 'Zq3kP0cTQ2uN0b9wX1y2aA',
  adId: '00000000-0000-4000-8000-0000000000a1',
  advertiserId: '00000000-0000-4000-8000-00000000a000',
  clickedAt: '2026-12-07T10:15:00.000Z',
  userKey: 'u-1',
  country: 'DE',
  placement: 'sidebar',
  adPaused: false,
};
const version2 = {
  version: 2,
  ...common,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
  referrerHost: 'news.example',
  declaredPurpose: null,
  addressClass: 'other',
  msSinceMint: 1_250,
};
const version1 = { version: 1, ...common, device: 'mobile', bot: false };

describe('parseClickRecorded', () => {
  it('reads both stored versions into the same facts', () => {
    expect(parseClickRecorded(version2)).toMatchObject({
      country: 'DE',
      placement: 'sidebar',
      adPaused: false,
      addressClass: 'other',
      recordedVerdict: null,
    });
    expect(parseClickRecorded(version1)).toMatchObject({
      userAgent: null,
      addressClass: null,
      recordedVerdict: { bot: false, device: 'mobile' },
    });
  });

  it('keeps what older events left out as null, and an absent flag as false', () => {
    const { country, placement, adPaused, ...rest } = version1;
    void [country, placement, adPaused];
    expect(parseClickRecorded(rest)).toMatchObject({
      country: null,
      placement: null,
      adPaused: false,
    });
    expect(parseClickRecorded({ ...version2, country: null, placement: null })).toMatchObject({
      country: null,
      placement: null,
    });
  });

  it.each([
    ['country', 49, 'country is not a string'],
    ['country', {}, 'country is not a string'],
    ['placement', ['top'], 'placement is not a string'],
    ['adPaused', 'yes', 'adPaused is not a boolean'],
    ['adPaused', 1, 'adPaused is not a boolean'],
  ])('refuses %s = %j in both versions', (field, value, problem) => {
    for (const event of [version1, version2])
      expect(() => parseClickRecorded({ ...event, [field]: value })).toThrow(problem);
  });

  it('names every problem of an event at once', () => {
    expect(() =>
      parseClickRecorded({ ...version2, adId: 'not-a-uuid', userAgent: 7, addressClass: 'x' }),
    ).toThrow(
      'malformed ClickRecorded: adId is not a UUID, userAgent is not a string, unknown addressClass "x"',
    );
  });

  it('refuses versions it does not know', () => {
    expect(() => parseClickRecorded({ ...version2, version: 3 })).toThrow('unsupported version 3');
    expect(() => parseClickRecorded('{}')).toThrow('not an object');
  });
});
