/** A Mantine rule: the text must not be blank (the API's `Text` is a non-empty string). */
export const required =
  (message: string) =>
  (value: string): string | null =>
    value.trim() ? null : message;
