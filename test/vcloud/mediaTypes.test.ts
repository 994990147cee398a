import { describe, expect, it } from 'vitest';
import { MEDIA, acceptHeader, essence, isVendorType, mediaTypeParam, sameMediaType } from '../../src/vcloud/mediaTypes.js';

describe('vCloud media types', () => {
  it('compares case-insensitively and ignores parameters', () => {
    expect(sameMediaType('Application/VND.vmware.vcloud.catalogItem+XML;version=5.1', MEDIA.catalogItem)).toBe(true);
    expect(sameMediaType(MEDIA.vApp, MEDIA.vAppTemplate)).toBe(false);
    expect(sameMediaType(undefined, MEDIA.vApp)).toBe(false);
    expect(essence(' text/XML ; charset=utf-8')).toBe('text/xml');
  });
  it('reads parameters', () => {
    expect(mediaTypeParam('application/vnd.vmware.vcloud.session+xml;Version="1.5"', 'version')).toBe('1.5');
    expect(mediaTypeParam('text/xml', 'version')).toBeUndefined();
  });
  it('tells vendor types from generic ones', () => {
    expect(isVendorType('application/vnd.vmware.vcloud.org+xml;version=1.5')).toBe(true);
    expect(isVendorType('application/vnd.vmware.admin.catalogItem+xml')).toBe(true);
    expect(isVendorType('application/xml')).toBe(false);
    expect(isVendorType('application/*+xml')).toBe(false);
  });
  it('asks for a version in Accept', () => expect(acceptHeader('5.1')).toBe('application/*+xml;version=5.1'));
});
