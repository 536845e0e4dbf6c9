import { describe, expect, it } from 'vitest';
import { anyAddress, publicAddressesOnly } from '../../../src/adapters/http/platform-address-check.js';

describe('which shop addresses a merchant may point our workers at', () => {
  it.each([
    'http://127.0.0.1:8080/wp-json/wc/v3',
    'http://localhost/wp-json/wc/v3',
    'http://10.1.2.3/',
    'http://172.20.0.5/',
    'http://192.168.1.10/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    // Another spelling of 127.0.0.1 that the URL parser normalises before we look at it.
    'http://2130706433/',
  ])('refuses %s: not on the public internet', async (url) => {
    expect(await publicAddressesOnly.refusal(url)).toMatch(/private, local or reserved address/);
  });

  it.each(['https://93.184.215.14/', 'https://[2606:4700:4700::1111]/api'])('allows %s', async (url) => {
    expect(await publicAddressesOnly.refusal(url)).toBeUndefined();
  });

  it('refuses a host name that does not resolve, rather than letting a later lookup decide', async () => {
    expect(await publicAddressesOnly.refusal('https://shop.invalid/')).toMatch(/cannot be resolved/);
  });

  it('allows anything where the shops are local stand-ins', async () => {
    expect(await anyAddress.refusal('http://127.0.0.1/')).toBeUndefined();
  });
});
