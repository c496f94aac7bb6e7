import { describe, expect, it } from 'vitest';
import { mediaTypeOfFile, mediaTypes } from '../../domain/media-types';

describe('the media types accepted as evidence', () => {
  it('names each by the ending of a file name, in any case', () => {
    expect(mediaTypeOfFile('Bericht.PDF')).toBe('application/pdf');
    expect(mediaTypeOfFile('foto.jpeg')).toBe('image/jpeg');
    expect(mediaTypeOfFile('foto.jpg')).toBe('image/jpeg');
    expect(mediaTypeOfFile('plan.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('names none for a file of another kind or without an ending', () => {
    expect(mediaTypeOfFile('archiv.zip')).toBeUndefined();
    expect(mediaTypeOfFile('pdf')).toBeUndefined();
  });

  it('lists every type once', () => {
    expect(new Set(mediaTypes).size).toBe(mediaTypes.length);
    expect(mediaTypes).toContain('text/plain');
  });
});
