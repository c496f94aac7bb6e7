/** The media types accepted as evidence, each with the file name endings that stand for it. */
export const documentMediaTypes = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'text/plain': ['.txt'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
} as const satisfies Record<string, readonly string[]>;

/** The largest evidence file accepted (bytes): 10 MB. */
export const maxDocumentBytes = 10 * 1024 * 1024;

export type DocumentMediaType = keyof typeof documentMediaTypes;

export const mediaTypes = Object.keys(documentMediaTypes) as [DocumentMediaType, ...DocumentMediaType[]];

/** The media type a file name's ending stands for (`.PDF` as `.pdf`), if it is accepted. */
export function mediaTypeOfFile(filename: string): DocumentMediaType | undefined {
  const name = filename.toLowerCase();
  return mediaTypes.find((type) => documentMediaTypes[type].some((ending: string) => name.endsWith(ending)));
}
