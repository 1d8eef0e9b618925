import { describe, expect, it } from 'vitest';
import { testPng } from '../../test/support/png.js';
import { imageSize, logoBox } from './common.js';

/** A JPEG's markers up to its frame header: SOI, an APP0 segment, SOF0 with height 30 and width 70. */
const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x1e, 0x00, 0x46, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);

describe('imageSize', () => {
  it('reads PNG and JPEG sizes and refuses anything else', () => {
    expect(imageSize(testPng(40, 20))).toEqual({ width: 40, height: 20 });
    expect(imageSize(jpegHead)).toEqual({ width: 70, height: 30 });
    expect(imageSize(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(imageSize(jpegHead.subarray(0, 8))).toBeNull();
  });
});

describe('logoBox', () => {
  it('fits into the box keeping the aspect ratio and never enlarges', () => {
    expect(logoBox({ width: 400, height: 100 }, 200, 80)).toEqual({ width: 200, height: 50 });
    expect(logoBox({ width: 100, height: 400 }, 200, 80)).toEqual({ width: 20, height: 80 });
    expect(logoBox({ width: 10, height: 5 }, 200, 80)).toEqual({ width: 10, height: 5 });
  });
});
