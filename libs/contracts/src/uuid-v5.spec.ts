import { uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC test vector (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is deterministic and distinguishes names', () => {
    expect(uuidV5('click-a')).toBe(uuidV5('click-a'));
    expect(uuidV5('click-a')).not.toBe(uuidV5('click-b'));
  });
});
